package dev.clocksync.clock.exchange;

import java.util.HashMap;
import java.util.Map;

/**
 * Whether a measurement is good enough to correct a clock by: a measurement is used only if it knows the
 * clock better than the clock is already known, so that a correction never leaves a clock further from the
 * truth than its last one could have. After a correction by a measurement within ±b of the truth, the clock
 * is known to be within b of where it was sent (offset 0 from its reference); that knowledge decays as clocks
 * drift apart, by {@code driftPpm} of the time since (NTP's dispersion, which grows by PHI, 15 ppm, a second).
 * A measurement whose error bound is wider than what is known of the clock now is not used: the clock is left
 * alone and the caller says why. This is NTP's idea that a sample is believed only if it is better than what
 * it would replace, across polls (ntpd's popcorn spike suppressor and clock filter, chrony's
 * {@code maxdelayratio}), put in error-bound terms: one exchange slowed by a descheduled thread or a queue,
 * whose bound says so, moves no clock; and a clock left alone long enough takes a loose measurement again, as
 * its own uncertainty grows past it.
 * <p>
 * What is known can be wrong: the clock may have been moved by something else since (restarted, adjusted by
 * hand, by another master). A measurement that cannot be reconciled with what is known (the two ranges, the
 * known one and the measured one, do not meet) shows that, and is used whatever its bound.
 * <p>
 * One gate serves any number of clocks, each by its name (a Berkeley master's slaves, a Cristian client's
 * own clock). A clock never corrected, or forgotten, takes any measurement. Times are monotonic nanoseconds,
 * passed in; nothing here reads a clock. Thread-safe.
 */
public final class CorrectionGate {

    /**
     * How fast the clocks here may drift from the truth, at most: above any drift a real quartz clock has (tens
     * of ppm), and above the drifts the seed's clocks are given (up to 60 ppm).
     */
    public static final long DEFAULT_DRIFT_PPM = 100;

    /** Clocks remembered, at most; past it the memory starts over, so that names coming and going cannot grow it. */
    static final int MAX_REMEMBERED = 4_096;

    private final long driftPpm;
    private final Map<String, Known> known = new HashMap<>();

    /**
     * @param driftPpm how fast what is known of a clock decays, in parts per million of the time elapsed: the
     *                 most the clock may drift from its reference (twice a clock's drift where both the clock and
     *                 its reference drift, as a Berkeley slave and its master do); positive
     */
    public CorrectionGate(long driftPpm) {
        if (driftPpm <= 0 || driftPpm > 1_000_000) {
            throw new IllegalArgumentException("the drift must be between 1 and 1000000 ppm, was " + driftPpm);
        }
        this.driftPpm = driftPpm;
    }

    /**
     * What the gate says of a measurement.
     *
     * @param correct          whether to correct the clock by it
     * @param knownWithinNanos how well the clock was known when it was measured, or null if it was not known
     * @param reason           why it is not used, or null if it is
     */
    public record Verdict(boolean correct, Long knownWithinNanos, String reason) {
    }

    /**
     * @param clock       the clock's name
     * @param offsetNanos the measured offset from the clock's reference (where the last correction sent it is 0)
     * @param boundNanos  the measurement's error bound, non-negative
     * @param nowNanos    when it was measured, monotonic
     * @return whether to correct the clock by it; nothing is remembered until {@link #corrected}
     */
    public synchronized Verdict assess(String clock, long offsetNanos, long boundNanos, long nowNanos) {
        if (boundNanos < 0) {
            throw new IllegalArgumentException("an error bound cannot be negative, was " + boundNanos);
        }
        Known last = known.get(clock);
        if (last == null) {
            return new Verdict(true, null, null);
        }
        long within = last.within(nowNanos, driftPpm);
        if (boundNanos <= within || !meets(offsetNanos - last.expectedOffsetNanos(), within, boundNanos)) {
            return new Verdict(true, within, null);
        }
        return new Verdict(false, within, "measured within ±" + boundNanos + " ns, but the clock is already known within ±"
                + within + " ns: left alone");
    }

    /** Whether a measurement {@code distance} from where the clock is expected meets the known range. */
    private static boolean meets(long distance, long within, long boundNanos) {
        long gap = distance == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(distance);
        return within > Long.MAX_VALUE - boundNanos || gap <= within + boundNanos;
    }

    /**
     * Remembers that the clock was corrected by a measurement: from {@code nowNanos} it is known within
     * {@code boundNanos} of its reference.
     *
     * @param nowNanos when it was measured, monotonic
     */
    public synchronized void corrected(String clock, long boundNanos, long nowNanos) {
        if (boundNanos < 0) {
            throw new IllegalArgumentException("an error bound cannot be negative, was " + boundNanos);
        }
        if (known.size() >= MAX_REMEMBERED && !known.containsKey(clock)) {
            known.clear();
        }
        known.put(clock, new Known(0, boundNanos, nowNanos));
    }

    /**
     * Remembers that the clock's reference moved by {@code referenceMovedNanos} while the clock was left alone (a
     * Berkeley master adjusting itself): the clock is now expected that much behind it. Nothing if it is not known.
     */
    public synchronized void referenceMoved(String clock, long referenceMovedNanos) {
        known.computeIfPresent(clock, (name, last) -> new Known(
                saturated(last.expectedOffsetNanos() - (double) referenceMovedNanos), last.boundNanos(), last.atNanos()));
    }

    /** Forgets the clock (gone, restarted, or no longer trusted): its next measurement is taken whatever its bound. */
    public synchronized void forget(String clock) {
        known.remove(clock);
    }

    /**
     * @return how well the clock is known at {@code nowNanos}: the bound of its last correction plus the drift
     * allowed since, or null if it was never corrected or has been forgotten
     */
    public synchronized Long knownWithin(String clock, long nowNanos) {
        Known last = known.get(clock);
        return last == null ? null : last.within(nowNanos, driftPpm);
    }

    private static long saturated(double value) {
        return value >= Long.MAX_VALUE ? Long.MAX_VALUE : value <= -Long.MAX_VALUE ? -Long.MAX_VALUE : (long) value;
    }

    /** The clock was sent {@code expectedOffsetNanos} from its reference, within {@code boundNanos}, at {@code atNanos}. */
    private record Known(long expectedOffsetNanos, long boundNanos, long atNanos) {

        /** The bound plus the drift allowed since; saturating, as after years without a correction nothing is known. */
        long within(long nowNanos, long driftPpm) {
            long elapsed = Math.max(0, nowNanos - atNanos);
            long decay = elapsed > Long.MAX_VALUE / driftPpm ? Long.MAX_VALUE : elapsed * driftPpm / 1_000_000;
            return decay > Long.MAX_VALUE - boundNanos ? Long.MAX_VALUE : boundNanos + decay;
        }
    }
}
