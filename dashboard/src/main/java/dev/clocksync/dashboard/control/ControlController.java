package dev.clocksync.dashboard.control;

import dev.clocksync.dashboard.DashboardProperties;
import dev.clocksync.dashboard.DashboardProperties.Service;
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
    @Operation(summary = "Run a Berkeley round", description = "POST /rounds on the master; answers with the round.")
    @ApiResponse(responseCode = "200", description = "The master's round")
    ActionResult round() {
        try {
            return controls.post("round", properties.master().name(), properties.master().url(), "/rounds");
        } finally {
            watcher.refreshBerkeley();
        }
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
