package dev.clocksync.clock.exchange;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The filter across syncs that chrony applies to its samples, reduced to its core (a Cristian client keeps one for
 * its server; a Berkeley master one for each slave, its rounds as syncs): the offsets of the last few syncs,
 * fitted by a straight line (weighted least squares, each weighted by 1/bound²), whose value now is the offset
 * to correct by. The error of one sync is the random asymmetry of its quickest exchange, and the errors of
 * successive syncs are nearly independent, so a line through many of them lies closer to the truth than any one;
 * its slope is the clock's frequency error, which a plain average would mistake for offset (a clock 60 ppm fast
 * moves 60 µs between syncs a second apart). A slope within {@value #SIGNIFICANT} standard errors of zero is
 * noise, not drift, and the value is then the samples' mean.
 * <p>
 * Offsets are kept against the client's raw clock: its clock less every correction this client has made (the
 * clock's eventual time, so a slew still under way does not matter). The raw clock runs at a constant rate
 * against the server's, which makes a line the right model. A sample that cannot be reconciled with the ones
 * kept (its range does not meet theirs, grown by the most a clock may drift since) shows that one of the two
 * clocks was moved by something else: the history starts over from it.
 * <p>
 * The line's value is an estimate, not a bound; the caller holds it to what it knows for certain (its burst's
 * ranges). Times are monotonic nanoseconds, passed in. Not thread-safe.
 */
public final class OffsetTrend {

    /**
     * How many standard errors from zero a slope must be to be followed. A line's value at its newest end is twice as
     * noisy as the samples' mean; a slope lost in that noise (a clock that hardly drifts, or a few syncs) would only
     * add it, while a real drift stands out within a few syncs (60 ppm is 60 µs a second).
     */
    static final double SIGNIFICANT = 3;

    /** Bounds below this weigh as this: a fake server answering in no time must not get infinite weight. */
    private static final double MIN_WEIGHTED_BOUND_NANOS = 1_000;

    /** One sync's sample: at {@code atNanos}, the server was {@code rawOffsetNanos} ahead of the raw clock, ± bound. */
    private record Point(long atNanos, long rawOffsetNanos, long boundNanos) {
    }

    /**
     * The line's value at a moment.
     *
     * @param correctionNanos how far to move the clock's eventual time to put it on the server's
     * @param syncs           how many syncs the line was fitted to
     * @param frequencyPpm    how fast this clock runs against the server's, in ppm (positive: fast), or null below
     *                        three syncs
     */
    public record Estimate(long correctionNanos, int syncs, Double frequencyPpm) {
    }

    private final int capacity;
    private final long driftPpm;
    private final Deque<Point> points = new ArrayDeque<>();
    private long correctedNanos;

    /**
     * @param capacity how many syncs to fit, at least 1 (1: each sync on its own)
     * @param driftPpm the most the two clocks may drift apart, in ppm: how far a kept sample's range grows a second
     */
    public OffsetTrend(int capacity, long driftPpm) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the trend needs room for at least one sync, was " + capacity);
        }
        this.capacity = capacity;
        this.driftPpm = driftPpm;
    }

    /**
     * Adds a sync's sample.
     *
     * @param atNanos         when it was measured, monotonic
     * @param correctionNanos the correction it called for (server minus the clock's eventual time)
     * @param boundNanos      its error bound
     * @return false if it could not be reconciled with the samples kept, which were dropped
     */
    public boolean add(long atNanos, long correctionNanos, long boundNanos) {
        long raw;
        try {
            raw = Math.addExact(correctionNanos, correctedNanos);
        } catch (ArithmeticException overflow) {
            forget();
            raw = correctionNanos;
        }
        boolean reconciled = meets(atNanos, raw, boundNanos);
        if (!reconciled) {
            points.clear();
        }
        points.addLast(new Point(atNanos, raw, boundNanos));
        while (points.size() > capacity) {
            points.removeFirst();
        }
        return reconciled;
    }

    /** Whether the range {@code raw ± bound} at {@code atNanos} meets every kept sample's, grown by the drift since. */
    private boolean meets(long atNanos, long raw, long boundNanos) {
        for (Point point : points) {
            double grown = (double) point.boundNanos() + boundNanos
                    + Math.abs((double) (atNanos - point.atNanos())) * driftPpm / 1e6;
            if (Math.abs((double) raw - point.rawOffsetNanos()) > grown) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param atNanos the moment to evaluate the line at, monotonic
     * @return the line's value then, as a correction of the clock as it is now
     * @throws IllegalStateException if no sample was added
     */
    public Estimate estimate(long atNanos) {
        if (points.isEmpty()) {
            throw new IllegalStateException("no sample to estimate from");
        }
        Point newest = points.peekLast();
        // Relative to the newest sample, in seconds and nanoseconds, so that doubles keep every nanosecond.
        double sumW = 0;
        double sumX = 0;
        double sumY = 0;
        for (Point point : points) {
            double w = weight(point);
            sumW += w;
            sumX += w * seconds(point.atNanos() - newest.atNanos());
            sumY += w * (point.rawOffsetNanos() - newest.rawOffsetNanos());
        }
        double meanX = sumX / sumW;
        double meanY = sumY / sumW;
        double sxx = 0;
        double sxy = 0;
        for (Point point : points) {
            double w = weight(point);
            double dx = seconds(point.atNanos() - newest.atNanos()) - meanX;
            sxx += w * dx * dx;
            sxy += w * dx * ((point.rawOffsetNanos() - newest.rawOffsetNanos()) - meanY);
        }
        int n = points.size();
        double slope = n >= 3 && sxx > 0 ? sxy / sxx : 0;
        double residuals = 0;
        for (Point point : points) {
            double r = (point.rawOffsetNanos() - newest.rawOffsetNanos()) - meanY
                    - slope * (seconds(point.atNanos() - newest.atNanos()) - meanX);
            residuals += weight(point) * r * r;
        }
        // The slope's standard error, from how far the samples scatter about the line (bounds weigh, but are no σ).
        double standardError = n >= 3 && sxx > 0 ? Math.sqrt(residuals / (n - 2) / sxx) : Double.POSITIVE_INFINITY;
        double used = Math.abs(slope) >= SIGNIFICANT * standardError ? slope : 0;
        double value = meanY + used * (seconds(atNanos - newest.atNanos()) - meanX);
        long raw = newest.rawOffsetNanos() + Math.round(value);
        Double frequencyPpm = n >= 3 && sxx > 0 ? -slope / 1_000 : null;
        return new Estimate(raw - correctedNanos, n, frequencyPpm);
    }

    /** Remembers that the clock's eventual time was moved by {@code deltaNanos}, by this client. */
    public void corrected(long deltaNanos) {
        try {
            correctedNanos = Math.addExact(correctedNanos, deltaNanos);
        } catch (ArithmeticException overflow) {
            forget();
        }
    }

    /** Drops every sample: the next starts the line anew. */
    public void forget() {
        points.clear();
        correctedNanos = 0;
    }

    /** @return how many syncs are kept */
    public int size() {
        return points.size();
    }

    private static double weight(Point point) {
        double bound = Math.max(MIN_WEIGHTED_BOUND_NANOS, point.boundNanos());
        return 1 / (bound * bound);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
