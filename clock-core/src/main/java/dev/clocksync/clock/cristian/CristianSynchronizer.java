package dev.clocksync.clock.cristian;

import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.exchange.ClockFilter;
import dev.clocksync.clock.exchange.CorrectionGate;

import java.util.List;

/**
 * Cristian's algorithm with NTP's refinements, minus the network: the caller times a burst of
 * exchanges with {@link #startExchange()}, and {@link #synchronize(List)} keeps the least-delay
 * sample and corrects the clock by its offset. The textbook's "server time + round trip / 2" is the
 * special case t1 = t2; with both server timestamps the server's own processing time drops out.
 * <p>
 * Across syncs, a {@link CorrectionGate}: a sample whose error bound is wider than what is already known of
 * the clock (the last correction's bound, grown by the drift since) does not move it. The first sync, and the
 * first after an implausible one, takes any sample.
 */
public final class CristianSynchronizer {

    /** The gate's name for the clock this synchronizer corrects. */
    private static final String SELF = "self";

    private final VirtualClock clock;
    private final long panicThresholdNanos;
    private final CorrectionGate gate = new CorrectionGate(CorrectionGate.DEFAULT_DRIFT_PPM);

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
     * @return the selected sample and the correction applied, or why the clock was left alone
     * @throws IllegalArgumentException if the burst is empty
     * @throws ImplausibleOffsetException if the correction exceeds the panic threshold; the clock is unchanged, and
     *                                    the next sync takes any sample
     */
    public SyncResult synchronize(List<CristianSample> burst) {
        CristianSample best = ClockFilter.minimumDelay(burst, CristianSample::exchange)
                .orElseThrow(() -> new IllegalArgumentException("a burst needs at least one sample"));
        long correction = best.correctionNanos();
        if (Math.abs(correction) > panicThresholdNanos || correction == Long.MIN_VALUE) {
            gate.forget(SELF);
            throw new ImplausibleOffsetException(best, panicThresholdNanos);
        }
        long bound = best.exchange().errorBoundNanos();
        long now = clock.monotonicNanos();
        CorrectionGate.Verdict verdict = gate.assess(SELF, correction, bound, now);
        if (!verdict.correct()) {
            return SyncResult.leftAlone(best, burst, verdict.reason(), verdict.knownWithinNanos());
        }
        try {
            SyncResult result = new SyncResult(best, burst, clock.adjust(correction), null, verdict.knownWithinNanos());
            gate.corrected(SELF, bound, now);
            return result;
        } catch (IllegalArgumentException outOfRange) {
            gate.forget(SELF);
            throw new ImplausibleOffsetException(best, panicThresholdNanos);
        }
    }
}
