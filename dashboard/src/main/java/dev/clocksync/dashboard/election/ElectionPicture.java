package dev.clocksync.dashboard.election;

import dev.clocksync.dashboard.watch.Readings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The election cluster as the page shows it, put together from what each node says of itself.
 *
 * @param coordinator  the coordinator: the live node that leads in the highest term; null while none does
 *                     (an election is running, or every node is down)
 * @param term         the coordinator's term, else the highest term any live node knows; 0 if none answers
 * @param agreed       whether every live node names the coordinator in that term
 * @param lastElection the election of that term, from the live nodes' own accounts; null if none has one
 * @param nodes        every node, in configured order
 */
public record ElectionPicture(Integer coordinator, long term, boolean agreed, Election lastElection, List<NodeStatus> nodes) {

    /**
     * One node.
     *
     * @param id     its id
     * @param name   {@code node-<id>}
     * @param url    its base URL
     * @param status {@code up}, {@code crashed} (it answers, but plays dead: {@code POST /admin/crash}) or
     *               {@code down} (no answer)
     * @param error  why it is down
     * @param view   its last answer (kept while it is down, for the page to grey)
     */
    public record NodeStatus(int id, String name, String url, String status, String error, Readings.Election view) {

        public static NodeStatus of(int id, String url, boolean answered, String error, Readings.Election view) {
            String status = !answered ? "down" : view != null && "CRASHED".equals(view.state()) ? "crashed" : "up";
            return new NodeStatus(id, "node-" + id, url, status, answered ? null : error, view);
        }

        boolean live() {
            return "up".equals(status) && view != null;
        }
    }

    /**
     * An election as the live nodes who took part in it tell it.
     *
     * @param term             its term
     * @param algorithm        bully or ring
     * @param initiator        who started it, if known
     * @param reason           why the initiator started it, if it said
     * @param outcome          elected, or in progress
     * @param durationMillis   the longest any node took from starting or joining it to knowing its coordinator
     * @param messages         election messages the live nodes sent in it, in all
     * @param messagesByType   the same by type (ELECTION, ANSWER, COORDINATOR ...)
     * @param reportedBy       how many nodes' accounts these figures add up (a node that is down now cannot say)
     */
    public record Election(long term, String algorithm, Integer initiator, String reason, String outcome,
            Double durationMillis, int messages, Map<String, Integer> messagesByType, int reportedBy) {
    }

    /** @return the picture of these nodes */
    public static ElectionPicture of(List<NodeStatus> nodes) {
        List<NodeStatus> live = nodes.stream().filter(NodeStatus::live).toList();
        NodeStatus leader = live.stream().filter(node -> "LEADER".equals(node.view().state()))
                .max(Comparator.comparingLong((NodeStatus node) -> node.view().term()).thenComparingInt(NodeStatus::id))
                .orElse(null);
        long term = leader != null ? leader.view().term() : live.stream().mapToLong(node -> node.view().term()).max().orElse(0);
        Integer coordinator = leader == null ? null : leader.id();
        boolean agreed = coordinator != null && live.stream()
                .allMatch(node -> node.view().term() == term && coordinator.equals(node.view().leaderId()));
        return new ElectionPicture(coordinator, term, agreed, election(live), List.copyOf(nodes));
    }

    /** The newest election any live node has an account of, with all live nodes' accounts of it added up. */
    private static Election election(List<NodeStatus> live) {
        long newest = live.stream().map(node -> node.view().lastElection()).filter(Objects::nonNull)
                .mapToLong(Readings.LastElection::term).max().orElse(-1);
        List<Readings.LastElection> accounts = new ArrayList<>();
        Readings.LastElection own = null;
        for (NodeStatus node : live) {
            Readings.LastElection account = node.view().lastElection();
            if (account != null && account.term() == newest) {
                accounts.add(account);
                if (own == null && Objects.equals(account.initiator(), node.id())) {
                    own = account;
                }
            }
        }
        if (accounts.isEmpty()) {
            return null;
        }
        // Who started it, why and how, from one account: the initiator's own if it is live (only a node that
        // started an election gives a reason), else the first that gives a reason, else any.
        Readings.LastElection told = own != null ? own : accounts.stream().filter(account -> account.reason() != null)
                .findFirst().orElse(accounts.get(0));
        String algorithm = told.algorithm();
        Integer initiator = told.initiator();
        String reason = told.reason();
        boolean elected = accounts.stream().anyMatch(account -> "elected".equals(account.outcome()));
        Double duration = accounts.stream().map(Readings.LastElection::durationMillis).filter(Objects::nonNull)
                .max(Double::compare).orElse(null);
        Map<String, Integer> byType = new TreeMap<>();
        for (Readings.LastElection account : accounts) {
            if (account.messagesSent() != null) {
                account.messagesSent().forEach((type, count) -> byType.merge(type, count == null ? 0 : count, Integer::sum));
            }
        }
        int messages = byType.values().stream().mapToInt(Integer::intValue).sum();
        return new Election(newest, algorithm, initiator, reason, elected ? "elected" : "in progress", duration, messages,
                byType, accounts.size());
    }
}
