package dev.clocksync.clock.berkeley;

import java.util.ArrayList;
import java.util.List;

/**
 * The Berkeley algorithm's fault-tolerant average, as BSD's {@code timed} computes it: the master
 * has measured every clock's offset from its own (its own is 0); clocks further than the tolerance
 * from the median (timed's GOOD_RANGE) are left out of the average, so that one broken clock cannot
 * drag the others; every clock, left out or not, is then told to move by {@code average − offset}.
 * <p>
 * The median of an even number of clocks is the mean of the middle two. If no clock lies within the
 * tolerance of the median (two clocks far apart, say), there is no majority to believe, and the
 * master's clock is kept as the reference. Pure function; no clock is read here.
 */
public final class FaultTolerantAverage {

    /** Offsets beyond this (about 146 years) are refused, so that no difference of two can overflow. */
    public static final long MAX_OFFSET_NANOS = Long.MAX_VALUE / 2;

    private FaultTolerantAverage() {
    }

    /**
     * One clock's measured offset.
     *
     * @param name        the clock's name
     * @param offsetNanos the clock minus the master's clock (where each is heading, pending slews included)
     * @param master      whether this is the master's own clock
     */
    public record Clock(String name, long offsetNanos, boolean master) {

        public static Clock master(String name) {
            return new Clock(name, 0, true);
        }

        public static Clock slave(String name, long offsetNanos) {
            return new Clock(name, offsetNanos, false);
        }
    }

    /**
     * What the average decided for one clock.
     *
     * @param clock           the clock as measured
     * @param included        whether its offset went into the average
     * @param reason          why it was left out, or null if included
     * @param adjustmentNanos how far the clock must move: average − its offset
     */
    public record Decision(Clock clock, boolean included, String reason, long adjustmentNanos) {
    }

    /**
     * @param medianNanos  the median of all offsets
     * @param averageNanos the average of the included offsets: where every clock is sent
     * @param decisions    one per clock, in the order given
     */
    public record Result(long medianNanos, long averageNanos, List<Decision> decisions) {

        public Result {
            decisions = List.copyOf(decisions);
        }

        /** @return the clocks included in the average */
        public List<Decision> included() {
            return decisions.stream().filter(Decision::included).toList();
        }
    }

    /**
     * @param clocks        every clock measured this round, the master's among them; at least one,
     *                      offsets within ±{@link #MAX_OFFSET_NANOS}
     * @param toleranceNanos how far from the median a clock may be and still count, non-negative
     * @throws IllegalArgumentException if there are no clocks, an offset is out of range or the tolerance is negative
     */
    public static Result compute(List<Clock> clocks, long toleranceNanos) {
        if (clocks.isEmpty()) {
            throw new IllegalArgumentException("a round needs at least one clock");
        }
        if (toleranceNanos < 0) {
            throw new IllegalArgumentException("the tolerance must not be negative, was " + toleranceNanos);
        }
        for (Clock clock : clocks) {
            if (clock.offsetNanos() > MAX_OFFSET_NANOS || clock.offsetNanos() < -MAX_OFFSET_NANOS) {
                throw new IllegalArgumentException(clock.name() + "'s offset " + clock.offsetNanos() + " ns is out of range");
            }
        }
        long median = median(clocks);
        boolean[] in = new boolean[clocks.size()];
        int count = 0;
        for (int i = 0; i < clocks.size(); i++) {
            if (Math.abs(clocks.get(i).offsetNanos() - median) <= toleranceNanos) {
                in[i] = true;
                count++;
            }
        }
        boolean masterFallback = count == 0;
        if (masterFallback) {
            for (int i = 0; i < clocks.size(); i++) {
                in[i] = clocks.get(i).master();
            }
        }
        long average = average(clocks, in, median);
        List<Decision> decisions = new ArrayList<>(clocks.size());
        for (int i = 0; i < clocks.size(); i++) {
            Clock clock = clocks.get(i);
            String reason = in[i] ? null : masterFallback
                    ? "no clock is within the tolerance of the median; the master's clock is kept"
                    : "offset " + clock.offsetNanos() + " ns is " + Math.abs(clock.offsetNanos() - median)
                      + " ns from the median, beyond the tolerance of " + toleranceNanos + " ns";
            decisions.add(new Decision(clock, in[i], reason, average - clock.offsetNanos()));
        }
        return new Result(median, average, decisions);
    }

    private static long median(List<Clock> clocks) {
        long[] offsets = clocks.stream().mapToLong(Clock::offsetNanos).sorted().toArray();
        int middle = offsets.length / 2;
        if (offsets.length % 2 == 1) {
            return offsets[middle];
        }
        long low = offsets[middle - 1];
        return low + (offsets[middle] - low) / 2;
    }

    /**
     * The mean of the included offsets, or 0 (the master's own) if none is included, which only happens
     * when the master itself was not measured. Summed as distances from the median, in a double where
     * the tolerance is so wide that a long sum could overflow.
     */
    private static long average(List<Clock> clocks, boolean[] in, long median) {
        long sum = 0;
        int count = 0;
        double wide = 0;
        boolean overflow = false;
        for (int i = 0; i < clocks.size(); i++) {
            if (in[i]) {
                long d = clocks.get(i).offsetNanos() - median;
                wide += d;
                count++;
                try {
                    sum = Math.addExact(sum, d);
                } catch (ArithmeticException e) {
                    overflow = true;
                }
            }
        }
        if (count == 0) {
            return 0;
        }
        return median + (overflow ? Math.round(wide / count) : Math.floorDiv(sum, count));
    }
}
