package dev.clocksync.clock.berkeley;

import dev.clocksync.clock.berkeley.SlaveMeasurement.Reading;
import dev.clocksync.clock.berkeley.SlaveMeasurement.Readings;
import dev.clocksync.clock.berkeley.SlaveMeasurement.Result;
import dev.clocksync.clock.exchange.TimeExchange;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Berkeley master's measurement rules, driven with readings made up here: no slave, no clock. */
class SlaveMeasurementTests {

    private static final long MS = 1_000_000L;

    /**
     * A reading whose exchange took {@code roundTrip} on the wire (the slave answered at once) and that stands for
     * {@code offset}; the rules take the offset from the reading, not from the exchange's timestamps.
     */
    private static Reading reading(long roundTrip, long offset) {
        long t0 = 1_000 * MS;
        return new Reading(new TimeExchange(t0, t0 + roundTrip / 2, t0 + roundTrip / 2, t0 + roundTrip), offset);
    }

    /** Hands in readings of these round trips (offset 0) until the measurement is complete, and concludes it. */
    private static Result measure(Readings readings, long... roundTrips) {
        for (long roundTrip : roundTrips) {
            readings.add(reading(roundTrip, 0));
        }
        assertThat(readings.complete()).as("complete after %d readings", roundTrips.length).isTrue();
        return readings.result();
    }

    /** Hands in {@code count} readings that all took {@code roundTrip}. */
    private static void take(Readings readings, int count, long roundTrip) {
        for (int i = 0; i < count; i++) {
            assertThat(readings.complete()).isFalse();
            readings.add(reading(roundTrip, 0));
        }
    }

    @Test
    void aSlaveNotMeasuredYetTakesTheInitialBurstThenTheUsualOne() {
        SlaveMeasurement measurement = new SlaveMeasurement(4, 64);

        Readings first = measurement.start("http://kmc");
        assertThat(first.burst()).isEqualTo(64);
        take(first, 64, MS);
        assertThat(first.complete()).isTrue();
        first.result();

        assertThat(measurement.start("http://kmc").burst()).isEqualTo(4);
        assertThat(measurement.start("http://mit").burst()).as("another slave is not known yet").isEqualTo(64);
    }

    @Test
    void aForgottenSlaveTakesTheInitialBurstAgain() {
        SlaveMeasurement measurement = new SlaveMeasurement(3, 12);
        measure(measurement.start("kmc"), new long[12]);
        assertThat(measurement.start("kmc").burst()).isEqualTo(3);

        measurement.forget("kmc");

        assertThat(measurement.start("kmc").burst()).isEqualTo(12);
    }

    @Test
    void aMeasurementAbandonedHalfWayIsNotRemembered() {
        SlaveMeasurement measurement = new SlaveMeasurement(3, 12);
        take(measurement.start("kmc"), 5, MS);

        assertThat(measurement.start("kmc").burst()).isEqualTo(12);
    }

