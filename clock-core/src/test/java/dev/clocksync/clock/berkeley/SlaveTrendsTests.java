package dev.clocksync.clock.berkeley;

import dev.clocksync.clock.berkeley.SlaveMeasurement.Reading;
import dev.clocksync.clock.exchange.TimeExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The Berkeley master's filter across rounds, driven by simulated rounds: a master and slaves whose true offsets are
 * known here, measured with noise, averaged and adjusted as {@code RoundService} does.
 */
class SlaveTrendsTests {

    private static final long US = 1_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long DRIFT_PPM = 200;

    /** A quickest reading with this error bound, standing for {@code offset}. */
    private static Reading best(long offset, long bound) {
        long t0 = 1_000 * SECOND;
        long roundTrip = 2 * bound;
        return new Reading(new TimeExchange(t0, t0 + roundTrip / 2, t0 + roundTrip / 2, t0 + roundTrip), offset);
    }

    /**
     * Rounds of Berkeley's algorithm, one a second, on clocks drifting apart: each slave's offset measured within its
     * bound of the truth, the average of the master (0) and the slaves' offsets as the filter gives them, every clock
     * sent to it. Records how far apart the clocks are after each round, from round {@code from} on.
     */
    private static final class Simulation {

        final long[] truth;
        final double[] driftPpm;
        final Random random;
        final SlaveTrends trends;
        double sumOfSquares;
        int counted;
        int outsideBound;

        Simulation(int rounds, long seed) {
            random = new Random(seed);
            truth = new long[] {3_000 * US, -2_000 * US, 500 * US, -4_000 * US};
            driftPpm = new double[] {20, -35, 60, 0};
            trends = new SlaveTrends(rounds, DRIFT_PPM);
        }

        void run(int rounds, int from) {
            for (int round = 1; round <= rounds; round++) {
                long now = round * SECOND;
                long[] used = new long[truth.length];
                long sum = 0;
                for (int i = 0; i < truth.length; i++) {
                    long bound = (50 + random.nextInt(100)) * US;
                    long quickest = truth[i] + (long) ((random.nextDouble() * 2 - 1) * 0.9 * bound);
                    long mean = truth[i] + (long) ((random.nextDouble() * 2 - 1) * 0.5 * bound);
                    SlaveTrends.Estimate estimate = trends.estimate("slave-" + i, mean, best(quickest, bound), now);
                    if (Math.abs(estimate.offsetNanos() - truth[i]) > estimate.boundNanos()) {
                        outsideBound++;
                    }
                    used[i] = estimate.offsetNanos();
                    sum += used[i];
                }
                long average = sum / (truth.length + 1);
                for (int i = 0; i < truth.length; i++) {
                    long adjustment = average - used[i];
                    trends.adjusted("slave-" + i, adjustment);
                    truth[i] += adjustment - average;
                }
                trends.masterMoved(average);
                if (round >= from) {
                    long highest = 0;
                    long lowest = 0;
                    for (long offset : truth) {
                        highest = Math.max(highest, offset);
                        lowest = Math.min(lowest, offset);
                    }
                    sumOfSquares += Math.pow(highest - lowest, 2);
                    counted++;
                }
                for (int i = 0; i < truth.length; i++) {
                    truth[i] += Math.round(driftPpm[i] * SECOND / 1e6);
                }
            }
        }

