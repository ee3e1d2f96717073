package dev.clocksync.election;

/** The messages nodes exchange. The first three are the algorithms'; the others are failure detection. */
public enum MessageType {

    /** Bully: "I am holding an election", sent to every higher id. Ring: the token collecting participants. */
    ELECTION,

    /** Bully only: "I am alive and higher; I take over", the reply to an ELECTION from a lower id. */
    ANSWER,

    /** "The coordinator of this term is ...": Bully sends it to all; Ring passes it once around the ring. */
    COORDINATOR,

    /** "I am still the coordinator of this term", sent by the coordinator to every other node, every interval. */
    HEARTBEAT,

    /**
     * "I have heard nothing from the coordinator of this term for longer than I allow: have you?", from a follower to
     * every other node, before it holds an election (a pre-vote, as in Raft).
     */
    PRE_VOTE,

    /** "Nor have I" (or "I know nothing of it"): the reply to a PRE_VOTE that lets its sender hold the election. */
    PRE_VOTE_GRANTED,

    /** "I still hear it" (or "I am it"): the reply to a PRE_VOTE that keeps its sender from holding the election. */
    PRE_VOTE_REFUSED;

    /** @return whether this is election traffic (counted per election), as opposed to failure detection */
    public boolean isElectionTraffic() {
        return this == ELECTION || this == ANSWER || this == COORDINATOR;
    }
}
