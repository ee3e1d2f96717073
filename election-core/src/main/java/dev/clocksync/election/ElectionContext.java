package dev.clocksync.election;

import java.util.List;

/**
 * What an election algorithm sees of the node it runs in, and may ask of it. The node keeps what
 * both algorithms share (the term, the coordinator, failure detection); an algorithm keeps only the
 * state of its current election.
 */
public interface ElectionContext {

    /** @return this node's id */
    int id();

    /** @return every member's id, ascending, this node's included */
    List<Integer> members();

    /** @return the node's term */
    long term();

    /** @return the coordinator of the node's term, or null while it knows none */
    Integer leader();

    /** @return the node's timeouts */
    ElectionSettings settings();

    /** Sends a message (asynchronously; failure comes back through {@link ElectionProtocol#onUndelivered}). */
    void send(Message message);

    /** Sets the timer of this kind, replacing any running one. */
    void startTimer(TimerKind kind, long delayNanos);

    /** Cancels the timer of this kind, if it runs. */
    void cancelTimer(TimerKind kind);

    /** @return whether the timer of this kind runs */
    boolean timerRunning(TimerKind kind);

    /**
     * This node has learnt, from its own election, who the coordinator of its term is.
     *
     * @param leader       the coordinator
     * @param algorithm    the algorithm that elected it
     * @param participants Ring: the participants; else empty
     */
    void elected(int leader, Algorithm algorithm, List<Integer> participants);

    /** This node takes part in an election that {@code initiator} started, in the node's current term. */
    void joined(Algorithm algorithm, Integer initiator);

    /** Starts a new election, in the next term: the current one has failed. */
    void restart(Algorithm algorithm, Reason reason);
}
