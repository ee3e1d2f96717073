package dev.clocksync.clock.exchange;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeExchangeTests {

    private static final long BASE = 1_750_000_000_000_000_000L;

    /** The server is {@code offset} ahead of the client; the legs take d1 and d2, the server holds the request for hold. */
    private static TimeExchange exchange(long offset, long d1, long hold, long d2) {
        long t0 = BASE;
        long t1 = t0 + d1 + offset;
        long t2 = t1 + hold;
        long t3 = t0 + d1 + hold + d2;
        return new TimeExchange(t0, t1, t2, t3);
    }

    @Test
    void textbookExample() {
        // client sends at 10.000 s, server receives at 10.600 s and answers at 10.610 s, client receives at 10.040 s
        TimeExchange exchange = new TimeExchange(10_000, 10_600, 10_610, 10_040);

        assertThat(exchange.offsetNanos()).isEqualTo(585);
        assertThat(exchange.roundTripNanos()).isEqualTo(40);
        assertThat(exchange.serverHoldNanos()).isEqualTo(10);
        assertThat(exchange.delayNanos()).isEqualTo(30);
        assertThat(exchange.errorBoundNanos()).isEqualTo(15);
    }

    @Test
    void symmetricLegsGiveTheExactOffset() {
        Random random = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            long offset = random.nextLong() % 3_600_000_000_000L;
            long leg = random.nextInt(50_000_000);
            long hold = random.nextInt(1_000_000);

            TimeExchange exchange = exchange(offset, leg, hold, leg);

            assertThat(exchange.offsetNanos()).isEqualTo(offset);
            assertThat(exchange.delayNanos()).isEqualTo(2 * leg);
        }
    }

    @Test
    void asymmetricLegsStayWithinTheErrorBound() {
        Random random = new Random(12);
        for (int i = 0; i < 100_000; i++) {
            long offset = random.nextLong() % 3_600_000_000_000L;
            long d1 = random.nextInt(i % 2 == 0 ? 1_000 : 50_000_000);
            long d2 = random.nextInt(i % 3 == 0 ? 1_000 : 50_000_000);

            TimeExchange exchange = exchange(offset, d1, random.nextInt(1_000_000), d2);

            assertThat(Math.abs(exchange.offsetNanos() - offset))
                    .as("offset %d, legs %d and %d", offset, d1, d2)
                    .isLessThanOrEqualTo(exchange.errorBoundNanos());
            assertThat(exchange.offsetNanos() - offset).isEqualTo(Math.floorDiv(d1 - d2, 2));
        }
    }

    @Test
    void theBoundIsTightForAOneSidedExchange() {
        TimeExchange allOnTheWayOut = exchange(0, 1_001, 0, 0);
        TimeExchange allOnTheWayBack = exchange(0, 0, 0, 1_001);

        assertThat(allOnTheWayOut.offsetNanos()).isEqualTo(500);
        assertThat(allOnTheWayBack.offsetNanos()).isEqualTo(-501);
        assertThat(allOnTheWayBack.errorBoundNanos()).isEqualTo(501);
    }

    @Test
    void timestampsOutOfOrderAreRefused() {
        assertThatThrownBy(() -> new TimeExchange(100, 50, 60, 99)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t3");
        assertThatThrownBy(() -> new TimeExchange(100, 60, 50, 200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t2");
    }

    @Test
    void aServerHoldLongerThanTheRoundTripCountsAsNoDelay() {
        TimeExchange exchange = new TimeExchange(0, 500, 620, 100);

        assertThat(exchange.delayNanos()).isZero();
        assertThat(exchange.errorBoundNanos()).isZero();
    }
}
