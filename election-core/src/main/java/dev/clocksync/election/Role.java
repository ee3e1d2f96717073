package dev.clocksync.election;

/** What a node is doing, as far as elections go. */
public enum Role {

    /** Knows the coordinator of its term, and it is another node. */
    FOLLOWER,

    /** Knows no coordinator for its term: an election is under way. */
    ELECTING,

    /** Is the coordinator of its term. */
    LEADER,

    /** Behaves as dead: ignores every input until it recovers. */
    CRASHED
}
