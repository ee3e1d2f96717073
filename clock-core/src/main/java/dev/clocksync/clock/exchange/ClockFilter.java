package dev.clocksync.clock.exchange;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * NTP's clock filter reduced to its core (RFC 5905 §10): of a burst of exchanges, trust the one with
 * the least delay. Queueing only ever adds delay, and the less delay an exchange saw, the less room
 * there was for the two legs to differ, so its offset is the most accurate and its bound the tightest.
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
}
