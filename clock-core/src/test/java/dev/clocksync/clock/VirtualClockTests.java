package dev.clocksync.clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VirtualClockTests {

    private static final long START = 1_750_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private final ManualTimeSource host = new ManualTimeSource(START);

    @Test
    void startsAtTheHostClockPlusTheConfiguredOffset() {
        VirtualClock clock = new VirtualClock(host, ClockSettings.defaults().withInitialOffset(Duration.ofMillis(-1500)));

        ClockReading reading = clock.read();

        assertThat(reading.epochNanos()).isEqualTo(START - 1500 * MS);
        assertThat(reading.hostEpochNanos()).isEqualTo(START);
        assertThat(reading.offsetNanos()).isEqualTo(-1500 * MS);
        assertThat(reading.pendingSlewNanos()).isZero();
        assertThat(reading.instant()).isEqualTo(Instants.ofEpochNanos(START - 1500 * MS));
    }

    @Test
    void driftAccumulatesInPartsPerMillionOfElapsedTime() {
        VirtualClock fast = new VirtualClock(host, ClockSettings.defaults().withDriftPpm(100));
        VirtualClock slow = new VirtualClock(host, ClockSettings.defaults().withDriftPpm(-250));

        host.advance(Duration.ofSeconds(10));

        assertThat(fast.read().offsetNanos()).isEqualTo(1 * MS);
        assertThat(slow.read().offsetNanos()).isEqualTo(-2500_000);
        assertThat(fast.read().driftPpm()).isEqualTo(100);
    }

    @Test
    void forwardCorrectionIsSteppedAtOnceByDefault() {
        VirtualClock clock = new VirtualClock(host, ClockSettings.defaults());

        ClockAdjustment adjustment = clock.adjust(3 * SECOND);

        assertThat(adjustment.steppedNanos()).isEqualTo(3 * SECOND);
        assertThat(adjustment.pendingSlewNanos()).isZero();
        assertThat(adjustment.after().offsetNanos()).isEqualTo(3 * SECOND);
        assertThat(clock.read().epochNanos()).isEqualTo(START + 3 * SECOND);
    }

    @Test
    void forwardCorrectionIsSlewedWhenSteppingIsOff() {
        VirtualClock clock = new VirtualClock(host, ClockSettings.defaults().withStepForward(false).withMaxSlewRatePpm(250_000));

        ClockAdjustment adjustment = clock.adjust(SECOND);
        assertThat(adjustment.steppedNanos()).isZero();
        assertThat(adjustment.pendingSlewNanos()).isEqualTo(SECOND);

        host.advance(Duration.ofSeconds(2));
        assertThat(clock.read().offsetNanos()).isEqualTo(SECOND / 2);
        assertThat(clock.read().pendingSlewNanos()).isEqualTo(SECOND / 2);

        host.advance(Duration.ofSeconds(2));
        assertThat(clock.read().offsetNanos()).isEqualTo(SECOND);
        assertThat(clock.read().pendingSlewNanos()).isZero();

        host.advance(Duration.ofSeconds(5));
        assertThat(clock.read().offsetNanos()).isEqualTo(SECOND);
    }

    @Test
    void backwardCorrectionIsSlewedAndTheClockRunsSlowerUntilItIsAbsorbed() {
        VirtualClock clock = new VirtualClock(host, ClockSettings.defaults()
                .withInitialOffset(Duration.ofSeconds(2)).withMaxSlewRatePpm(500_000));

        ClockAdjustment adjustment = clock.adjust(-2 * SECOND);
        assertThat(adjustment.steppedNanos()).isZero();
        assertThat(adjustment.after().offsetNanos()).isEqualTo(2 * SECOND);
        assertThat(adjustment.after().pendingSlewNanos()).isEqualTo(-2 * SECOND);

        long before = clock.epochNanos();
        host.advance(Duration.ofSeconds(1));
        long after = clock.epochNanos();
        assertThat(after - before).as("the clock runs at half speed").isEqualTo(SECOND / 2);
        assertThat(clock.read().pendingSlewNanos()).isEqualTo(-3 * SECOND / 2);

        host.advance(Duration.ofSeconds(3));
        assertThat(clock.read().offsetNanos()).as("absorbed after |correction| / rate = 4 s").isZero();
        assertThat(clock.read().pendingSlewNanos()).isZero();
        host.advance(Duration.ofSeconds(1));
        assertThat(clock.read().offsetNanos()).isZero();
    }

    @Test
    void anEarlierMonotonicInstantIsTranslatedAlongTheClocksDriftAndSlew() {
        VirtualClock clock = new VirtualClock(host, ClockSettings.defaults()
                .withInitialOffset(Duration.ofSeconds(2)).withDriftPpm(100).withMaxSlewRatePpm(500_000));
        clock.adjust(-SECOND);
        host.advance(Duration.ofMillis(400));
        long mark = host.monotonicNanos();
        long readingAtMark = clock.epochNanos();

        host.advance(Duration.ofMillis(300));

        assertThat(clock.epochNanosAt(mark)).as("the clock as it read at the mark, slewing and drifting").isEqualTo(readingAtMark);
        assertThat(clock.epochNanosAt(mark)).isLessThan(clock.epochNanos());
    }

    @Test
    void aMonotonicInstantNowOrLaterIsAReadingNow() {
        VirtualClock clock = new VirtualClock(host, ClockSettings.defaults().withInitialOffset(Duration.ofMillis(5)));
        host.advance(Duration.ofSeconds(1));

        assertThat(clock.epochNanosAt(host.monotonicNanos())).isEqualTo(START + SECOND + 5 * MS);
        assertThat(clock.epochNanosAt(host.monotonicNanos() + SECOND)).isEqualTo(START + SECOND + 5 * MS);
    }

    @Test
    void anInstantBeforeTheLastCorrectionIsTakenAsTheCorrectionsMomentAndNeverPassesAReadingNow() {
        VirtualClock clock = new VirtualClock(host, ClockSettings.defaults());
        long mark = host.monotonicNanos();
        host.advance(Duration.ofMillis(10));
        clock.adjust(3 * SECOND);
        host.advance(Duration.ofMillis(10));

        assertThat(clock.epochNanosAt(mark)).isEqualTo(START + 3 * SECOND);
        assertThat(clock.epochNanosAt(mark)).isLessThanOrEqualTo(clock.epochNanos());
    }

    @Test
    void translatingAnInstantDoesNotMoveTheNeverDecreasingGuard() {
        VirtualClock clock = new VirtualClock(host, ClockSettings.defaults());
        long mark = host.monotonicNanos();
        host.advance(Duration.ofMillis(10));
        long now = clock.epochNanos();
        host.stepWall(Duration.ofSeconds(-5));

        assertThat(clock.epochNanosAt(mark)).as("5 s back with the host, 10 ms before").isEqualTo(START - 5 * SECOND);
        assertThat(clock.epochNanos()).as("readings still never decrease").isEqualTo(now);
    }

    @Test
    void forwardCorrectionCancelsAPendingBackwardSlewFirst() {
        VirtualClock clock = new VirtualClock(host, ClockSettings.defaults());
        clock.adjust(-4 * SECOND);
        host.advance(Duration.ofSeconds(2));
        assertThat(clock.read().pendingSlewNanos()).isEqualTo(-3 * SECOND);

        ClockAdjustment partial = clock.adjust(SECOND);
        assertThat(partial.steppedNanos()).isZero();
        assertThat(partial.pendingSlewNanos()).isEqualTo(-2 * SECOND);

        ClockAdjustment overshoot = clock.adjust(5 * SECOND);
        assertThat(overshoot.steppedNanos()).isEqualTo(3 * SECOND);
        assertThat(overshoot.pendingSlewNanos()).isZero();
        assertThat(overshoot.after().offsetNanos()).isEqualTo(-SECOND + 3 * SECOND);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 1234, 987_654_321})
    void readingsNeverDecreaseUnderManyRandomCorrectionsAndTheClockEndsOnItsTarget(long seed) {
        Random random = new Random(seed);
        long rate = 100_000 + random.nextInt(800_000);
        VirtualClock clock = new VirtualClock(host, ClockSettings.defaults()
                .withInitialOffset(Duration.ofMillis(random.nextInt(20_000) - 10_000))
                .withMaxSlewRatePpm(rate)
                .withStepForward(random.nextBoolean()));
        long target = clock.read().offsetNanos();
        long previous = clock.epochNanos();
        for (int i = 0; i < 5_000; i++) {
            switch (random.nextInt(4)) {
                case 0 -> {
                    long correction = -(long) (random.nextDouble() * 5 * SECOND);
                    clock.adjust(correction);
                    target += correction;
                }
                case 1 -> {
                    long correction = (long) ((random.nextDouble() - 0.7) * 2 * SECOND);
                    clock.adjust(correction);
                    target += correction;
                }
                default -> host.advanceNanos((long) (random.nextDouble() * random.nextDouble() * 50 * MS));
            }
            long now = clock.epochNanos();
            assertThat(now).as("step %d", i).isGreaterThanOrEqualTo(previous);
            previous = now;
        }
        long pending = Math.abs(clock.read().pendingSlewNanos());
        host.advanceNanos((long) Math.ceil(pending * 1e6 / rate) + 1);

        assertThat(clock.read().pendingSlewNanos()).isZero();
        assertThat(clock.read().offsetNanos()).isEqualTo(target);
    }

    @Test
    void driftAndSlewAddUpWhileReadingsStillNeverDecrease() {
        VirtualClock clock = new VirtualClock(host, ClockSettings.defaults()
                .withDriftPpm(-50_000).withMaxSlewRatePpm(900_000));
        clock.adjust(-10 * SECOND);
        long previous = clock.epochNanos();
        for (int i = 0; i < 1_000; i++) {
            host.advance(Duration.ofMillis(13));
            long now = clock.epochNanos();
            assertThat(now).isGreaterThan(previous);
            previous = now;
        }
    }

    @Test
    void aHostClockSteppedBackDoesNotTakeTheVirtualClockBack() {
        VirtualClock clock = new VirtualClock(host, ClockSettings.defaults());
        host.advance(Duration.ofSeconds(1));
        long before = clock.epochNanos();

        host.stepWall(Duration.ofSeconds(-5));

        assertThat(clock.epochNanos()).isEqualTo(before);
        host.advance(Duration.ofSeconds(6));
        assertThat(clock.epochNanos()).isEqualTo(START + 2 * SECOND);
    }

    @Test
    void aCorrectionBeyondOneHundredYearsIsRefusedAndChangesNothing() {
        VirtualClock clock = new VirtualClock(host, ClockSettings.defaults());
        clock.adjust(-SECOND);
        ClockReading before = clock.read();

        assertThatThrownBy(() -> clock.adjust(VirtualClock.MAX_OFFSET_NANOS + SECOND + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.adjust(Long.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.adjust(Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);

        assertThat(clock.read()).isEqualTo(before);
    }

    @Test
    void settingsThatWouldStopOrReverseTheClockAreRefused() {
        assertThatThrownBy(() -> ClockSettings.defaults().withMaxSlewRatePpm(1_000_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClockSettings.defaults().withMaxSlewRatePpm(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClockSettings.defaults().withDriftPpm(-100_000).withMaxSlewRatePpm(900_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClockSettings.defaults().withDriftPpm(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClockSettings.defaults().withDriftPpm(200_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClockSettings.defaults().withInitialOffset(Duration.ofDays(40_000))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentReadersNeverSeeTimeGoBackWhileCorrectionsArrive() throws Exception {
        VirtualClock clock = new VirtualClock(TimeSource.system(), ClockSettings.defaults().withMaxSlewRatePpm(900_000));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Long>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    go.await();
                    long previous = Long.MIN_VALUE;
                    long backwards = 0;
                    for (int i = 0; i < 200_000; i++) {
                        long now = clock.epochNanos();
                        if (now < previous) {
                            backwards++;
                        }
                        previous = now;
                    }
                    return backwards;
                }));
            }
            Future<?> corrector = pool.submit(() -> {
                go.await();
                Random random = new Random(3);
                for (int i = 0; i < 2_000; i++) {
                    clock.adjust(random.nextInt(2_000_000) - 1_500_000);
                }
                return null;
            });
            go.countDown();
            corrector.get(60, TimeUnit.SECONDS);
            for (Future<Long> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
