package dev.clocksync.clock.exchange;

/**
 * One request/response exchange with a time server, as NTP's on-wire protocol (RFC 5905 §8) and
 * Cristian's algorithm see it: four timestamps, two on each clock.
 * <pre>
 *   client   t0 ──request──▶            ◀──response── t3
 *   server            t1 (receive) … t2 (transmit)
 * </pre>
 * offset = ((t1 − t0) + (t2 − t3)) / 2 is the server clock minus the client clock; it is exact when
 * the two network legs take equally long, and otherwise wrong by half their difference, which can
 * never exceed half the delay: that is the error bound.
 *
 * @param originNanos      t0, client clock, request sent
 * @param receiveNanos     t1, server clock, request received
 * @param transmitNanos    t2, server clock, response sent
 * @param destinationNanos t3, client clock, response received
 */
public record TimeExchange(long originNanos, long receiveNanos, long transmitNanos, long destinationNanos) {

    public TimeExchange {
        if (destinationNanos < originNanos) {
            throw new IllegalArgumentException("response received (t3=" + destinationNanos
                    + ") before the request was sent (t0=" + originNanos + ")");
        }
        if (transmitNanos < receiveNanos) {
            throw new IllegalArgumentException("response sent (t2=" + transmitNanos
                    + ") before the request was received (t1=" + receiveNanos + ")");
        }
    }

    /** @return the server clock minus the client clock, ((t1 − t0) + (t2 − t3)) / 2, rounded down */
    public long offsetNanos() {
        return Math.floorDiv((receiveNanos - originNanos) + (transmitNanos - destinationNanos), 2);
    }

    /** @return t3 − t0, the round trip as the client saw it */
    public long roundTripNanos() {
        return destinationNanos - originNanos;
    }

    /** @return t2 − t1, the time the server held the request */
    public long serverHoldNanos() {
        return transmitNanos - receiveNanos;
    }

    /** @return (t3 − t0) − (t2 − t1), the time spent on the network; 0 if the clocks' rates make it negative */
    public long delayNanos() {
        return Math.max(0, roundTripNanos() - serverHoldNanos());
    }

    /**
     * @return delay / 2, rounded up: the true offset lies within this distance of {@link #offsetNanos()}
     *         (rounding up covers the half nanosecond that rounding the offset down can lose)
     */
    public long errorBoundNanos() {
        return (delayNanos() + 1) / 2;
    }
}
