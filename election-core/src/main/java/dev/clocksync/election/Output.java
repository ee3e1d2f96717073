package dev.clocksync.election;

import java.util.List;

/**
 * What a node wants done after one input: messages to send, timers to set and cancel, and what happened.
 * The driver carries these out; a message that cannot be delivered goes back to the node as
 * {@link dev.clocksync.election.node.ElectionNode#onUndelivered}.
 *
 * @param messages        to send, in order
 * @param timersSet       timers to start, each with its delay
 * @param timersCancelled timers that need not fire any more (the node would ignore them anyway)
 * @param events          what happened, in order
 */
public record Output(List<Message> messages, List<TimerSet> timersSet, List<Timer> timersCancelled,
        List<ElectionEvent> events) {

    /** Nothing to do. */
    public static final Output NONE = new Output(List.of(), List.of(), List.of(), List.of());

    public Output {
        messages = List.copyOf(messages);
        timersSet = List.copyOf(timersSet);
        timersCancelled = List.copyOf(timersCancelled);
        events = List.copyOf(events);
    }

    /**
     * @param timer      the timer
     * @param delayNanos when it should fire, from now, on a monotonic clock
     */
    public record TimerSet(Timer timer, long delayNanos) {
    }
}