    @Test
    void theInitialBurstIsNeverShorterThanTheUsualOne() {
        assertThat(new SlaveMeasurement(8, 2).start("kmc").burst()).isEqualTo(8);
        assertThat(new SlaveMeasurement(1, 1).start("kmc").burst()).isEqualTo(1);
        assertThatThrownBy(() -> new SlaveMeasurement(0, 64)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBurstSlowThroughoutIsFollowedByASecondAndTheQuickestOfBothIsKept() {
        SlaveMeasurement measurement = new SlaveMeasurement(3, 12);
        measure(measurement.start("kmc"), 9 * MS, 1 * MS, 9 * MS, 9 * MS, 9 * MS, 9 * MS, 9 * MS, 9 * MS, 9 * MS, 9 * MS, 9 * MS, 9 * MS);

        Readings slow = measurement.start("kmc");
        take(slow, 3, 300 * MS);
        assertThat(slow.complete()).as("300 ms is more than twice the usual 1 ms").isFalse();
        take(slow, 2, 400 * MS);
        slow.add(reading(MS / 2, 7));
        assertThat(slow.complete()).isTrue();

        Result result = slow.result();
        assertThat(result.best().exchange().roundTripNanos()).isEqualTo(MS / 2);
        assertThat(result.offsetNanos()).as("a burst of three averages the quickest alone").isEqualTo(7);
        assertThat(result.averaged()).isEqualTo(1);
    }

    @Test
    void twiceTheUsualDelayIsNotYetSlow() {
        SlaveMeasurement measurement = new SlaveMeasurement(2, 2);
        measure(measurement.start("kmc"), 5 * MS, 10 * MS);

        Readings readings = measurement.start("kmc");
        take(readings, 2, 10 * MS);

        assertThat(readings.complete()).isTrue();
        assertThat(readings.result().best().exchange().roundTripNanos()).isEqualTo(10 * MS);
    }

    @Test
    void theSecondBurstIsTheLast() {
        SlaveMeasurement measurement = new SlaveMeasurement(2, 2);
        measure(measurement.start("kmc"), MS, MS);

        Readings readings = measurement.start("kmc");
        take(readings, 4, 100 * MS);

        assertThat(readings.complete()).isTrue();
        assertThatThrownBy(() -> readings.add(reading(MS, 0))).isInstanceOf(IllegalStateException.class);
        assertThat(readings.result().best().exchange().roundTripNanos()).isEqualTo(100 * MS);
    }

    @Test
    void aSlowSlaveIsNotReadAgainOnAnotherSlavesDelays() {
        SlaveMeasurement measurement = new SlaveMeasurement(2, 2);
        measure(measurement.start("quick"), MS, MS);
        measure(measurement.start("slow"), 50 * MS, 50 * MS);

        Readings slow = measurement.start("slow");
        take(slow, 2, 60 * MS);

        assertThat(slow.complete()).isTrue();
    }

    @Test
    void theUsualDelayIsTheLargestLeastDelayOfTheLastFourMeasurements() {
        SlaveMeasurement measurement = new SlaveMeasurement(2, 2);
        measure(measurement.start("kmc"), 10 * MS, 30 * MS);
        measure(measurement.start("kmc"), 2 * MS, 3 * MS);
        measure(measurement.start("kmc"), 2 * MS, 2 * MS);
        measure(measurement.start("kmc"), 2 * MS, 2 * MS);

        Readings within = measurement.start("kmc");
        take(within, 2, 19 * MS);
        assertThat(within.complete()).as("19 ms is within twice the 10 ms of four measurements ago").isTrue();
        within.result();

        Readings slow = measurement.start("kmc");
        take(slow, 2, 19 * MS);
        assertThat(slow.complete()).as("the 10 ms has gone: now 19 ms is the usual delay of the last four").isTrue();
        slow.result();
        measure(measurement.start("kmc"), 2 * MS, 2 * MS);
        measure(measurement.start("kmc"), 2 * MS, 2 * MS);
        measure(measurement.start("kmc"), 2 * MS, 2 * MS);

        Readings after = measurement.start("kmc");
        take(after, 2, 19 * MS);
        assertThat(after.complete()).as("the last four least delays are 19, 2, 2 and 2 ms: 19 ms is within twice 19").isTrue();
        after.result();
        measure(measurement.start("kmc"), 2 * MS, 2 * MS);
        measure(measurement.start("kmc"), 2 * MS, 2 * MS);
        measure(measurement.start("kmc"), 2 * MS, 2 * MS);
        measure(measurement.start("kmc"), 2 * MS, 2 * MS);

        Readings slowNow = measurement.start("kmc");
        take(slowNow, 2, 19 * MS);
        assertThat(slowNow.complete()).as("19 ms is more than twice the usual 2 ms").isFalse();
    }

    @Test
    void aBurstOfOneIsNeverRepeated() {
        SlaveMeasurement measurement = new SlaveMeasurement(1, 4);
        measure(measurement.start("kmc"), MS, MS, MS, MS);

        Readings slow = measurement.start("kmc");
        assertThat(slow.burst()).isEqualTo(1);
        take(slow, 1, 500 * MS);
        assertThat(slow.complete()).as("500 ms, yet one reading is all a burst of one takes").isTrue();
        assertThat(slow.result().best().exchange().roundTripNanos()).isEqualTo(500 * MS);

        assertThat(measurement.start("kmc").burst()).as("still known").isEqualTo(1);
    }

    @Test
    void theOffsetIsTheMeanOfTheQuickestQuarter() {
        SlaveMeasurement measurement = new SlaveMeasurement(4, 16);
        Readings readings = measurement.start("kmc");
        long[] roundTrips = {900, 100, 800, 300, 700, 200, 600, 400, 500, 1_000, 1_100, 1_200, 1_300, 1_400, 1_500, 1_600};
        long[] offsets = {-9_000, 40, -8_000, 80, -7_000, -30, -6_000, 50, -5_000, -4_000, -3_000, -2_000, -1_000, 0, 1, 2};
        for (int i = 0; i < roundTrips.length; i++) {
            readings.add(reading(roundTrips[i], offsets[i]));
        }

        Result result = readings.result();

        assertThat(result.averaged()).isEqualTo(4);
        assertThat(result.offsetNanos()).isEqualTo((40 + 80 - 30 + 50) / 4);
        assertThat(result.best()).isEqualTo(reading(100, 40));
    }

    @Test
    void aResultNeedsEveryReading() {
        Readings readings = new SlaveMeasurement(4, 4).start("kmc");
        take(readings, 3, MS);

        assertThatThrownBy(readings::result).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void offsetsTooFarApartToAverageAreAnErrorAndTheSlaveIsForgotten() {
        SlaveMeasurement measurement = new SlaveMeasurement(8, 8);
        measure(measurement.start("kmc"), 1, 1, 1, 1, 1, 1, 1, 1);
        Readings readings = measurement.start("kmc");
        readings.add(reading(1, Long.MAX_VALUE));
        readings.add(reading(1, Long.MIN_VALUE));
        take(readings, 6, 5);

        assertThatThrownBy(readings::result).isInstanceOf(ArithmeticException.class);
        assertThat(measurement.start("kmc").burst()).isEqualTo(8);
    }

    @Test
    void theMemoryOfDelaysIsBoundedAndStartsOverWhenFull() {
        SlaveMeasurement measurement = new SlaveMeasurement(2, 6, 3);
        for (String slave : List.of("a", "b", "c")) {
            measure(measurement.start(slave), MS, MS, MS, MS, MS, MS);
        }
        measure(measurement.start("a"), MS, MS);
        assertThat(List.of("a", "b", "c")).as("a slave remembered already does not overflow it")
                .allSatisfy(slave -> assertThat(measurement.start(slave).burst()).isEqualTo(2));

        measure(measurement.start("d"), MS, MS, MS, MS, MS, MS);

        assertThat(measurement.start("d").burst()).isEqualTo(2);
        assertThat(List.of("a", "b", "c")).allSatisfy(slave -> assertThat(measurement.start(slave).burst()).isEqualTo(6));
    }

    @Test
    void theDefaultMemoryIsBoundedToo() {
        SlaveMeasurement measurement = new SlaveMeasurement(2, 3);
        for (int i = 0; i < SlaveMeasurement.MAX_REMEMBERED; i++) {
            measure(measurement.start("http://slave-" + i), MS, MS, MS);
        }
        assertThat(measurement.start("http://slave-0").burst()).isEqualTo(2);

        measure(measurement.start("http://one-more"), MS, MS, MS);

        assertThat(measurement.start("http://slave-0").burst()).isEqualTo(3);
        assertThat(measurement.start("http://one-more").burst()).isEqualTo(2);
    }

    /**
     * Random rounds of random slaves, some unreachable now and then, against the rules written out plainly:
     * how many readings each measurement takes, and the offset and best reading it concludes with.
     */
    @Test
    void followsTheRulesOnRandomRounds() {
        Random random = new Random(23);
        for (int run = 0; run < 200; run++) {
            int samples = 1 + random.nextInt(8);
            int initialSamples = 1 + random.nextInt(32);
            SlaveMeasurement measurement = new SlaveMeasurement(samples, initialSamples);
            Map<String, Deque<Long>> model = new HashMap<>();
            for (int round = 0; round < 30; round++) {
                for (String slave : List.of("kmc", "mit", "tapmi")) {
                    Readings readings = measurement.start(slave);
                    Deque<Long> recent = model.get(slave);
                    int burst = recent == null ? Math.max(samples, initialSamples) : samples;
                    assertThat(readings.burst()).isEqualTo(burst);
                    if (random.nextInt(10) == 0) {
                        take(readings, random.nextInt(burst), MS);
                        measurement.forget(slave);
                        model.remove(slave);
                        continue;
                    }
                    long scale = random.nextInt(8) == 0 ? 20 * MS : MS;
                    List<Reading> taken = new ArrayList<>();
                    while (!readings.complete()) {
                        Reading reading = reading(scale / 4 + random.nextLong(scale), random.nextLong(-MS, MS));
                        taken.add(reading);
                        readings.add(reading);
                    }
                    long quickestOfFirst = taken.subList(0, burst).stream().mapToLong(r -> r.exchange().roundTripNanos()).min().orElseThrow();
                    boolean second = burst > 1 && recent != null && quickestOfFirst > 2 * recent.stream().mapToLong(Long::longValue).max().orElseThrow();
                    assertThat(taken).as("run %d, round %d, %s", run, round, slave).hasSize(second ? 2 * burst : burst);

                    Result result = readings.result();

                    List<Reading> byDelay = taken.stream().sorted(Comparator.comparingLong(r -> r.exchange().delayNanos())).toList();
                    int share = Math.max(1, burst / 4);
                    double mean = byDelay.stream().limit(share).mapToLong(Reading::offsetNanos).average().orElseThrow();
                    assertThat(result.best()).isSameAs(byDelay.get(0));
                    assertThat(result.averaged()).isEqualTo(share);
                    assertThat((double) result.offsetNanos()).isCloseTo(mean, org.assertj.core.data.Offset.offset(0.5 + 1e-9));
                    if (burst > 1) {
                        Deque<Long> next = recent == null ? new ArrayDeque<>() : recent;
                        next.addLast(result.best().exchange().roundTripNanos());
                        if (next.size() > 4) {
                            next.removeFirst();
                        }
                        model.put(slave, next);
                    }
                }
            }
        }
    }
}
