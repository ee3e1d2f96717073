package dev.clocksync.clock.cristian;

import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.exchange.ClockFilter;

import java.util.List;

/**
 * Cristian's algorithm with NTP's refinements, minus the network: the caller times a burst of
 * exchanges with {@link #startExchange()}, and {@link #synchronize(List)} keeps the least-delay
 * sample and corrects the clock by its offset. The textbook's "server time + round trip / 2" is the
 * special case t1 = t2; with both server timestamps the server's own processing time drops out.
 */
public final class CristianSynchronizer {

    private final VirtualClock clock;
    private final long panicThresholdNanos;

    /** A synchronizer that believes any offset the clock can represent. */
    public CristianSynchronizer(VirtualClock clock) {
        this(clock, Long.MAX_VALUE);
    }

    /**
     * @param panicThresholdNanos a correction larger than this is not believed, as ntpd's panic
     *                            threshold: the clock is left alone and the sync fails
     */
    public CristianSynchronizer(VirtualClock clock, long panicThresholdNanos) {
        if (panicThresholdNanos <= 0) {
            throw new IllegalArgumentException("the panic threshold must be positive, was " + panicThresholdNanos);
        }
        this.clock = clock;
        this.panicThresholdNanos = panicThresholdNanos;
    }

    /** @return a timer for one exchange, started now */
    public ExchangeTimer startExchange() {
        return ExchangeTimer.start(clock);
    }

    /**
     * @param burst the samples of one burst, at least one
     * @return the selected sample and the correction applied
     * @throws IllegalArgumentException if the burst is empty
     * @throws ImplausibleOffsetException if the correction exceeds the panic threshold; the clock is unchanged
     */
    public SyncResult synchronize(List<CristianSample> burst) {
        CristianSample best = ClockFilter.minimumDelay(burst, CristianSample::exchange)
                .orElseThrow(() -> new IllegalArgumentException("a burst needs at least one sample"));
        long correction = best.correctionNanos();
        if (Math.abs(correction) > panicThresholdNanos || correction == Long.MIN_VALUE) {
            throw new ImplausibleOffsetException(best, panicThresholdNanos);
        }
        try {
            return new SyncResult(best, burst, clock.adjust(correction));
        } catch (IllegalArgumentException outOfRange) {
            throw new ImplausibleOffsetException(best, panicThresholdNanos);
        }
    }
}
