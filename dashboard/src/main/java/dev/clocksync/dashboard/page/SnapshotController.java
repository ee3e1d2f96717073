package dev.clocksync.dashboard.page;

import dev.clocksync.dashboard.DashboardProperties;
import dev.clocksync.dashboard.DashboardProperties.Service;
import dev.clocksync.dashboard.election.ElectionPicture;
import dev.clocksync.dashboard.master.MasterPicture;
import dev.clocksync.dashboard.watch.ClusterWatcher;
import dev.clocksync.dashboard.watch.OffsetHistory;
import dev.clocksync.dashboard.watch.Probe;
import dev.clocksync.dashboard.watch.Readings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@RestController
@Validated
@Tag(name = "dashboard", description = "What the page shows")
class SnapshotController {

    private static final long MAX_SEQUENCE = 1_000_000_000_000L;

    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    private final DashboardProperties properties;
    private final ClusterWatcher watcher;
    private final InstantSource host;

    SnapshotController(DashboardProperties properties, ClusterWatcher watcher, InstantSource host) {
        this.properties = properties;
        this.watcher = watcher;
        this.host = host;
    }

    @GetMapping("/api/snapshot")
    @Operation(summary = "Everything the page shows",
            description = "Every clock's latest reading (offset from its host clock, drift, pending slew; a client's "
                    + "latest sync), the chart's rows after the sequence number given, the latest round as whichever "
                    + "master answers, the masters and which of them leads, and the election nodes with the coordinator and the latest election. A service that does not answer "
                    + "is marked down with the reason, and its last good answer is kept. Read from the dashboard's own "
                    + "copies, refreshed every dashboard.refresh: this never waits for a service.")
    @ApiResponse(responseCode = "200", description = "The snapshot")
    @ApiResponse(responseCode = "400", description = "after is not a whole number from 0 to 10^12",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    Snapshot snapshot(@Parameter(description = "Chart rows after this sequence number only (0: every row kept; "
                              + "at most 10^12, ten thousand years of rows at the fastest refresh)")
                      @RequestParam(defaultValue = "0") @Min(0) @Max(MAX_SEQUENCE) long after) {
        List<Snapshot.ClockStatus> clocks = new ArrayList<>();
        Map<String, Probe<Readings.Clock>> readings = watcher.clocks();
        Map<String, Probe<Readings.Sync>> syncs = watcher.syncs();
        for (Service clock : properties.clocks()) {
            Probe<Readings.Clock> reading = readings.get(clock.name());
            Probe<Readings.Sync> sync = syncs.get(clock.name());
            clocks.add(new Snapshot.ClockStatus(clock.name(), role(clock), clock.url().toString(), reading.up(),
                    reading.error(), reading.value(), sync == null ? null : sync.value()));
        }
        OffsetHistory.Page page = watcher.history().page(after);
        Snapshot.Chart chart = new Snapshot.Chart(watcher.history().clocks(), page.latest(), page.rows());
        Snapshot.RoundStatus round = Snapshot.RoundStatus.of(properties.masters(), watcher.rounds());
        List<ElectionPicture.NodeStatus> nodes = new ArrayList<>();
        Map<Integer, Probe<Readings.Election>> views = watcher.nodes();
        for (DashboardProperties.Node node : properties.nodes()) {
            Probe<Readings.Election> view = views.get(node.id());
            nodes.add(ElectionPicture.NodeStatus.of(node.id(), node.url().toString(), view.up(), view.error(), view.value()));
        }
        return new Snapshot(instance, host.millis(), properties.refresh().toMillis(), properties.window().toMillis(),
                properties.controls(), properties.actionTimeout().toMillis(), clocks, chart, round,
                MasterPicture.of(properties.masters(), watcher.masters()), ElectionPicture.of(nodes));
    }

    private String role(Service clock) {
        if (clock.equals(properties.timeServer())) {
            return "time-server";
        }
        if (properties.masters().contains(clock)) {
            return "master";
        }
        return properties.clients().contains(clock) ? "client" : "slave";
    }
}
