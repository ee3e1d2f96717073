package dev.clocksync.election;

/** The messages nodes exchange. The first three are the algorithms'; HEARTBEAT is failure detection. */
public enum MessageType {

    /** Bully: "I am holding an election", sent to every higher id. Ring: the token collecting participants. */
    ELECTION,

    /** Bully only: "I am alive and higher; I take over", the reply to an ELECTION from a lower id. */
    ANSWER,

    /** "The coordinator of this term is ...": Bully sends it to all; Ring passes it once around the ring. */
    COORDINATOR,

    /** "I am still the coordinator of this term", sent by the coordinator to every other node, every interval. */
    HEARTBEAT;

    /** @return whether this is election traffic (counted per election), as opposed to heartbeats */
    public boolean isElectionTraffic() {
        return this != HEARTBEAT;
    }
}
