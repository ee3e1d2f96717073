package dev.clocksync.clock;

import java.time.Clock;
import java.time.Instant;

/** The real host clocks. The wall clock has nanosecond resolution on Linux since JDK 15. */
enum SystemTimeSource implements TimeSource {
    INSTANCE;

    private static final Clock UTC = Clock.systemUTC();

    @Override
    public long wallEpochNanos() {
        Instant now = UTC.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public long monotonicNanos() {
        return System.nanoTime();
    }
}
