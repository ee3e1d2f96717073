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

    public CristianSynchronizer(VirtualClock clock) {
        this.clock = clock;
    }

    /** @return a timer for one exchange, started now */
    public ExchangeTimer startExchange() {
        return ExchangeTimer.start(clock);
    }

    /**
     * @param burst the samples of one burst, at least one
     * @return the selected sample and the correction applied
     * @throws IllegalArgumentException if the burst is empty
     */
    public SyncResult synchronize(List<CristianSample> burst) {
        CristianSample best = ClockFilter.minimumDelay(burst, CristianSample::exchange)
                .orElseThrow(() -> new IllegalArgumentException("a burst needs at least one sample"));
        return new SyncResult(best, burst, clock.adjust(best.correctionNanos()));
    }
}
