package dev.clocksync.clock.berkeley;

import dev.clocksync.clock.exchange.OffsetTrend;

import java.util.HashMap;
import java.util.Map;

/**
 * The Berkeley master's filter across rounds: for each slave, a line through its measured offsets of the last
 * rounds ({@link OffsetTrend}, chrony's regression across samples), whose value is the offset the round averages
 * and adjusts by. One round's measurement is off by the chance asymmetry of its quickest readings, which on a
 * loaded host is tens to hundreds of microseconds, and successive rounds' errors are nearly independent: taken
 * alone, every round moves every clock by its own noise, and the clocks disagree by it after every round. The line
 * through many rounds averages that noise away, and its slope follows a slave that drifts against the master.
 * <p>
 * The offsets are kept against where neither clock was moved by a round: each slave's measured offset plus the
 * master's own adjustments, less the slave's (a slave adjusted by +a reads a further ahead from then on; a
 * master that moves itself by +m reads every slave m less ahead). The line's value is held within what the round
 * proved (its quickest reading's range), so that the offset used is never further from the truth than that
 * reading's error bound. A measurement that cannot be reconciled with the slave's line (the slave restarted, or
 * was moved by something else) starts it over. Times are monotonic nanoseconds, passed in; nothing here reads a
 * clock. Thread-safe.
 */
public final class SlaveTrends {

    /** Slaves remembered, at most; past it the memory starts over, so that slaves coming and going cannot grow it. */
    static final int MAX_REMEMBERED = 4_096;

    private final int rounds;
    private final long driftPpm;
    private final Map<String, OffsetTrend> trends = new HashMap<>();

    /**
     * @param rounds   how many rounds a slave's line goes through, at least 1 (1: each round on its own)
     * @param driftPpm how fast a slave and the master may drift apart, at most, in ppm: how far a kept measurement's
     *                 range grows a second when a new one is held against it
     */
    public SlaveTrends(int rounds, long driftPpm) {
        if (rounds < 1) {
            throw new IllegalArgumentException("a slave's line needs at least one round, was " + rounds);
        }
        this.rounds = rounds;
        this.driftPpm = driftPpm;
    }

    /**
     * The offset to use for a slave in this round.
     *
     * @param offsetNanos the offset the round measured ({@link SlaveMeasurement.Result#offsetNanos()})
     * @param best        the round's quickest reading, whose range the result is held within
     * @param atNanos     when it was measured, monotonic
     * @return the line's value at {@code atNanos}, within the quickest reading's range, and its distance to the
     *         range's far end: the truth lies within that range, so within that distance of the value
     */
    public synchronized Estimate estimate(String slave, long offsetNanos, SlaveMeasurement.Reading best, long atNanos) {
        long bound = best.exchange().errorBoundNanos();
        long low = best.offsetNanos() - bound;
        long high = best.offsetNanos() + bound;
        if (trends.size() >= MAX_REMEMBERED && !trends.containsKey(slave)) {
            trends.clear();
        }
        OffsetTrend trend = trends.computeIfAbsent(slave, name -> new OffsetTrend(rounds, driftPpm));
        trend.add(atNanos, offsetNanos, bound);
        OffsetTrend.Estimate line = trend.estimate(atNanos);
        long offset = Math.min(Math.max(line.correctionNanos(), low), high);
        return new Estimate(offset, Math.max(offset - low, high - offset), line.syncs());
    }

    /**
     * The offset a round uses for a slave.
     *
     * @param offsetNanos the slave's clock minus the master's
     * @param boundNanos  how far the truth may be from it
     * @param rounds      how many rounds the line went through, this one included
     */
    public record Estimate(long offsetNanos, long boundNanos, int rounds) {
    }

    /** Remembers that the slave applied an adjustment of {@code adjustmentNanos}. */
    public synchronized void adjusted(String slave, long adjustmentNanos) {
        OffsetTrend trend = trends.get(slave);
        if (trend != null) {
            trend.corrected(-adjustmentNanos);
        }
    }

    /** Remembers that the master moved its own clock by {@code movedNanos}: every slave reads that much less ahead. */
    public synchronized void masterMoved(long movedNanos) {
        trends.values().forEach(trend -> trend.corrected(movedNanos));
    }

    /** Forgets the slave (unreachable, or its adjustment's fate unknown): its next measurement starts a new line. */
    public synchronized void forget(String slave) {
        trends.remove(slave);
    }

    /** Forgets every slave: the master's clock was not kept with theirs meanwhile (another master led). */
    public synchronized void forgetAll() {
        trends.clear();
    }
}
