package dev.clocksync.clock.cristian;

import java.time.Duration;

/**
 * When to poll the server next: the configured interval after a success; after a failure twice the
 * last interval, up to a maximum; after a rate-limit answer (NTP's Kiss-o'-Death RATE, HTTP 429) the
 * same, and never sooner than the server asked.
 * <p>
 * Until its first sync it can rely on, a client polls sooner, as chrony's {@code iburst} does: the
 * first failure is retried after {@link #STARTUP} (or the interval, if that is shorter), and each
 * further one after twice as long, up to the maximum; a success too loose to rely on (an error bound
 * above what the client accepts) is followed by another poll at that pace too, doubling up to the
 * interval. A client started
 * together with its server then synchronises seconds after the server is up, not a doubled interval
 * later. Thread-safe.
 */
public final class PollInterval {

    /** The first retry before a client has had a sync it can rely on. */
    public static final Duration STARTUP = Duration.ofSeconds(1);

    private final Duration base;
    private final Duration max;
    private final Duration startup;
    private Duration current;
    /** A sync the client can rely on has happened. */
    private boolean settled;
    /** Not settled, and polling at the start-up pace. */
    private boolean retrying;

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
        this.startup = STARTUP.compareTo(base) < 0 ? STARTUP : base;
        this.current = base;
    }

    public synchronized Duration current() {
        return current;
    }

    /** @return the base interval, which is now current: the client has a sync it can rely on */
    public synchronized Duration succeeded() {
        settled = true;
        current = base;
        return current;
    }

    /**
     * A sync that succeeded, but with an error bound too wide to rely on.
     *
     * @return after the first sync the client could rely on, the base interval; before it, the start-up interval
     *         the first time, then twice the last interval, up to the base interval (a client whose path to the
     *         server never gives a tight enough sync ends up polling at the base interval, not faster)
     */
    public synchronized Duration succeededLoosely() {
        current = settled ? base : backedOff(base);
        return current;
    }

    /** @return the doubled interval, at most the maximum; before the first sync to rely on, from the start-up interval */
    public synchronized Duration failed() {
        current = backedOff(max);
        return current;
    }

    /** @return the doubled interval, at most the maximum, but at least what the server asked for */
    public synchronized Duration rateLimited(Duration retryAfter) {
        Duration doubled = backedOff(max);
        current = retryAfter.compareTo(doubled) > 0 ? retryAfter : doubled;
        return current;
    }

    /** @return before the first sync to rely on, the start-up interval at first; then twice the last interval, at most {@code cap} */
    private Duration backedOff(Duration cap) {
        if (!settled && !retrying) {
            retrying = true;
            return startup;
        }
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(cap) > 0 ? cap : doubled;
    }
}
