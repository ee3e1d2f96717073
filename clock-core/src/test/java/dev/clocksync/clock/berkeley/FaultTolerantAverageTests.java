package dev.clocksync.clock.berkeley;

import dev.clocksync.clock.berkeley.FaultTolerantAverage.Clock;
import dev.clocksync.clock.berkeley.FaultTolerantAverage.Decision;
import dev.clocksync.clock.berkeley.FaultTolerantAverage.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultTolerantAverageTests {

    private static final long S = 1_000_000_000L;

    private static Decision decisionFor(Result result, String name) {
        return result.decisions().stream().filter(d -> d.clock().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theProductionLinesWithOneBrokenClock() {
        List<Clock> clocks = List.of(Clock.master("master"), Clock.slave("KMC", 3 * S), Clock.slave("MIT", -2 * S),
                Clock.slave("TAPMI", S / 2), Clock.slave("SOLS", -4 * S), Clock.slave("BROKEN", 3600 * S));

        Result result = FaultTolerantAverage.compute(clocks, 10 * S);

        assertThat(result.medianNanos()).isEqualTo(S / 4);
        assertThat(result.averageNanos()).isEqualTo(-S / 2);
        assertThat(result.included()).extracting(d -> d.clock().name()).containsExactly("master", "KMC", "MIT", "TAPMI", "SOLS");
        assertThat(decisionFor(result, "master").adjustmentNanos()).isEqualTo(-S / 2);
        assertThat(decisionFor(result, "KMC").adjustmentNanos()).isEqualTo(-7 * S / 2);
        assertThat(decisionFor(result, "SOLS").adjustmentNanos()).isEqualTo(7 * S / 2);
        Decision broken = decisionFor(result, "BROKEN");
        assertThat(broken.included()).isFalse();
        assertThat(broken.reason()).contains("beyond the tolerance");
        assertThat(broken.adjustmentNanos()).as("left out, but still told where to go").isEqualTo(-S / 2 - 3600 * S);
    }

    @Test
    void outliersOnBothSidesAreLeftOut() {
        List<Clock> clocks = List.of(Clock.master("m"), Clock.slave("a", S), Clock.slave("b", -S),
                Clock.slave("fast", 900 * S), Clock.slave("slow", -900 * S));

        Result result = FaultTolerantAverage.compute(clocks, 5 * S);

        assertThat(result.included()).extracting(d -> d.clock().name()).containsExactly("m", "a", "b");
        assertThat(result.averageNanos()).isZero();
    }

    @Test
    void whenEveryClockIsAnOutlierTheMastersClockIsKept() {
        List<Clock> clocks = List.of(Clock.master("m"), Clock.slave("far", 10 * S));

        Result result = FaultTolerantAverage.compute(clocks, S);

        assertThat(result.medianNanos()).isEqualTo(5 * S);
        assertThat(result.averageNanos()).isZero();
        assertThat(decisionFor(result, "m").included()).isTrue();
        assertThat(decisionFor(result, "far").included()).isFalse();
        assertThat(decisionFor(result, "far").reason()).contains("master's clock is kept");
        assertThat(decisionFor(result, "far").adjustmentNanos()).isEqualTo(-10 * S);
    }

    @Test
    void oneSlaveWithinToleranceMeetsTheMasterHalfWay() {
        Result result = FaultTolerantAverage.compute(List.of(Clock.master("m"), Clock.slave("KMC", 2 * S)), 5 * S);

        assertThat(result.averageNanos()).isEqualTo(S);
        assertThat(decisionFor(result, "m").adjustmentNanos()).isEqualTo(S);
        assertThat(decisionFor(result, "KMC").adjustmentNanos()).isEqualTo(-S);
    }

    @Test
    void theMasterAloneHasNothingToDo() {
        Result result = FaultTolerantAverage.compute(List.of(Clock.master("m")), S);

        assertThat(result.averageNanos()).isZero();
        assertThat(result.decisions()).singleElement().satisfies(d -> {
            assertThat(d.included()).isTrue();
            assertThat(d.adjustmentNanos()).isZero();
        });
    }

    @Test
    void tiesCountOncePerClock() {
        List<Clock> clocks = List.of(Clock.master("m"), Clock.slave("a", S), Clock.slave("b", S), Clock.slave("c", S));

        Result result = FaultTolerantAverage.compute(clocks, 0);

        assertThat(result.medianNanos()).isEqualTo(S);
        assertThat(result.included()).extracting(d -> d.clock().name()).containsExactly("a", "b", "c");
        assertThat(result.averageNanos()).isEqualTo(S);
        assertThat(decisionFor(result, "m").adjustmentNanos()).isEqualTo(S);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void everyClockIsSentToTheAverageAndAMinorityOfBrokenClocksCannotMoveIt(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 1_000; round++) {
            long tolerance = (1 + random.nextInt(10)) * S;
            int good = 1 + random.nextInt(10);
            int broken = random.nextInt(good);
            List<Clock> clocks = new ArrayList<>();
            clocks.add(Clock.master("m"));
            for (int i = 0; i < good; i++) {
                clocks.add(Clock.slave("good" + i, (long) ((random.nextDouble() - 0.5) * tolerance)));
            }
            for (int i = 0; i < broken; i++) {
                long far = 3 * tolerance + (long) (random.nextDouble() * 1_000_000 * S);
                clocks.add(Clock.slave("broken" + i, random.nextBoolean() ? far : -far));
            }

            Result result = FaultTolerantAverage.compute(clocks, tolerance);

            long lowestGood = Math.min(0, clocks.stream().filter(c -> c.name().startsWith("good")).mapToLong(Clock::offsetNanos).min().orElse(0));
            long highestGood = Math.max(0, clocks.stream().filter(c -> c.name().startsWith("good")).mapToLong(Clock::offsetNanos).max().orElse(0));
            assertThat(result.averageNanos()).as("seed %d round %d", seed, round).isBetween(lowestGood, highestGood);
            for (Decision decision : result.decisions()) {
                assertThat(decision.clock().offsetNanos() + decision.adjustmentNanos()).isEqualTo(result.averageNanos());
                assertThat(decision.included()).isEqualTo(Math.abs(decision.clock().offsetNanos() - result.medianNanos()) <= tolerance);
                assertThat(decision.included()).as(decision.clock().name()).isEqualTo(!decision.clock().name().startsWith("broken"));
            }
        }
    }

    @Test
    void extremeOffsetsDoNotOverflow() {
        long max = FaultTolerantAverage.MAX_OFFSET_NANOS;
        Result result = FaultTolerantAverage.compute(List.of(Clock.master("m"), Clock.slave("a", max), Clock.slave("b", -max)), max);

        assertThat(result.medianNanos()).isZero();
        assertThat(result.averageNanos()).isZero();
        assertThat(decisionFor(result, "a").adjustmentNanos()).isEqualTo(-max);
    }

    @Test
    void refusesWhatCannotBeAveraged() {
        assertThatThrownBy(() -> FaultTolerantAverage.compute(List.of(), S)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultTolerantAverage.compute(List.of(Clock.master("m")), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultTolerantAverage.compute(List.of(Clock.slave("x", Long.MIN_VALUE)), S)).isInstanceOf(IllegalArgumentException.class);
    }
}
