package dev.clocksync.clock;

import java.time.Instant;

/** Conversions between instants and nanoseconds since the Unix epoch. */
public final class Instants {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Instants() {
    }

    public static Instant ofEpochNanos(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND),
                Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }

    /** @throws ArithmeticException if the instant does not fit in a long of nanoseconds (after 2262) */
    public static long toEpochNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    }
}
