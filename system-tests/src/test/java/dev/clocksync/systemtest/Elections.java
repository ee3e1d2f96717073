package dev.clocksync.systemtest;

import tools.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Set;
import java.util.function.IntFunction;

/** What the system tests call an election settled, whichever way they reach the nodes. */
final class Elections {

    private Elections() {
    }

    /**
     * @param election node id → its {@code GET /election}, or null if it did not answer
     * @return whether the nodes {@code ids} all name {@code leader} in one term, and the leader knows it leads
     */
    static boolean agree(IntFunction<JsonNode> election, int leader, int... ids) {
        Set<Long> terms = new HashSet<>();
        for (int id : ids) {
            JsonNode view = election.apply(id);
            if (view == null || !view.get("leaderId").isNumber() || view.get("leaderId").asInt() != leader) {
                return false;
            }
            terms.add(view.get("term").asLong());
        }
        JsonNode leaderView = election.apply(leader);
        return terms.size() == 1 && leaderView != null && "LEADER".equals(leaderView.get("state").asString());
    }
}
