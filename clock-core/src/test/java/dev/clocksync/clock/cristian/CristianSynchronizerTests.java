package dev.clocksync.clock.cristian;

import dev.clocksync.clock.ClockReading;
import dev.clocksync.clock.ClockSettings;
import dev.clocksync.clock.ManualTimeSource;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.exchange.CorrectionGate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Client and server clocks on one simulated host, exchanging over a network with random, asymmetric delays. */
class CristianSynchronizerTests {

    private static final long SECOND = 1_000_000_000L;

    private final ManualTimeSource host = new ManualTimeSource(1_750_000_000_000_000_000L);

    private CristianSample exchange(CristianSynchronizer client, VirtualClock server, long d1, long hold, long d2) {
        ExchangeTimer timer = client.startExchange();
        host.advanceNanos(d1);
        long t1 = server.epochNanos();
        host.advanceNanos(hold);
        long t2 = server.epochNanos();
        host.advanceNanos(d2);
        timer.stop();
        return timer.sample(t1, t2);
    }

    private void settle(VirtualClock clock) {
        long pending = Math.abs(clock.read().pendingSlewNanos());
        host.advanceNanos((long) Math.ceil(pending * 1e6 / clock.settings().maxSlewRatePpm()) + 1);
    }

    @Test
    void symmetricNetworkGivesTheServersTimeExactly() {
        VirtualClock server = new VirtualClock(host, ClockSettings.defaults().withInitialOffset(Duration.ofMillis(250)));
        VirtualClock clientClock = new VirtualClock(host, ClockSettings.defaults().withInitialOffset(Duration.ofSeconds(-3)));
        CristianSynchronizer client = new CristianSynchronizer(clientClock);

        SyncResult result = client.synchronize(List.of(exchange(client, server, 80_000, 5_000, 80_000)));

        assertThat(result.selected().exchange().offsetNanos()).isEqualTo(3_250_000_000L);
        assertThat(result.adjustment().steppedNanos()).isEqualTo(3_250_000_000L);
        assertThat(clientClock.read().offsetNanos()).isEqualTo(server.read().offsetNanos());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void residualErrorStaysWithinTheSelectedSamplesBound(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            VirtualClock server = new VirtualClock(host, ClockSettings.defaults()
                    .withInitialOffset(Duration.ofNanos(random.nextLong() % (3600 * SECOND))));
            VirtualClock clientClock = new VirtualClock(host, ClockSettings.defaults()
                    .withInitialOffset(Duration.ofNanos(random.nextLong() % (10 * SECOND)))
                    .withMaxSlewRatePpm(100_000 + random.nextInt(800_000)));
            CristianSynchronizer client = new CristianSynchronizer(clientClock);
            List<CristianSample> burst = new ArrayList<>();
            for (int s = 0, n = 1 + random.nextInt(8); s < n; s++) {
                burst.add(exchange(client, server, random.nextInt(2_000_000), random.nextInt(100_000), random.nextInt(2_000_000)));
            }

            SyncResult result = client.synchronize(burst);
            settle(clientClock);

            long residual = clientClock.read().offsetNanos() - server.read().offsetNanos();
            assertThat(Math.abs(residual)).as("seed %d round %d", seed, round)
                    .isLessThanOrEqualTo(result.selected().exchange().errorBoundNanos());
            long leastDelay = burst.stream().mapToLong(s -> s.exchange().delayNanos()).min().orElseThrow();
            assertThat(result.selected().exchange().delayNanos()).isEqualTo(leastDelay);
        }
    }

    @Test
    void aBurstTakenWhileTheClockIsStillSlewingCorrectsTowardsWhereTheClockIsHeading() {
        VirtualClock server = new VirtualClock(host, ClockSettings.defaults());
        VirtualClock clientClock = new VirtualClock(host, ClockSettings.defaults().withInitialOffset(Duration.ofSeconds(5)));
        CristianSynchronizer client = new CristianSynchronizer(clientClock);
        client.synchronize(List.of(exchange(client, server, 100_000, 0, 100_000)));
        assertThat(clientClock.read().pendingSlewNanos()).isEqualTo(-5 * SECOND);

        host.advance(Duration.ofSeconds(2));
        SyncResult second = client.synchronize(List.of(
                exchange(client, server, 300_000, 10_000, 300_000),
                exchange(client, server, 150_000, 10_000, 150_000)));

        // 5 s ahead, slewed back at half speed for the 2 s and the first exchange's 610 µs
        long aheadAtSecondExchange = 5 * SECOND - (2 * SECOND + 610_000) / 2;
        assertThat(second.selected().exchange().offsetNanos()).as("measured against the clock as it is")
                .isEqualTo(-aheadAtSecondExchange);
        assertThat(second.adjustment().requestedNanos()).as("nothing left to correct: the slew already heads there").isZero();
        settle(clientClock);
        assertThat(clientClock.read().offsetNanos()).isZero();
    }

