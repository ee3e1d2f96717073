package dev.clocksync.dashboard.page;

import dev.clocksync.dashboard.DashboardProperties;
import dev.clocksync.dashboard.election.ElectionPicture;
import dev.clocksync.dashboard.master.MasterPicture;
import dev.clocksync.dashboard.watch.OffsetHistory;
import dev.clocksync.dashboard.watch.Probe;
import dev.clocksync.dashboard.watch.Readings;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
 * @param round    the latest round, as whichever master answers
 * @param masters  the Berkeley masters and which of them leads
 * @param election the election cluster
 */
@Schema(description = "The whole dashboard as of one moment")
record Snapshot(String instance, long at, long refreshMillis, long windowMillis, boolean controls, long actionTimeoutMillis, List<ClockStatus> clocks, Chart chart, RoundStatus round,
        MasterPicture masters, ElectionPicture election) {

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
     * The latest Berkeley round. Every master answers it (a standby passes the request on to the leader), so it is
     * the answer of the newest round any master gave: of the highest term, then the highest number.
     *
     * @param name   the master whose answer this is (the round's {@code leader} names the master that ran it)
     * @param url    its base URL
     * @param up     whether any master answered its last read
     * @param error  why none did: each master's reason
     * @param latest the latest round; null before the first (kept while no master answers)
     */
    @Schema(description = "The latest Berkeley round, as whichever master answers")
    record RoundStatus(String name, String url, boolean up, String error, Readings.Round latest) {

        private static final Comparator<Readings.Round> NEWEST = Comparator.comparingLong(Readings.Round::term)
                .thenComparingLong(Readings.Round::round);

        /**
         * @param masters the masters, in configured order
         * @param rounds  each one's latest answer, by name
         */
        static RoundStatus of(List<DashboardProperties.Service> masters, Map<String, Probe<Readings.Round>> rounds) {
            DashboardProperties.Service chosen = null;
            Probe<Readings.Round> best = null;
            boolean anyUp = false;
            for (DashboardProperties.Service master : masters) {
                Probe<Readings.Round> probe = rounds.get(master.name());
                if (probe == null) {
                    continue;
                }
                boolean better = best == null
                        || probe.up() && !best.up()
                        || probe.up() == best.up() && newer(probe.value(), best.value());
                if (better) {
                    chosen = master;
                    best = probe;
                }
                anyUp |= probe.up();
            }
            if (best == null) {
                return new RoundStatus(null, null, false, "no master", null);
            }
            String error = anyUp ? null : masters.stream().filter(master -> rounds.containsKey(master.name()))
                    .map(master -> master.name() + ": " + rounds.get(master.name()).error())
                    .collect(Collectors.joining("; "));
            return new RoundStatus(chosen.name(), chosen.url().toString(), anyUp, error, best.value());
        }

        private static boolean newer(Readings.Round round, Readings.Round than) {
            return round != null && (than == null || NEWEST.compare(round, than) > 0);
        }
    }
}
