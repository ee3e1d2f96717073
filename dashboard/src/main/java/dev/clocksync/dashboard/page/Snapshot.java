package dev.clocksync.dashboard.page;

import dev.clocksync.dashboard.election.ElectionPicture;
import dev.clocksync.dashboard.watch.OffsetHistory;
import dev.clocksync.dashboard.watch.Readings;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * Everything the page shows, as of one moment.
 *
 * @param instance this dashboard process (changes when it restarts, and its chart rows start again from 1)
 * @param at       host epoch milliseconds
 * @param refreshMillis how often the page should ask again
 * @param windowMillis  how much history the chart shows
 * @param controls whether the page's buttons work
 * @param actionTimeoutMillis how long a button's call may take (the page waits a little longer)
 * @param clocks   every clock, in the chart's order
 * @param chart    the chart's rows after the sequence number the page asked with
 * @param round    the master and its latest round
 * @param election the election cluster
 */
@Schema(description = "The whole dashboard as of one moment")
record Snapshot(String instance, long at, long refreshMillis, long windowMillis, boolean controls, long actionTimeoutMillis, List<ClockStatus> clocks, Chart chart, RoundStatus round,
        ElectionPicture election) {

    /**
     * One clock.
     *
     * @param name     its name on the page
     * @param role     time-server, client, master or slave
     * @param url      its base URL
     * @param up       whether its last read answered
     * @param error    why not
     * @param reading  its last good {@code GET /clock}
     * @param lastSync a client's latest sync (absent for others, and before the first)
     */
    @Schema(description = "One clock")
    record ClockStatus(String name, String role, String url, boolean up, String error, Readings.Clock reading,
            Readings.Sync lastSync) {
    }

    /**
     * The chart's data.
     *
     * @param clocks the series' names, in the order of each row's offsets
     * @param latest the newest row's sequence number: ask with {@code after=<latest>} next time
     * @param rows   the rows after the sequence asked for, oldest first
     */
    @Schema(description = "Offsets over time")
    record Chart(List<String> clocks, long latest, List<OffsetHistory.Row> rows) {
    }

    /**
     * The Berkeley master.
     *
     * @param name   its name
     * @param url    its base URL
     * @param up     whether its last read answered
     * @param error  why not
     * @param latest its latest round; null before the first
     */
    @Schema(description = "The Berkeley master and its latest round")
    record RoundStatus(String name, String url, boolean up, String error, Readings.Round latest) {
    }
}