    @Test
    void aCorrectionBeyondThePanicThresholdIsNotBelievedAndTheClockIsLeftAlone() {
        VirtualClock server = new VirtualClock(host, ClockSettings.defaults().withInitialOffset(Duration.ofHours(2)));
        VirtualClock clientClock = new VirtualClock(host, ClockSettings.defaults());
        CristianSynchronizer client = new CristianSynchronizer(clientClock, 1000 * SECOND, CristianSynchronizer.DEFAULT_TREND_SYNCS);
        CristianSample sample = exchange(client, server, 1_000, 0, 1_000);

        assertThatThrownBy(() -> client.synchronize(List.of(sample)))
                .isInstanceOf(ImplausibleOffsetException.class)
                .hasMessageContaining("panic threshold");
        assertThat(clientClock.read().offsetNanos()).isZero();
        assertThat(clientClock.read().pendingSlewNanos()).isZero();
    }

    @Test
    void aSlowSampleAfterAGoodSyncLeavesTheClockAloneUntilItsUncertaintyHasGrownPastIt() {
        VirtualClock server = new VirtualClock(host, ClockSettings.defaults());
        VirtualClock clientClock = new VirtualClock(host, ClockSettings.defaults().withInitialOffset(Duration.ofMillis(-3)));
        CristianSynchronizer client = new CristianSynchronizer(clientClock);
        assertThat(client.synchronize(List.of(exchange(client, server, 50_000, 0, 50_000))).corrected()).isTrue();
        settle(clientClock);
        assertThat(clientClock.read().offsetNanos()).isZero();

        // A second later: one exchange held up 13 ms on its way out, as by a descheduled thread (bound 6.5 ms).
        host.advance(Duration.ofSeconds(1));
        SyncResult spike = client.synchronize(List.of(exchange(client, server, 13_000_000, 0, 50_000)));

        assertThat(spike.corrected()).isFalse();
        assertThat(spike.adjustment()).isNull();
        assertThat(spike.leftAlone()).contains("left alone", "±6525000 ns", "known within ±15");
        assertThat(clientClock.read().offsetNanos()).as("not moved by the spike's 6.5 ms error").isZero();
        assertThat(clientClock.read().pendingSlewNanos()).isZero();

        // Known within 50 µs + 100 ppm of the time since: past 6.5 ms after 65 s.
        host.advance(Duration.ofSeconds(65));
        assertThat(client.synchronize(List.of(exchange(client, server, 13_000_000, 0, 50_000))).corrected()).isTrue();
    }

