package dev.clocksync.clock.cristian;

import dev.clocksync.clock.exchange.TimeExchange;

/**
 * One exchange of a burst, with the state of the client's clock when it began.
 *
 * @param exchange         the four timestamps
 * @param pendingSlewNanos what the client clock still had to slew at t0: the exchange measured the
 *                         clock as it was, but the clock was already on its way to {@code t0 + pending}
 * @param monotonicNanos   the middle of the exchange on the host's monotonic clock: when it measured the offset
 */
public record CristianSample(TimeExchange exchange, long pendingSlewNanos, long monotonicNanos) {

    /** @return the correction that brings the clock's eventual time onto the server's: offset − pending */
    public long correctionNanos() {
        return exchange.offsetNanos() - pendingSlewNanos;
    }
}
