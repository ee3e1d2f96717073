package dev.clocksync.dashboard.control;

import dev.clocksync.dashboard.DashboardProperties;
import dev.clocksync.dashboard.DashboardProperties.Service;
import dev.clocksync.dashboard.master.MasterPicture;
import dev.clocksync.dashboard.watch.ClusterWatcher;
import dev.clocksync.support.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@Tag(name = "controls", description = "The page's buttons: each calls one service's own endpoint with the cluster's token")
@ApiResponse(responseCode = "403", description = "Controls are off (dashboard.controls=false), or the request came from another web site",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "502", description = "The service did not answer, failed, or refused the dashboard's token",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class ControlController {

    private final DashboardProperties properties;
    private final Controls controls;
    private final ClusterWatcher watcher;

    ControlController(DashboardProperties properties, Controls controls, ClusterWatcher watcher) {
        this.properties = properties;
        this.controls = controls;
        this.watcher = watcher;
    }

    @PostMapping("/api/actions/round")
    @Operation(summary = "Run a Berkeley round", description = "POST /rounds on the leading master (any master would pass "
            + "it on to the leader; asking the leader saves a hop), or on the first master while none is known to lead; "
            + "answers with the round.")
    @ApiResponse(responseCode = "200", description = "The master's round")
    ActionResult round() {
        MasterPicture picture = MasterPicture.of(properties.masters(), watcher.masters());
        Service master = properties.masters().stream().filter(candidate -> candidate.name().equals(picture.leader()))
                .findFirst().orElse(properties.masters().get(0));
        try {
            return controls.post("round", master.name(), master.url(), "/rounds");
        } finally {
            watcher.refreshBerkeley();
        }
    }

    @PostMapping("/api/actions/masters/{name}/crash")
    @Operation(summary = "Crash a master", description = "POST /admin/crash on the master: it plays dead (503 to rounds "
            + "and registrations) until recovered, and the other masters elect a new leader.")
    @ApiResponse(responseCode = "200", description = "The master's state")
    @ApiResponse(responseCode = "404", description = "No such master",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "Already crashed, or the master is not elected (it runs alone)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ActionResult crashMaster(@Parameter(description = "The master's name", example = "master") @PathVariable String name) {
        return onMaster("crash", name, "/admin/crash");
    }

    @PostMapping("/api/actions/masters/{name}/recover")
    @Operation(summary = "Recover a master", description = "POST /admin/recover on the master: it comes back and holds an election.")
    @ApiResponse(responseCode = "200", description = "The master's state")
    @ApiResponse(responseCode = "404", description = "No such master",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "Not crashed, or the master is not elected (it runs alone)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ActionResult recoverMaster(@Parameter(description = "The master's name", example = "master") @PathVariable String name) {
        return onMaster("recover", name, "/admin/recover");
    }

    @PostMapping("/api/actions/clients/{name}/sync")
    @Operation(summary = "Sync a Cristian client now", description = "POST /sync on the client; answers with its sync.")
    @ApiResponse(responseCode = "200", description = "The client's sync")
    @ApiResponse(responseCode = "404", description = "No such client",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "429", description = "The client rate-limits manual syncs",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ActionResult sync(@Parameter(description = "The client's name", example = "mobile") @PathVariable String name) {
        Service client = properties.clients().stream().filter(candidate -> candidate.name().equals(name)).findFirst()
                .orElseThrow(() -> Problems.exception(HttpStatus.NOT_FOUND, "no-such-client", "No such client",
                        "No Cristian client is named " + name + "; the clients are "
                                + properties.clients().stream().map(Service::name).toList()));
        try {
            return controls.post("sync", client.name(), client.url(), "/sync");
        } finally {
            watcher.refreshClock(client.name());
        }
    }

    @PostMapping("/api/actions/nodes/{id}/crash")
    @Operation(summary = "Crash a node", description = "POST /admin/crash on the node: it plays dead until recovered.")
    @ApiResponse(responseCode = "200", description = "The node's state")
    @ApiResponse(responseCode = "404", description = "No such node",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "Already crashed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ActionResult crash(@Parameter(description = "The node's id", example = "5") @PathVariable int id) {
        return onNode("crash", id, "/admin/crash");
    }

    @PostMapping("/api/actions/nodes/{id}/recover")
    @Operation(summary = "Recover a node", description = "POST /admin/recover on the node: it comes back and holds an election.")
    @ApiResponse(responseCode = "200", description = "The node's state")
    @ApiResponse(responseCode = "404", description = "No such node",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "Not crashed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ActionResult recover(@Parameter(description = "The node's id", example = "5") @PathVariable int id) {
        return onNode("recover", id, "/admin/recover");
    }

    @PostMapping("/api/actions/nodes/{id}/election")
    @Operation(summary = "Start an election from a node", description = "POST /election?algorithm=... on the node.")
    @ApiResponse(responseCode = "200", description = "The node's state right after the start")
    @ApiResponse(responseCode = "400", description = "algorithm is neither bully nor ring",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such node",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ActionResult election(@Parameter(description = "The node's id", example = "2") @PathVariable int id,
                          @Parameter(description = "bully or ring") @RequestParam
                          @Pattern(regexp = "bully|ring", message = "must be bully or ring") String algorithm) {
        return onNode("election", id, "/election?algorithm=" + algorithm);
    }

    private ActionResult onMaster(String action, String name, String path) {
        Service master = properties.masters().stream().filter(candidate -> candidate.name().equals(name)).findFirst()
                .orElseThrow(() -> Problems.exception(HttpStatus.NOT_FOUND, "no-such-master", "No such master",
                        "No Berkeley master is named " + name + "; the masters are "
                                + properties.masters().stream().map(Service::name).toList()));
        MasterPicture.MasterStatus status = MasterPicture.of(properties.masters(), watcher.masters()).master(name).orElseThrow();
        if (!status.elected() && !"down".equals(status.status())) {
            // It answered GET /election with 404: it runs alone, and has nothing to crash out of (no other takes over).
            throw Problems.exception(HttpStatus.CONFLICT, "master-not-elected", "Master not elected",
                    name + " is not elected (it runs alone, with no election.peers), so it cannot be crashed or recovered");
        }
        try {
            return controls.post(action, master.name(), master.url(), path);
        } finally {
            watcher.refreshMasters();
        }
    }

    private ActionResult onNode(String action, int id, String path) {
        DashboardProperties.Node node = properties.nodes().stream().filter(candidate -> candidate.id() == id).findFirst()
                .orElseThrow(() -> Problems.exception(HttpStatus.NOT_FOUND, "no-such-node", "No such node",
                        "No election node has id " + id + "; the nodes are "
                                + properties.nodes().stream().map(DashboardProperties.Node::id).toList()));
        try {
            return controls.post(action, node.name(), node.url(), path);
        } finally {
            watcher.refreshNodes();
        }
    }
}
