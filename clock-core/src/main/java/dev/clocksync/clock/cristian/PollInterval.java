package dev.clocksync.clock.cristian;

import java.time.Duration;

/**
 * When to poll the server next: the configured interval after a success; after a failure twice the
 * last interval, up to a maximum; after a rate-limit answer (NTP's Kiss-o'-Death RATE, HTTP 429) the
 * same, and never sooner than the server asked. Thread-safe.
 */
public final class PollInterval {

    private final Duration base;
    private final Duration max;
    private Duration current;

    /**
     * @param base the interval while all is well, positive
     * @param max  the longest interval after failures, at least {@code base}
     */
    public PollInterval(Duration base, Duration max) {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive, was " + base);
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("the maximum poll interval (" + max + ") is below the interval (" + base + ")");
        }
        this.base = base;
        this.max = max;
        this.current = base;
    }

    public synchronized Duration current() {
        return current;
    }

    /** @return the base interval, which is now current */
    public synchronized Duration succeeded() {
        current = base;
        return current;
    }

    /** @return the doubled interval, at most the maximum */
    public synchronized Duration failed() {
        current = doubled();
        return current;
    }

    /** @return the doubled interval, at most the maximum, but at least what the server asked for */
    public synchronized Duration rateLimited(Duration retryAfter) {
        Duration doubled = doubled();
        current = retryAfter.compareTo(doubled) > 0 ? retryAfter : doubled;
        return current;
    }

    private Duration doubled() {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
