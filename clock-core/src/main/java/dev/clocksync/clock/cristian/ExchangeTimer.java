package dev.clocksync.clock.cristian;

import dev.clocksync.clock.ClockReading;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.exchange.TimeExchange;

/**
 * Takes the client's two timestamps of an exchange. {@link #start(VirtualClock)} reads the clock
 * (t0) just before the request goes out; {@link #stop()} marks the moment the response arrives.
 * t3 is t0 plus the monotonic time in between, so that the exchange measures the clock as it was
 * at t0 even while the clock is slewing (at a demo's slew rate, reading the clock again would
 * shrink the round trip by up to half).
 * <p>
 * One timer per exchange; not thread-safe.
 */
public final class ExchangeTimer {

    private final VirtualClock clock;
    private final ClockReading start;
    private long stopMonotonic;
    private boolean stopped;

    private ExchangeTimer(VirtualClock clock) {
        this.clock = clock;
        this.start = clock.read();
    }

    /** @return a timer whose t0 is now */
    public static ExchangeTimer start(VirtualClock clock) {
        return new ExchangeTimer(clock);
    }

    /** Marks t3. Only the first call counts. */
    public void stop() {
        if (!stopped) {
            stopMonotonic = clock.monotonicNanos();
            stopped = true;
        }
    }

    /** @return whether {@link #stop()} was called */
    public boolean stopped() {
        return stopped;
    }

    /**
     * @param receiveNanos  t1 from the server's answer
     * @param transmitNanos t2 from the server's answer
     * @return the exchange, with the clock's pending slew at t0
     * @throws IllegalStateException    if the timer was not stopped
     * @throws IllegalArgumentException if the server's timestamps are inconsistent (t2 before t1)
     */
    public CristianSample sample(long receiveNanos, long transmitNanos) {
        if (!stopped) {
            throw new IllegalStateException("the exchange has not been timed to its end");
        }
        long destination = start.epochNanos() + (stopMonotonic - start.monotonicNanos());
        TimeExchange exchange = new TimeExchange(start.epochNanos(), receiveNanos, transmitNanos, destination);
        long middle = start.monotonicNanos() + (stopMonotonic - start.monotonicNanos()) / 2;
        return new CristianSample(exchange, start.pendingSlewNanos(), middle);
    }
}
