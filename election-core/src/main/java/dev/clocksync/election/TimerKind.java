package dev.clocksync.election;

/** The timers a node sets. A node has at most one timer of each kind at a time. */
public enum TimerKind {

    /** Every heartbeat interval: the coordinator sends heartbeats, followers check that they heard one recently. */
    TICK,

    /** Bully: how long to wait for an ANSWER from a higher node before taking over. */
    ANSWER,

    /** Bully: after an ANSWER, how long to wait for the COORDINATOR before starting again. */
    COORDINATOR,

    /** Ring: how long an election may take to come round and produce a coordinator before starting again. */
    RING,

    /** How long a follower waits for the replies to its PRE_VOTE (the answer timeout); silence counts as a grant. */
    PRE_VOTE
}
