package dev.clocksync.timeserver.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per client, kept as the Generic Cell Rate Algorithm does: one number per client,
 * the "theoretical arrival time" (TAT) at which its bucket would be full again. A request at
 * {@code now} is allowed if {@code TAT - now} stays within the burst tolerance, and moves TAT on by
 * one emission interval. Lock-free; time from a monotonic source.
 * <p>
 * Memory is bounded: beyond {@code maxClients} addresses, clients whose bucket is full again (they
 * carry no state worth keeping) are swept out, and if that is not enough, newcomers share one bucket.
 */
public final class RateLimiter {

    static final String OVERFLOW = "";
    private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

    private final long emissionIntervalNanos;
    private final long toleranceNanos;
    private final int maxClients;
    private final LongSupplier monotonicNanos;
    private final Map<String, AtomicLong> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    /**
     * @param requestsPerSecond sustained rate per client, positive
     * @param burst             requests allowed at once, at least 1
     * @param maxClients        clients tracked, at least 1
     * @param monotonicNanos    the clock, e.g. {@code System::nanoTime}
     */
    public RateLimiter(double requestsPerSecond, int burst, int maxClients, LongSupplier monotonicNanos) {
        if (!(requestsPerSecond > 0) || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException("rate, burst and client limit must be positive");
        }
        this.emissionIntervalNanos = Math.max(1, Math.round(1e9 / requestsPerSecond));
        this.toleranceNanos = Math.multiplyExact(emissionIntervalNanos, (long) burst - 1);
        this.maxClients = maxClients;
        this.monotonicNanos = monotonicNanos;
        this.nextSweep = new AtomicLong(monotonicNanos.getAsLong());
    }

    /**
     * @param client the client's key, e.g. its remote address
     * @return whether the request may go ahead, and if not, how long until it would
     */
    public Decision acquire(String client) {
        long now = monotonicNanos.getAsLong();
        AtomicLong arrival = bucketOf(client, now);
        while (true) {
            long tat = arrival.get();
            long start = Math.max(tat, now);
            if (start - now > toleranceNanos) {
                return Decision.limited(start - toleranceNanos - now);
            }
            if (arrival.compareAndSet(tat, start + emissionIntervalNanos)) {
                return Decision.ALLOWED;
            }
        }
    }

    /** @return how many clients are tracked now */
    public int trackedClients() {
        return arrivals.size();
    }

    private AtomicLong bucketOf(String client, long now) {
        AtomicLong bucket = arrivals.get(client);
        if (bucket != null) {
            return bucket;
        }
        if (arrivals.size() >= maxClients) {
            sweep(now);
            if (arrivals.size() >= maxClients) {
                return arrivals.computeIfAbsent(OVERFLOW, k -> new AtomicLong(Long.MIN_VALUE));
            }
        }
        return arrivals.computeIfAbsent(client, k -> new AtomicLong(Long.MIN_VALUE));
    }

    private void sweep(long now) {
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_NANOS)) {
            return;
        }
        arrivals.entrySet().removeIf(entry -> !entry.getKey().equals(OVERFLOW) && entry.getValue().get() <= now);
    }

    /**
     * @param allowed          whether the request may go ahead
     * @param retryAfterNanos  when refused, how long until a request would be allowed
     */
    public record Decision(boolean allowed, long retryAfterNanos) {

        static final Decision ALLOWED = new Decision(true, 0);

        static Decision limited(long retryAfterNanos) {
            return new Decision(false, retryAfterNanos);
        }

        /** @return the wait in whole seconds, rounded up and at least one, as HTTP's Retry-After wants */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfterNanos + 999_999_999L) / 1_000_000_000L);
        }
    }
}
