package dev.clocksync.electionservice.admin;

import dev.clocksync.electionservice.election.ElectionView;
import dev.clocksync.electionservice.node.ElectionDriver;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "admin", description = "Fault injection")
class AdminController {

    private final ElectionDriver driver;

    AdminController(ElectionDriver driver) {
        this.driver = driver;
    }

    @PostMapping("/admin/crash")
    @Operation(summary = "Crash this node",
            description = "From now on the node behaves as dead: it refuses election messages and heartbeats with 503, "
                    + "sends none, sets no timers and starts no elections, and its health is DOWN, until POST "
                    + "/admin/recover. The others notice as they would a killed process. GET /election still answers, "
                    + "with state CRASHED.")
    @ApiResponse(responseCode = "200", description = "Crashed")
    @ApiResponse(responseCode = "409", description = "Already crashed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ElectionView crash() {
        if (driver.crashed()) {
            throw NodeStateConflictException.alreadyCrashed();
        }
        return ElectionView.of(driver.crash(), false);
    }

    @PostMapping("/admin/recover")
    @Operation(summary = "Recover this node",
            description = "The node comes back, with the term it had, and holds an election with its configured algorithm: "
                    + "if it has the highest id of the live nodes, it takes over.")
    @ApiResponse(responseCode = "200", description = "Recovered, and electing")
    @ApiResponse(responseCode = "409", description = "Not crashed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ElectionView recover() {
        if (!driver.crashed()) {
            throw NodeStateConflictException.notCrashed();
        }
        return ElectionView.of(driver.recover(), driver.knowsLiveLeader());
    }
}
