package dev.clocksync.clock.exchange;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /** An exchange with this delay whose offset is {@code offset} (t1 − t0 = t3 − t2 + 2·offset, hold 10). */
    private static TimeExchange withDelayAndOffset(long delay, long offset) {
        long t0 = 1_000_000;
        long half = delay / 2;
        return new TimeExchange(t0, t0 + half + offset, t0 + half + offset + 10, t0 + delay + 10);
    }

    @Test
    void averagesTheOffsetsOfTheQuickestShare() {
        List<TimeExchange> burst = List.of(withDelayAndOffset(900, 5_000), withDelayAndOffset(100, 40),
                withDelayAndOffset(300, 80), withDelayAndOffset(200, -30), withDelayAndOffset(700, 9_000));

        assertThat(ClockFilter.leastDelayMean(burst, 3, Function.identity(), TimeExchange::offsetNanos)).hasValue(30);
        assertThat(ClockFilter.leastDelayMean(burst, 1, Function.identity(), TimeExchange::offsetNanos))
                .as("a share of one is the least-delay sample's offset").hasValue(40);
        assertThat(ClockFilter.leastDelayMean(burst, 99, Function.identity(), TimeExchange::offsetNanos))
                .as("a share larger than the burst takes all of it").hasValue((5_000 + 40 + 80 - 30 + 9_000) / 5);
    }

    @Test
    void roundsTheMeanToTheNearestNanosecond() {
        List<TimeExchange> burst = List.of(withDelayAndOffset(100, 1), withDelayAndOffset(200, 2));

        assertThat(ClockFilter.leastDelayMean(burst, 2, Function.identity(), TimeExchange::offsetNanos)).hasValue(2);
        assertThat(ClockFilter.leastDelayMean(List.of(withDelayAndOffset(100, -1), withDelayAndOffset(200, -2)), 2,
                Function.identity(), TimeExchange::offsetNanos)).hasValue(-1);
    }

    @Test
    void averagesOffsetsNearTheEndsOfTheRangeWithoutOverflowing() {
        long far = Long.MAX_VALUE - 10;
        List<Long> offsets = List.of(far, far - 4, far - 2);
        List<TimeExchange> burst = List.of(withDelay(100), withDelay(200), withDelay(300));

        assertThat(ClockFilter.leastDelayMean(burst, 3, Function.identity(), e -> offsets.get(burst.indexOf(e))))
                .hasValue(far - 2);
    }

    @Test
    void offsetsTooFarApartToAverageAreAnErrorAndABadShareIsRefused() {
        List<Long> offsets = List.of(Long.MAX_VALUE, Long.MIN_VALUE);
        List<TimeExchange> burst = List.of(withDelay(100), withDelay(200));

        assertThatThrownBy(() -> ClockFilter.leastDelayMean(burst, 2, Function.identity(), e -> offsets.get(burst.indexOf(e))))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> ClockFilter.leastDelayMean(burst, 0, Function.identity(), TimeExchange::offsetNanos))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ClockFilter.leastDelayMean(List.<TimeExchange>of(), 4, Function.identity(), TimeExchange::offsetNanos)).isEmpty();
    }

    @Test
    void agreesWithASortAndAMeanOnRandomBursts() {
        Random random = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            List<TimeExchange> burst = new ArrayList<>();
            int size = 1 + random.nextInt(64);
            for (int s = 0; s < size; s++) {
                burst.add(withDelayAndOffset(2 * random.nextInt(10_000), random.nextInt(2_000_001) - 1_000_000));
            }
            int share = 1 + random.nextInt(size);
            double expected = burst.stream().sorted(java.util.Comparator.comparingLong(TimeExchange::delayNanos)).limit(share)
                    .mapToLong(TimeExchange::offsetNanos).average().orElseThrow();

            long mean = ClockFilter.leastDelayMean(burst, share, Function.identity(), TimeExchange::offsetNanos).orElseThrow();

            assertThat((double) mean).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.5 + 1e-9));
        }
    }
}
