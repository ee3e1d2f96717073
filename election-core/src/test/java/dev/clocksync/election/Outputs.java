package dev.clocksync.election;

import java.util.List;
import java.util.Optional;

/** Reading a node's {@link Output} in tests. */
public final class Outputs {

    private Outputs() {
    }

    /** @return the messages of this type, in order */
    public static List<Message> sent(Output output, MessageType type) {
        return output.messages().stream().filter(m -> m.type() == type).toList();
    }

    /** @return the receivers of the messages of this type, in order */
    public static List<Integer> sentTo(Output output, MessageType type) {
        return sent(output, type).stream().map(Message::to).toList();
    }

    /** @return the timer of this kind the output sets, if it sets one */
    public static Optional<Output.TimerSet> timer(Output output, TimerKind kind) {
        return output.timersSet().stream().filter(t -> t.timer().kind() == kind).findFirst();
    }

    /** @return the timer of this kind the output sets; fails if it sets none */
    public static Timer timerOf(Output output, TimerKind kind) {
        return timer(output, kind).orElseThrow(() -> new AssertionError("no " + kind + " timer set in " + output)).timer();
    }

    /** @return the kinds of the events, in order */
    public static List<ElectionEvent.Kind> events(Output output) {
        return output.events().stream().map(ElectionEvent::kind).toList();
    }
}
