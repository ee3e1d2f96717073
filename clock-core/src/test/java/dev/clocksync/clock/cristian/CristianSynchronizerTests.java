package dev.clocksync.clock.cristian;

import dev.clocksync.clock.ClockSettings;
import dev.clocksync.clock.ManualTimeSource;
import dev.clocksync.clock.VirtualClock;
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
        CristianSynchronizer client = new CristianSynchronizer(clientClock, 1000 * SECOND);
        CristianSample sample = exchange(client, server, 1_000, 0, 1_000);

        assertThatThrownBy(() -> client.synchronize(List.of(sample)))
                .isInstanceOf(ImplausibleOffsetException.class)
                .hasMessageContaining("panic threshold");
        assertThat(clientClock.read().offsetNanos()).isZero();
        assertThat(clientClock.read().pendingSlewNanos()).isZero();
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
