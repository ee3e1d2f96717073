package dev.clocksync.clock;

import java.time.Instant;

/**
 * One reading of a {@link VirtualClock}, with everything needed to reason about it.
 *
 * @param epochNanos       the virtual clock: nanoseconds since the Unix epoch
 * @param hostEpochNanos   the host wall clock at the same moment
 * @param monotonicNanos   the host monotonic clock at the same moment
 * @param offsetNanos      {@code epochNanos - hostEpochNanos}
 * @param pendingSlewNanos the part of past corrections not yet absorbed by slewing
 * @param driftPpm         the configured drift of the virtual clock, in parts per million
 */
public record ClockReading(long epochNanos, long hostEpochNanos, long monotonicNanos, long offsetNanos,
                           long pendingSlewNanos, double driftPpm) {

    /** @return {@link #epochNanos()} as an instant */
    public Instant instant() {
        return Instants.ofEpochNanos(epochNanos);
    }
}
