package dev.clocksync.election;

/**
 * One election algorithm's part of a node: what to do with its messages and timers. Everything
 * it keeps is about the election of the node's current term; {@link #reset()} forgets it.
 */
public interface ElectionProtocol {

    /** @return which algorithm this is */
    Algorithm algorithm();

    /** Starts an election in the node's current term, which the node has just begun. */
    void start();

    /** An ELECTION of the node's term (the node has already adopted a newer term if the message had one). */
    void onElection(Message message);

    /** An ANSWER of the node's term. */
    default void onAnswer(Message message) {
    }

    /** A COORDINATOR the node has believed: pass it on, if the algorithm does. */
    default void onCoordinator(Message message) {
    }

    /** One of this algorithm's timers has fired. */
    void onTimer(TimerKind kind);

    /** A message this node sent could not be delivered: the receiver is down, or did not answer in time. */
    void onUndelivered(Message message);

    /** The term has moved on, or its coordinator is known: forget the election. */
    void reset();
}
