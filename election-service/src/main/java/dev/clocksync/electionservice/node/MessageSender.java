package dev.clocksync.electionservice.node;

import dev.clocksync.election.Message;

/** Sends messages to other nodes, without blocking the caller. */
public interface MessageSender {

    /**
     * @param message     the message; its {@code to} says where
     * @param undelivered told, on some thread, if the message could not be delivered
     */
    void send(Message message, Undelivered undelivered);

    /** What the sender is told of a message that did not arrive. */
    @FunctionalInterface
    interface Undelivered {

        /**
         * @param message the message
         * @param refused whether the receiver's host refused the connection (nothing listens there: the process is
         *                gone), rather than timing out, answering an error, or there being too many messages to that
         *                node in flight
         */
        void undelivered(Message message, boolean refused);
    }
}
