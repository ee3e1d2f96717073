package dev.clocksync.electionservice.election;

import dev.clocksync.election.Algorithm;
import dev.clocksync.electionservice.node.ElectionDriver;
import dev.clocksync.electionservice.node.NodeUnavailableException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "election", description = "The coordinator, and elections")
class ElectionController {

    private final ElectionDriver driver;

    ElectionController(ElectionDriver driver) {
        this.driver = driver;
    }

    @GetMapping("/election")
    @Operation(summary = "Who leads, as this node sees it",
            description = "The node's id, the coordinator of its term (null while it knows none), the term, its state "
                    + "(LEADER, FOLLOWER, ELECTING, CRASHED), its algorithm, whether its coordinator is live (heard from "
                    + "within the failure timeout), and its latest election: algorithm, initiator, duration, and the "
                    + "election messages this node sent in it, by type. Answers even while crashed.")
    ElectionView election() {
        return ElectionView.of(driver.state(), driver.knowsLiveLeader());
    }

    @GetMapping("/election/history")
    @Operation(summary = "Recent events",
            description = "What happened to this node, newest first: elections started and joined, coordinators learnt, "
                    + "silent coordinators, rejected claims, crashes and recoveries.")
    @ApiResponse(responseCode = "200", description = "Recent events")
    @ApiResponse(responseCode = "400", description = "limit out of range",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    List<EventView> history(@Parameter(description = "How many to return, 1 to 1000")
                            @RequestParam(defaultValue = "20") @Min(1) @Max(1000) int limit) {
        return driver.history(limit).stream().map(EventView::of).toList();
    }

    @PostMapping("/election")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Start an election",
            description = "Starts an election in a new term, with the node's configured algorithm or the one named. The "
                    + "answer comes at once, with the node's state right after the start (the new term, ELECTING); "
                    + "follow the outcome with GET /election. Every node takes part in either algorithm.")
    @ApiResponse(responseCode = "202", description = "Started")
    @ApiResponse(responseCode = "400", description = "algorithm is neither bully nor ring",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The node is crashed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ElectionView start(@Parameter(description = "bully or ring; the node's configured algorithm if absent")
                       @RequestParam(required = false) @Pattern(regexp = "bully|ring", message = "must be bully or ring")
                       String algorithm) {
        if (driver.crashed()) {
            throw NodeUnavailableException.crashed();
        }
        Algorithm chosen = algorithm == null ? driver.properties().algorithm() : Algorithm.ofLabel(algorithm);
        return ElectionView.of(driver.startElection(chosen), driver.knowsLiveLeader());
    }
}
