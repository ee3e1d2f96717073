package dev.clocksync.election;

import java.util.List;

/**
 * What a node knows, at one moment.
 *
 * @param id             the node's id
 * @param members        every member's id, ascending, this node's included
 * @param algorithm      the algorithm the node uses for elections it starts by itself
 * @param role           what it is doing
 * @param term           its term: the number of the latest election it knows of
 * @param leader         the coordinator of its term, or null if it knows none
 * @param lastHeardNanos when it last heard from the coordinator (monotonic), or null if it knows none
 * @param suspectAfterNanos how long it lets the coordinator be silent before it suspects it: the failure timeout on a
 *                       quiet machine, longer on a starved one
 * @param lastElection   the election of its term, as far as it saw it; null before the first
 */
public record NodeState(int id, List<Integer> members, Algorithm algorithm, Role role, long term, Integer leader,
        Long lastHeardNanos, long suspectAfterNanos, ElectionSummary lastElection) {

    public NodeState {
        members = List.copyOf(members);
    }

    /**
     * @param nowNanos the monotonic time now
     * @return whether this node is the coordinator, or follows one it does not suspect yet
     */
    public boolean knowsLiveLeader(long nowNanos) {
        return role == Role.LEADER
                || (role == Role.FOLLOWER && lastHeardNanos != null && nowNanos - lastHeardNanos < suspectAfterNanos);
    }
}
