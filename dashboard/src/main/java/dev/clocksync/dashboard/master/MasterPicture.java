package dev.clocksync.dashboard.master;

import dev.clocksync.dashboard.DashboardProperties;
import dev.clocksync.dashboard.watch.Probe;
import dev.clocksync.dashboard.watch.Readings;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Berkeley masters as the page shows them, put together from what each says of itself on {@code GET /election}.
 * Several masters elect the one that runs the rounds among themselves; a master run alone (no {@code election.peers})
 * is not elected, answers that with 404, and is the master, in term 0.
 *
 * @param leader  the leading master's name: the live one that leads in the highest term (of two in one term, the
 *                first configured); null while none does (an election is running, or every master is down)
 * @param term    the leader's term, else the highest term any live master knows; 0 if none answers, or none is elected
 * @param elected whether the masters elect their leader (any of them has answered {@code GET /election}): only then can
 *                a master be crashed and recovered
 * @param masters every master, in configured order
 */
@Schema(description = "The Berkeley masters and which of them leads")
public record MasterPicture(String leader, long term, boolean elected, List<MasterStatus> masters) {

    /**
     * One master.
     *
     * @param name    its name ({@code node.name})
     * @param url     its base URL
     * @param status  {@code leader}, {@code standby} (it follows the leader, and passes round requests on to it),
     *                {@code electing}, {@code crashed} (it answers, but plays dead: {@code POST /admin/crash}) or
     *                {@code down} (no answer)
     * @param elected whether it takes part in an election (false: it runs alone, and leads whenever it is up)
     * @param error   why it is down
     * @param view    its last answer to {@code GET /election} (kept while it is down, for the page to grey); null if
     *                it is not elected
     */
    @Schema(description = "One Berkeley master")
    public record MasterStatus(String name, String url, String status, boolean elected, String error,
            Readings.Election view) {

        /**
         * @param answered whether its last {@code GET /election} answered (404, not elected, included)
         * @param view     its last good answer; null if it has none or said it is not elected
         */
        public static MasterStatus of(String name, String url, boolean answered, String error, Readings.Election view) {
            String status;
            if (!answered) {
                status = "down";
            } else if (view == null) {
                status = "leader";
            } else {
                status = switch (String.valueOf(view.state())) {
                    case "LEADER" -> "leader";
                    case "ELECTING" -> "electing";
                    case "CRASHED" -> "crashed";
                    default -> "standby";
                };
            }
            return new MasterStatus(name, url, status, view != null, answered ? null : error, view);
        }

        /** @return its term: 0 if it is not elected */
        long term() {
            return view == null ? 0 : view.term();
        }

        boolean live() {
            return !"down".equals(status) && !"crashed".equals(status);
        }
    }

    /**
     * @param masters the masters, in configured order
     * @param views   each one's latest {@code GET /election}, by name
     * @return the picture of these masters
     */
    public static MasterPicture of(List<DashboardProperties.Service> masters, Map<String, Probe<Readings.Election>> views) {
        List<MasterStatus> statuses = new ArrayList<>();
        for (DashboardProperties.Service master : masters) {
            Probe<Readings.Election> view = views.getOrDefault(master.name(), Probe.pending());
            statuses.add(MasterStatus.of(master.name(), master.url().toString(), view.up(), view.error(), view.value()));
        }
        return of(statuses);
    }

    /** @return the master of this name; empty if there is none */
    public Optional<MasterStatus> master(String name) {
        return masters.stream().filter(master -> master.name().equals(name)).findFirst();
    }

    /** @return the picture of these masters */
    public static MasterPicture of(List<MasterStatus> masters) {
        MasterStatus leader = null;
        for (MasterStatus master : masters) {
            if (master.live() && "leader".equals(master.status()) && (leader == null || master.term() > leader.term())) {
                leader = master;
            }
        }
        long term = leader != null ? leader.term()
                : masters.stream().filter(MasterStatus::live).mapToLong(MasterStatus::term).max().orElse(0);
        boolean elected = masters.stream().anyMatch(MasterStatus::elected);
        return new MasterPicture(leader == null ? null : leader.name(), term, elected, List.copyOf(masters));
    }
}