    @Test
    void aClockMovedBySomethingElseIsCorrectedWhateverTheBound() {
        VirtualClock server = new VirtualClock(host, ClockSettings.defaults());
        VirtualClock clientClock = new VirtualClock(host, ClockSettings.defaults());
        CristianSynchronizer client = new CristianSynchronizer(clientClock);
        client.synchronize(List.of(exchange(client, server, 50_000, 0, 50_000)));

        clientClock.adjust(2 * SECOND);
        host.advance(Duration.ofSeconds(1));
        SyncResult result = client.synchronize(List.of(exchange(client, server, 5_000_000, 0, 5_000_000)));

        assertThat(result.corrected()).isTrue();
        assertThat(result.adjustment().requestedNanos()).isEqualTo(-2 * SECOND);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void spikesNeverMoveTheClockFurtherThanItsLastGoodCorrectionAndItsDriftAllow(long seed) {
        Random random = new Random(seed);
        VirtualClock server = new VirtualClock(host, ClockSettings.defaults().withDriftPpm(20));
        VirtualClock clientClock = new VirtualClock(host, ClockSettings.defaults()
                .withInitialOffset(Duration.ofMillis(random.nextInt(2_000) - 1_000)).withDriftPpm(-60 + random.nextInt(120)));
        CristianSynchronizer client = new CristianSynchronizer(clientClock);
        int leftAlone = 0;
        int harmfulSpikes = 0;
        long knownBound = Long.MAX_VALUE / 2;
        long knownAt = host.monotonicNanos();
        for (int sync = 0; sync < 300; sync++) {
            List<CristianSample> burst = new ArrayList<>();
            boolean spike = sync > 0 && random.nextInt(5) == 0;
            for (int s = 0; s < 4; s++) {
                // A spike: every exchange of the burst held up on one leg by 2 to 20 ms (a paused or starved client).
                long slow = spike ? 2_000_000 + random.nextInt(18_000_000) : 0;
                boolean outbound = random.nextBoolean();
                burst.add(exchange(client, server, 40_000 + random.nextInt(40_000) + (outbound ? slow : 0), random.nextInt(20_000),
                        40_000 + random.nextInt(40_000) + (outbound ? 0 : slow)));
            }
            SyncResult result = client.synchronize(burst);
            // Where the client's clock is heading (a correction back is slewed): what the sync decided.
            ClockReading reading = clientClock.read();
            long trueOffset = server.read().offsetNanos() - (reading.offsetNanos() + reading.pendingSlewNanos());
            if (result.corrected()) {
                assertThat(Math.abs(trueOffset)).as("seed %d sync %d: within its bound", seed, sync)
                        .isLessThanOrEqualTo(result.errorBoundNanos() + 1_000);
                knownBound = result.errorBoundNanos();
                knownAt = host.monotonicNanos();
            } else {
                leftAlone++;
                assertThat(spike).as("seed %d sync %d: only spikes are left alone", seed, sync).isTrue();
                if (Math.abs(result.selected().exchange().offsetNanos() - trueOffset) > 1_000_000) {
                    harmfulSpikes++;
                }
            }
            long allowed = knownBound + (host.monotonicNanos() - knownAt) * CorrectionGate.DEFAULT_DRIFT_PPM / 1_000_000;
            assertThat(Math.abs(trueOffset)).as("seed %d sync %d: never further than its last correction and the drift allow", seed, sync)
                    .isLessThanOrEqualTo(allowed + 1_000);
            host.advance(Duration.ofMillis(500 + random.nextInt(4_500)));
        }
        assertThat(leftAlone).as("spikes were left alone").isGreaterThan(30);
        assertThat(harmfulSpikes).as("spikes that would have moved the clock by over a millisecond").isGreaterThan(10);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void theTrendAcrossSyncsBeatsOneBurstAndTheBoundStillHoldsTheTruth(long seed) {
        double alone = rmsResidual(seed, 1);
        double trend = rmsResidual(seed, CristianSynchronizer.DEFAULT_TREND_SYNCS);

        assertThat(trend).as("seed %d: rms residual with the trend against one burst alone (%.0f ns)", seed, alone)
                .isLessThan(alone * 0.6);
    }

    /**
     * 200 syncs a second apart, 8 exchanges each with legs of 40 to 120 µs at random, the client drifting up to 60 ppm
     * from a server drifting 20: the root mean square of the true residual after each sync, each within its bound.
     */
    private double rmsResidual(long seed, int trendSyncs) {
        Random random = new Random(seed);
        VirtualClock server = new VirtualClock(host, ClockSettings.defaults().withDriftPpm(20));
        VirtualClock clientClock = new VirtualClock(host, ClockSettings.defaults()
                .withInitialOffset(Duration.ofMillis(random.nextInt(2_000) - 1_000)).withDriftPpm(-60 + random.nextInt(120)));
        CristianSynchronizer client = new CristianSynchronizer(clientClock, Long.MAX_VALUE, trendSyncs);
        double sumOfSquares = 0;
        int counted = 0;
        for (int sync = 0; sync < 200; sync++) {
            List<CristianSample> burst = new ArrayList<>();
            for (int s = 0; s < 8; s++) {
                burst.add(exchange(client, server, 40_000 + random.nextInt(80_000), 5_000 + random.nextInt(10_000),
                        40_000 + random.nextInt(80_000)));
            }
            SyncResult result = client.synchronize(burst);
            ClockReading reading = clientClock.read();
            long residual = reading.offsetNanos() + reading.pendingSlewNanos() - server.read().offsetNanos();
            assertThat(result.corrected()).isTrue();
            assertThat(Math.abs(residual)).as("seed %d sync %d: within the bound it reported", seed, sync)
                    .isLessThanOrEqualTo(result.errorBoundNanos() + 1);
            if (sync >= 40) {
                sumOfSquares += (double) residual * residual;
                counted++;
            }
            host.advance(Duration.ofSeconds(1));
        }
        return Math.sqrt(sumOfSquares / counted);
    }

    @Test
    void anEmptyBurstIsRefused() {
        CristianSynchronizer client = new CristianSynchronizer(new VirtualClock(host, ClockSettings.defaults()));

        assertThatThrownBy(() -> client.synchronize(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTimerMustBeStoppedBeforeItGivesASample() {
        ExchangeTimer timer = ExchangeTimer.start(new VirtualClock(host, ClockSettings.defaults()));

        assertThatThrownBy(() -> timer.sample(1, 2)).isInstanceOf(IllegalStateException.class);
        timer.stop();
        assertThat(timer.stopped()).isTrue();
    }

    @Test
    void theDestinationTimestampRunsOnTheMonotonicClockNotTheSlewingOne() {
        VirtualClock clientClock = new VirtualClock(host, ClockSettings.defaults().withMaxSlewRatePpm(500_000));
        clientClock.adjust(-10 * SECOND);
        ExchangeTimer timer = ExchangeTimer.start(clientClock);
        host.advanceNanos(400_000);
        timer.stop();

        CristianSample sample = timer.sample(0, 0);

        assertThat(sample.exchange().roundTripNanos()).isEqualTo(400_000);
        assertThat(sample.pendingSlewNanos()).isEqualTo(-10 * SECOND);
    }
}
