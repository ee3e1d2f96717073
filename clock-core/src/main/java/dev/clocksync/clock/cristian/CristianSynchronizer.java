package dev.clocksync.clock.cristian;

import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.exchange.ClockFilter;
import dev.clocksync.clock.exchange.CorrectionGate;
import dev.clocksync.clock.exchange.OffsetTrend;

import java.util.List;
import java.util.Optional;

/**
 * Cristian's algorithm with NTP's and chrony's refinements, minus the network: the caller times a burst of
 * exchanges with {@link #startExchange()}, and {@link #synchronize(List)} keeps the burst's least-delay sample, fits
 * it with the last syncs' samples by a line ({@link OffsetTrend}, chrony's regression across samples) and corrects
 * the clock by the line's value now. The textbook's "server time + round trip / 2" is one sample with t1 = t2; with
 * both server timestamps the server's own processing time drops out.
 * <p>
 * What is reported is what is certain: each sample proves the true offset lies within its delay / 2 of its own
 * offset, so it lies in the intersection of the burst's ranges (Marzullo's interval for one source). The line's
 * value is held inside that intersection, and the error bound is the distance to its farther end: narrower than
 * the selected sample's own where the burst's samples agree closely, up to twice as wide where the line lies
 * off to one side of a sample that stands alone.
 * <p>
 * Across syncs, a {@link CorrectionGate}: a sync whose sample's error bound is wider than what is already known of
 * the clock (the last correction's bound, grown by the drift since) does not move it. The first sync, and the first
 * after an implausible one, takes any sample.
 */
public final class CristianSynchronizer {

    /** How many syncs the trend fits unless told otherwise: half of chrony's default of 64 samples. */
    public static final int DEFAULT_TREND_SYNCS = 32;

    /** The gate's name for the clock this synchronizer corrects. */
    private static final String SELF = "self";

    private final VirtualClock clock;
    private final long panicThresholdNanos;
    private final CorrectionGate gate = new CorrectionGate(CorrectionGate.DEFAULT_DRIFT_PPM);
    private final OffsetTrend trend;

    /** A synchronizer that believes any offset the clock can represent. */
    public CristianSynchronizer(VirtualClock clock) {
        this(clock, Long.MAX_VALUE, DEFAULT_TREND_SYNCS);
    }

    /**
     * @param panicThresholdNanos a correction larger than this is not believed, as ntpd's panic
     *                            threshold: the clock is left alone and the sync fails
     * @param trendSyncs          how many syncs the offset is estimated from, at least 1 (1: each burst alone)
     */
    public CristianSynchronizer(VirtualClock clock, long panicThresholdNanos, int trendSyncs) {
        if (panicThresholdNanos <= 0) {
            throw new IllegalArgumentException("the panic threshold must be positive, was " + panicThresholdNanos);
        }
        this.clock = clock;
        this.panicThresholdNanos = panicThresholdNanos;
        this.trend = new OffsetTrend(trendSyncs, CorrectionGate.DEFAULT_DRIFT_PPM);
    }

    /** @return a timer for one exchange, started now */
    public ExchangeTimer startExchange() {
        return ExchangeTimer.start(clock);
    }

    /**
     * @param burst the samples of one burst, at least one
     * @return the selected sample, the offset estimated and the correction applied, or why the clock was left alone
     * @throws IllegalArgumentException if the burst is empty
     * @throws ImplausibleOffsetException if the correction exceeds the panic threshold; the clock is unchanged, and
     *                                    the next sync takes any sample
     */
    public SyncResult synchronize(List<CristianSample> burst) {
        CristianSample best = ClockFilter.minimumDelay(burst, CristianSample::exchange)
                .orElseThrow(() -> new IllegalArgumentException("a burst needs at least one sample"));
        long sampled = best.correctionNanos();
        if (Math.abs(sampled) > panicThresholdNanos || sampled == Long.MIN_VALUE) {
            gate.forget(SELF);
            throw new ImplausibleOffsetException(best, panicThresholdNanos);
        }
        long now = clock.monotonicNanos();
        long sampleBound = best.exchange().errorBoundNanos();
        Range proven = Range.of(burst, now).orElse(Range.of(best, now));
        trend.add(best.monotonicNanos(), sampled, sampleBound);
        OffsetTrend.Estimate estimate = trend.estimate(now);
        long correction = Math.min(Math.max(estimate.correctionNanos(), proven.low()), proven.high());
        long bound = Math.max(correction - proven.low(), proven.high() - correction);
        CorrectionGate.Verdict verdict = gate.assess(SELF, sampled, sampleBound, now);
        if (!verdict.correct()) {
            return new SyncResult(best, burst, correction, bound, estimate.syncs(), estimate.frequencyPpm(), null,
                    verdict.reason(), verdict.knownWithinNanos());
        }
        try {
            SyncResult result = new SyncResult(best, burst, correction, bound, estimate.syncs(), estimate.frequencyPpm(),
                    clock.adjust(correction), null, verdict.knownWithinNanos());
            trend.corrected(correction);
            gate.corrected(SELF, bound, now);
            return result;
        } catch (IllegalArgumentException outOfRange) {
            gate.forget(SELF);
            trend.forget();
            throw new ImplausibleOffsetException(best, panicThresholdNanos);
        }
    }

    /**
     * Where a burst proves the correction lies: in every sample's range (its correction ± delay / 2), each grown by
     * the most the clocks may have drifted apart between its exchange and {@code now}. Saturating: a sample can be
     * anything a server sent.
     */
    private record Range(long low, long high) {

        static Range of(CristianSample sample, long now) {
            long bound = sample.exchange().errorBoundNanos();
            double drift = Math.max(0, now - sample.monotonicNanos()) * (CorrectionGate.DEFAULT_DRIFT_PPM / 1e6);
            long grown = drift >= Long.MAX_VALUE - bound ? Long.MAX_VALUE : bound + (long) Math.ceil(drift);
            long center = sample.correctionNanos();
            return new Range(saturatedSum(center, -grown), saturatedSum(center, grown));
        }

        /** @return the intersection of the samples' ranges, or empty if they do not meet (a server's timestamps lie) */
        static Optional<Range> of(List<CristianSample> burst, long now) {
            long low = Long.MIN_VALUE;
            long high = Long.MAX_VALUE;
            for (CristianSample sample : burst) {
                Range range = of(sample, now);
                low = Math.max(low, range.low());
                high = Math.min(high, range.high());
            }
            return low <= high ? Optional.of(new Range(low, high)) : Optional.empty();
        }

        private static long saturatedSum(long a, long b) {
            long sum = a + b;
            // Overflow only when both have the sign the sum lacks.
            return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
        }
    }
}
