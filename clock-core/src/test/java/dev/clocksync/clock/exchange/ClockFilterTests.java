package dev.clocksync.clock.exchange;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ClockFilterTests {

    private static TimeExchange withDelay(long delay) {
        return new TimeExchange(0, 1_000, 1_010, delay + 10);
    }

    @Test
    void keepsTheLeastDelay() {
        List<TimeExchange> burst = List.of(withDelay(300), withDelay(120), withDelay(900), withDelay(121));

        assertThat(ClockFilter.minimumDelay(burst, Function.identity())).containsSame(burst.get(1));
    }

    @Test
    void keepsTheEarliestOfEqualDelays() {
        List<TimeExchange> burst = List.of(withDelay(500), withDelay(200), withDelay(200));

        assertThat(ClockFilter.minimumDelay(burst, Function.identity())).containsSame(burst.get(1));
    }

    @Test
    void anEmptyBurstHasNoBestSample() {
        assertThat(ClockFilter.minimumDelay(List.<TimeExchange>of(), Function.identity())).isEmpty();
    }

    @Test
    void agreesWithASortOnRandomBursts() {
        Random random = new Random(5);
        for (int i = 0; i < 10_000; i++) {
            List<TimeExchange> burst = new ArrayList<>();
            int size = 1 + random.nextInt(16);
            for (int s = 0; s < size; s++) {
                burst.add(withDelay(random.nextInt(1_000)));
            }
            long least = burst.stream().mapToLong(TimeExchange::delayNanos).min().orElseThrow();

            TimeExchange best = ClockFilter.minimumDelay(burst, Function.identity()).orElseThrow();

            assertThat(best.delayNanos()).isEqualTo(least);
            assertThat(burst.indexOf(best)).isEqualTo(burst.stream().map(TimeExchange::delayNanos).toList().indexOf(least));
        }
    }
}