        double rmsSpread() {
            return Math.sqrt(sumOfSquares / counted);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aLineThroughTheRoundsKeepsTheClocksCloserThanEachRoundAloneAndWithinItsBounds(long seed) {
        Simulation alone = new Simulation(1, seed);
        alone.run(200, 40);
        Simulation filtered = new Simulation(32, seed);
        filtered.run(200, 40);

        assertThat(alone.outsideBound).isZero();
        assertThat(filtered.outsideBound).isZero();
        assertThat(filtered.rmsSpread()).as("rms spread %s against %s", filtered.rmsSpread(), alone.rmsSpread())
                .isLessThan(0.6 * alone.rmsSpread());
    }

    @Test
    void withoutNoiseTheBookkeepingOfBothClocksAdjustmentsKeepsTheLineOnTheTruth() {
        SlaveTrends trends = new SlaveTrends(32, DRIFT_PPM);
        long truth = 3_000 * US;
        for (int round = 1; round <= 20; round++) {
            SlaveTrends.Estimate estimate = trends.estimate("kmc", truth, best(truth + 80 * US, 100 * US), round * SECOND);
            assertThat(Math.abs(estimate.offsetNanos() - truth)).as("round %d", round).isLessThanOrEqualTo(estimate.boundNanos());
            if (round >= 3) {
                // From three rounds on the line has a slope: the drift is followed, not mistaken for offset.
                assertThat(estimate.offsetNanos()).as("round %d", round).isCloseTo(truth, within(10L));
            }
            assertThat(estimate.rounds()).isEqualTo(Math.min(round, 32));
            long masterMoved = 700 * US;
            long slaveAdjusted = masterMoved - estimate.offsetNanos();
            trends.adjusted("kmc", slaveAdjusted);
            trends.masterMoved(masterMoved);
            truth += slaveAdjusted - masterMoved;
            truth += 60 * US; // 60 ppm over the second to the next round
        }
    }

    @Test
    void theOffsetUsedIsHeldWithinTheQuickestReadingsRange() {
        SlaveTrends trends = new SlaveTrends(32, DRIFT_PPM);
        for (int round = 1; round <= 10; round++) {
            trends.estimate("kmc", 0, best(0, 100 * US), round * SECOND);
        }
        // A quickest reading that proves the offset is at least 150 µs: the line's 0-ish value is raised to its edge.
        SlaveTrends.Estimate estimate = trends.estimate("kmc", 180 * US, best(200 * US, 50 * US), 11 * SECOND);

        assertThat(estimate.offsetNanos()).isEqualTo(150 * US);
        assertThat(estimate.boundNanos()).isEqualTo(100 * US);
    }

    @Test
    void aSlaveMovedBySomethingElseStartsItsLineOver() {
        SlaveTrends trends = new SlaveTrends(32, DRIFT_PPM);
        for (int round = 1; round <= 10; round++) {
            trends.estimate("kmc", 0, best(0, 100 * US), round * SECOND);
        }
        SlaveTrends.Estimate moved = trends.estimate("kmc", 10_000 * US, best(10_000 * US, 100 * US), 11 * SECOND);

        assertThat(moved.rounds()).isEqualTo(1);
        assertThat(moved.offsetNanos()).isEqualTo(10_000 * US);
    }

    @Test
    void aForgottenSlaveStartsItsLineOverAndOthersKeepTheirs() {
        SlaveTrends trends = new SlaveTrends(32, DRIFT_PPM);
        for (int round = 1; round <= 3; round++) {
            trends.estimate("kmc", 0, best(0, 100 * US), round * SECOND);
            trends.estimate("mit", 0, best(0, 100 * US), round * SECOND);
        }
        trends.forget("kmc");

        assertThat(trends.estimate("kmc", 0, best(0, 100 * US), 4 * SECOND).rounds()).isEqualTo(1);
        assertThat(trends.estimate("mit", 0, best(0, 100 * US), 4 * SECOND).rounds()).isEqualTo(4);

        trends.forgetAll();
        assertThat(trends.estimate("mit", 0, best(0, 100 * US), 5 * SECOND).rounds()).isEqualTo(1);
    }

    @Test
    void aLineOfOneRoundIsThatRoundsMeasurement() {
        SlaveTrends trends = new SlaveTrends(1, DRIFT_PPM);
        trends.estimate("kmc", 40 * US, best(40 * US, 100 * US), SECOND);

        SlaveTrends.Estimate second = trends.estimate("kmc", -30 * US, best(-20 * US, 100 * US), 2 * SECOND);

        assertThat(second.offsetNanos()).isEqualTo(-30 * US);
        assertThat(second.rounds()).isEqualTo(1);
    }

    @Test
    void aLineNeedsAtLeastOneRound() {
        assertThatThrownBy(() -> new SlaveTrends(0, DRIFT_PPM)).isInstanceOf(IllegalArgumentException.class);
    }
}
