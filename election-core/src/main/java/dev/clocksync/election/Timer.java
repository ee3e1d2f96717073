package dev.clocksync.election;

import java.util.Objects;

/**
 * One setting of a timer. The driver hands it back to {@link dev.clocksync.election.node.ElectionNode#onTimer}
 * when it expires; a node ignores a timer that it has cancelled or set again since, so a driver
 * that cannot cancel in time does no harm.
 *
 * @param kind     what the timer is for
 * @param term     the node's term when it was set
 * @param sequence unique per node, so that every setting is a different timer
 */
public record Timer(TimerKind kind, long term, long sequence) {

    public Timer {
        Objects.requireNonNull(kind, "kind");
    }
}
