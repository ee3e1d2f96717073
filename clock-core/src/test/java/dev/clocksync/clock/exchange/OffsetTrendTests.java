package dev.clocksync.clock.exchange;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OffsetTrendTests {

    private static final long SECOND = 1_000_000_000L;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aLineThroughNoisySyncsFindsTheFrequencyAndLiesCloserToTheTruthThanOneSync(long seed) {
        Random random = new Random(seed);
        double frequencyPpm = -60 + random.nextInt(121);
        OffsetTrend trend = new OffsetTrend(32, 100);
        double singleError = 0;
        double trendError = 0;
        for (int sync = 0; sync < 200; sync++) {
            long at = sync * SECOND;
            // The server minus this clock: 5 ms, and growing as this clock runs slow (or shrinking as it runs fast).
            long truth = 5_000_000 - Math.round(frequencyPpm * sync * 1_000);
            long error = random.nextInt(60_001) - 30_000;
            trend.add(at, truth + error, 40_000);
            OffsetTrend.Estimate estimate = trend.estimate(at + 1_000_000);
            if (sync >= 32) {
                singleError += Math.abs(error);
                trendError += Math.abs(estimate.correctionNanos() - (truth - Math.round(frequencyPpm * 1)));
                assertThat(estimate.frequencyPpm()).as("seed %d sync %d", seed, sync).isCloseTo(frequencyPpm, within(5.0));
                assertThat(estimate.syncs()).isEqualTo(32);
            }
        }
        assertThat(trendError).as("the line's mean error against one sync's").isLessThan(singleError * 0.5);
    }

    @Test
    void theClocksOwnCorrectionsDoNotBendTheLine() {
        OffsetTrend trend = new OffsetTrend(8, 100);
        // A clock 10 µs behind the server, corrected by each sync's offset: the next sync measures what remains.
        long behind = 10_000;
        for (int sync = 0; sync < 5; sync++) {
            trend.add(sync * SECOND, behind, 20_000);
            long correction = trend.estimate(sync * SECOND).correctionNanos();
            assertThat(correction).isEqualTo(behind);
            trend.corrected(correction);
            behind -= correction;
        }
        assertThat(trend.estimate(5 * SECOND).correctionNanos()).as("nothing left").isZero();
        assertThat(trend.estimate(5 * SECOND).frequencyPpm()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void aSampleThatCannotBeReconciledStartsTheLineOver() {
        OffsetTrend trend = new OffsetTrend(8, 100);
        for (int sync = 0; sync < 4; sync++) {
            assertThat(trend.add(sync * SECOND, 1_000_000, 50_000)).isTrue();
        }
        // The server's clock was set 5 ms ahead: far beyond both bounds and 100 ppm of a second.
        assertThat(trend.add(4 * SECOND, 6_000_000, 50_000)).isFalse();

        assertThat(trend.size()).isEqualTo(1);
        assertThat(trend.estimate(4 * SECOND).correctionNanos()).isEqualTo(6_000_000);
        assertThat(trend.estimate(4 * SECOND).frequencyPpm()).as("not from one sync").isNull();
    }

    @Test
    void aStepWithinWhatDriftAllowsIsKept() {
        OffsetTrend trend = new OffsetTrend(8, 100);
        trend.add(0, 0, 10_000);
        // 100 s later, 10 ms of drift are allowed: 5 ms is no proof that anything moved.
        assertThat(trend.add(100 * SECOND, 5_000_000, 10_000)).isTrue();
        assertThat(trend.size()).isEqualTo(2);
    }

    @Test
    void keepsOnlyTheLastSyncs() {
        OffsetTrend trend = new OffsetTrend(3, 100);
        for (int sync = 0; sync < 10; sync++) {
            trend.add(sync * SECOND, sync * 1_000L, 50_000);
        }
        assertThat(trend.size()).isEqualTo(3);
        assertThat(trend.estimate(10 * SECOND).correctionNanos()).isEqualTo(10_000);
        assertThat(trend.estimate(10 * SECOND).frequencyPpm()).as("1 µs more a second: this clock 1 ppm slow").isCloseTo(-1.0, within(1e-9));
    }

    @Test
    void looseSamplesWeighLittle() {
        OffsetTrend trend = new OffsetTrend(8, 100);
        trend.add(0, 0, 1_000);
        trend.add(SECOND, 0, 1_000);
        trend.add(2 * SECOND, 900_000, 1_000_000);

        assertThat(trend.estimate(2 * SECOND).correctionNanos()).as("a millisecond-wide sample barely moves the line")
                .isLessThan(1_000);
    }

    @Test
    void needsASampleAndRoom() {
        assertThatThrownBy(() -> new OffsetTrend(0, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OffsetTrend(4, 100).estimate(0)).isInstanceOf(IllegalStateException.class);
        OffsetTrend trend = new OffsetTrend(4, 100);
        trend.add(0, 7, 1);
        trend.forget();
        assertThat(trend.size()).isZero();
    }
}
