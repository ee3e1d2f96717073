package dev.clocksync.election;

/** Why a node started an election. */
public enum Reason {

    /** The node has just started and knows no coordinator. */
    STARTUP,

    /** Somebody asked for one ({@code POST /election}). */
    MANUAL,

    /** Nothing was heard from the coordinator for the failure timeout. */
    LEADER_FAILED,

    /** The node has recovered from a crash (a node that recovers holds an election). */
    RECOVERED,

    /** Bully: a higher node answered but no COORDINATOR came within the coordinator timeout. */
    COORDINATOR_TIMEOUT,

    /** Ring: the election this node started or passed on did not produce a coordinator within the ring timeout. */
    RING_TIMEOUT,

    /** A coordinator with a lower id than this live node was announced: this node takes over (the "bully" rule). */
    LOWER_COORDINATOR,

    /** This node coordinates its term and a lower node claims to coordinate it too: it takes over in a new term. */
    CONFLICTING_COORDINATOR,

    /** The node had been electing for a failure timeout with no election of its own running. */
    STALLED,

    /** This node coordinates its term and a Berkeley slave follows another master of it: it takes over in a new term. */
    FENCED
}
