package dev.clocksync.election;

import java.util.Objects;

/**
 * Something that happened to a node, for its history, logs and metrics.
 *
 * @param kind     what happened
 * @param atNanos  when (the monotonic time passed in with the input)
 * @param term     the node's term afterwards
 * @param leader   LEADER_ELECTED: the coordinator; LEADER_SUSPECTED: the silent one; COORDINATOR_REJECTED: the
 *                 rejected claimant; FENCED: the coordinator followed until then, if any; else the coordinator
 *                 believed afterwards, if any
 * @param reason   ELECTION_STARTED: why
 * @param election the election of the node's term afterwards, as the node sees it; null when it has none
 */
public record ElectionEvent(Kind kind, long atNanos, long term, Integer leader, Reason reason, ElectionSummary election) {

    public ElectionEvent {
        Objects.requireNonNull(kind, "kind");
    }

    /** What happened. */
    public enum Kind {
        /** This node started an election (a new term). */
        ELECTION_STARTED,
        /** This node took part in an election another node started. */
        ELECTION_JOINED,
        /** This node learnt the coordinator of its term (itself, if it won). */
        LEADER_ELECTED,
        /** The coordinator was silent for the failure timeout. */
        LEADER_SUSPECTED,
        /** A second coordinator claimed a term whose coordinator this node already knew; it was not believed. */
        COORDINATOR_REJECTED,
        /**
         * A Berkeley slave refused the node's adjustment, having accepted a newer term from another master: the node
         * took the term, and stepped down if it led.
         */
        FENCED,
        /** The node went down (fault injection). */
        CRASHED,
        /** The node came back. */
        RECOVERED
    }
}
