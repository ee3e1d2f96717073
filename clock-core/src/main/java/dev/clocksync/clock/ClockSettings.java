package dev.clocksync.clock;

import java.time.Duration;

/**
 * How a {@link VirtualClock} starts and how it takes corrections.
 *
 * @param initialOffsetNanos where the clock starts relative to the host clock (+ is ahead)
 * @param driftPpm           how fast the clock gains (+) or loses (-) time against the host clock,
 *                           in parts per million; must be within ±{@value #MAX_DRIFT_PPM}
 * @param maxSlewRatePpm     how fast a correction is absorbed by slewing, in parts per million of
 *                           elapsed time: 500 000 absorbs a one-second correction in two seconds.
 *                           A backward slew slows the clock down to {@code 1 + drift - rate}, which
 *                           must stay positive, so the rate is below one million ppm
 * @param stepForward        whether a forward correction is applied at once (a step), rather than
 *                           slewed; backward corrections are always slewed, never stepped
 */
public record ClockSettings(long initialOffsetNanos, double driftPpm, long maxSlewRatePpm, boolean stepForward) {

    public static final double MAX_DRIFT_PPM = 100_000;
    public static final long DEFAULT_SLEW_RATE_PPM = 500_000;

    public ClockSettings {
        if (Math.abs(initialOffsetNanos) > VirtualClock.MAX_OFFSET_NANOS) {
            throw new IllegalArgumentException("initial offset must be within ±100 years, was " + initialOffsetNanos + " ns");
        }
        if (!Double.isFinite(driftPpm) || Math.abs(driftPpm) > MAX_DRIFT_PPM) {
            throw new IllegalArgumentException("drift must be within ±" + MAX_DRIFT_PPM + " ppm, was " + driftPpm);
        }
        if (maxSlewRatePpm <= 0 || maxSlewRatePpm >= 1_000_000 + driftPpm) {
            throw new IllegalArgumentException("slew rate must be positive and below 1 000 000 ppm + drift"
                    + " (so that a slewing clock still moves forward), was " + maxSlewRatePpm + " ppm");
        }
    }

    /** @return a clock on the host's time, without drift, slewing at the default rate, stepping forward */
    public static ClockSettings defaults() {
        return new ClockSettings(0, 0, DEFAULT_SLEW_RATE_PPM, true);
    }

    public ClockSettings withInitialOffset(Duration offset) {
        return new ClockSettings(offset.toNanos(), driftPpm, maxSlewRatePpm, stepForward);
    }

    public ClockSettings withDriftPpm(double drift) {
        return new ClockSettings(initialOffsetNanos, drift, maxSlewRatePpm, stepForward);
    }

    public ClockSettings withMaxSlewRatePpm(long rate) {
        return new ClockSettings(initialOffsetNanos, driftPpm, rate, stepForward);
    }

    public ClockSettings withStepForward(boolean step) {
        return new ClockSettings(initialOffsetNanos, driftPpm, maxSlewRatePpm, step);
    }
}
