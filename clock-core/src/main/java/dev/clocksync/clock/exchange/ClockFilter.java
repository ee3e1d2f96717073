package dev.clocksync.clock.exchange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * NTP's clock filter reduced to its core (RFC 5905 §10): of a burst of exchanges, trust the one with
 * the least delay. Queueing only ever adds delay, and the less delay an exchange saw, the less room
 * there was for the two legs to differ, so its offset is the most accurate and its bound the tightest.
 * <p>
 * Where the two legs of even the quickest exchanges differ at random (wake-ups of threads and CPUs on a
 * busy host rather than queues), the single least-delay exchange carries its own asymmetry whole;
 * {@link #leastDelayMean} averages the offsets of the few quickest instead.
 */
public final class ClockFilter {

    private ClockFilter() {
    }

    /**
     * @param samples  the burst, in the order it was taken
     * @param exchange how to get the exchange out of a sample
     * @return the sample with the least delay (the earliest of equals), or empty for an empty burst
     */
    public static <S> Optional<S> minimumDelay(List<S> samples, Function<? super S, TimeExchange> exchange) {
        S best = null;
        long bestDelay = Long.MAX_VALUE;
        for (S sample : samples) {
            long delay = exchange.apply(sample).delayNanos();
            if (delay < bestDelay) {
                best = sample;
                bestDelay = delay;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The mean offset of the {@code share} samples with the least delay: like {@link #minimumDelay}, it leaves
     * out the exchanges that queued, but it does not stake everything on the one that happened to be quickest,
     * whose legs may have differed as much as any (on loopback, a request that found the server still busy with
     * the previous one skipped a thread wake-up and came out quick and lopsided).
     *
     * @param samples  the burst
     * @param share    how many of the quickest samples to average: at least 1, at most the burst's size
     * @param exchange how to get the exchange out of a sample (its delay ranks the samples)
     * @param offset   the offset a sample stands for
     * @return the mean, rounded to the nearest nanosecond, or empty for an empty burst
     * @throws IllegalArgumentException if {@code share} is less than 1
     * @throws ArithmeticException      if the averaged offsets are so far apart that their differences overflow
     */
    public static <S> OptionalLong leastDelayMean(List<S> samples, int share, Function<? super S, TimeExchange> exchange,
            ToLongFunction<? super S> offset) {
        if (share < 1) {
            throw new IllegalArgumentException("share must be at least 1, was " + share);
        }
        if (samples.isEmpty()) {
            return OptionalLong.empty();
        }
        List<S> quickest = new ArrayList<>(samples);
        quickest.sort(Comparator.comparingLong(sample -> exchange.apply(sample).delayNanos()));
        quickest = quickest.subList(0, Math.min(share, quickest.size()));
        long base = offset.applyAsLong(quickest.get(0));
        long sum = 0;
        for (S sample : quickest) {
            sum = Math.addExact(sum, Math.subtractExact(offset.applyAsLong(sample), base));
        }
        return OptionalLong.of(Math.addExact(base, Math.round((double) sum / quickest.size())));
    }
}
