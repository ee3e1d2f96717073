package dev.clocksync.electionservice.node;

import dev.clocksync.election.Message;

import java.util.function.Consumer;

/** Sends messages to other nodes, without blocking the caller. */
public interface MessageSender {

    /**
     * @param message     the message; its {@code to} says where
     * @param undelivered called, on some thread, if the message could not be delivered (refused, timed out,
     *                    too many messages to that node still in flight)
     */
    void send(Message message, Consumer<Message> undelivered);
}
