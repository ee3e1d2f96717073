package dev.clocksync.clock;

/**
 * The host's two clocks, as a {@link VirtualClock} sees them.
 * <p>
 * The wall clock says what time it is (and may be stepped by the host's administrator or its NTP
 * daemon); the monotonic clock only measures elapsed time and never steps. Rates, slews, intervals
 * and timeouts are always measured on the monotonic clock.
 */
public interface TimeSource {

    /** @return the host wall clock, in nanoseconds since the Unix epoch */
    long wallEpochNanos();

    /** @return a monotonic reading in nanoseconds, from an arbitrary origin */
    long monotonicNanos();

    /** @return the real host clocks: {@link java.time.Clock#systemUTC()} and {@link System#nanoTime()} */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}
