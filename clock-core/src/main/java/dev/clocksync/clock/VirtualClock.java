package dev.clocksync.clock;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's clock: the host clock plus an offset that drifts and takes corrections.
 * <p>
 * The offset follows a trajectory from the last correction: {@code offset(t) = offset0 + drift·e + slew(e)}
 * with {@code e} the monotonic time elapsed since that correction and {@code slew(e)} the part of the
 * pending correction absorbed so far, at most {@code maxSlewRate·e}. A backward correction is never
 * stepped: the clock runs slower (at {@code 1 + drift - rate}) until it is absorbed. A forward one is
 * stepped at once or slewed, as configured. Readings never decrease, whatever the host wall clock does.
 * <p>
 * Reads are lock-free; corrections are serialized. Thread-safe.
 */
public final class VirtualClock {

    /** The largest offset from the host clock that the clock represents: 100 years. */
    public static final long MAX_OFFSET_NANOS = 36_525L * 86_400 * 1_000_000_000L;

    private final TimeSource host;
    private final ClockSettings settings;
    private final double driftPerNano;
    private final double slewPerNano;
    private final AtomicLong highWater = new AtomicLong(Long.MIN_VALUE);
    private volatile Trajectory trajectory;

    public VirtualClock(TimeSource host, ClockSettings settings) {
        this.host = host;
        this.settings = settings;
        this.driftPerNano = settings.driftPpm() / 1e6;
        this.slewPerNano = settings.maxSlewRatePpm() / 1e6;
        this.trajectory = new Trajectory(host.monotonicNanos(), settings.initialOffsetNanos(), 0);
    }

    /** @return the settings the clock was made with */
    public ClockSettings settings() {
        return settings;
    }

    /** @return the host's monotonic clock, for timing exchanges against this clock */
    public long monotonicNanos() {
        return host.monotonicNanos();
    }

    /** @return the clock's time in nanoseconds since the Unix epoch; never less than an earlier answer */
    public long epochNanos() {
        Trajectory t = trajectory;
        long mono = host.monotonicNanos();
        long elapsed = Math.max(0, mono - t.fromMonotonic);
        return notBefore(host.wallEpochNanos() + t.offset + drift(elapsed) + t.slewed(elapsed, slewPerNano));
    }

    /**
     * The clock's time at an earlier instant of the host's monotonic clock, for a timestamp taken by
     * someone else in monotonic time (a web server's "request started" mark, say) and wanted on this
     * clock. It is worked out along the clock's present trajectory, so it is exact for any instant since
     * the last correction (corrections are a few a minute; the instants asked about, microseconds old);
     * an instant before it is taken as that correction's moment. Not a reading: it neither moves nor
     * heeds the never-decreasing guard of {@link #epochNanos()}, but it is never later than a reading
     * taken now.
     *
     * @param monotonicNanos an instant of {@link #monotonicNanos()}; a later one than now is taken as now
     * @return the clock's time then, in nanoseconds since the Unix epoch
     */
    public long epochNanosAt(long monotonicNanos) {
        Trajectory t = trajectory;
        long mono = host.monotonicNanos();
        long wall = host.wallEpochNanos();
        if (monotonicNanos - mono >= 0) {
            return epochNanos();
        }
        long elapsed = Math.max(0, monotonicNanos - t.fromMonotonic);
        long then = wall - (mono - monotonicNanos) + t.offset + drift(elapsed) + t.slewed(elapsed, slewPerNano);
        return Math.min(then, epochNanos());
    }

    /** @return a full reading: the time, the host time it was derived from, the offset and pending slew */
    public ClockReading read() {
        Trajectory t = trajectory;
        long mono = host.monotonicNanos();
        long wall = host.wallEpochNanos();
        long elapsed = Math.max(0, mono - t.fromMonotonic);
        long slewed = t.slewed(elapsed, slewPerNano);
        long epoch = notBefore(wall + t.offset + drift(elapsed) + slewed);
        return new ClockReading(epoch, wall, mono, epoch - wall, t.pending - slewed, settings.driftPpm());
    }

    /** @return {@code computed}, or the latest reading given out if that is later: readings never decrease */
    private long notBefore(long computed) {
        long latest = highWater.get();
        while (computed > latest) {
            if (highWater.compareAndSet(latest, computed)) {
                return computed;
            }
            latest = highWater.get();
        }
        return latest;
    }

    /**
     * Corrects the clock by {@code deltaNanos}: the clock's eventual time (its time once everything
     * pending is absorbed) moves by exactly that much. A net forward correction is stepped if the
     * settings say so; anything else is slewed.
     *
     * @throws IllegalArgumentException if the correction would put the clock more than 100 years from the host clock
     */
    public synchronized ClockAdjustment adjust(long deltaNanos) {
        Trajectory t = trajectory;
        long mono = host.monotonicNanos();
        long elapsed = Math.max(0, mono - t.fromMonotonic);
        long slewed = t.slewed(elapsed, slewPerNano);
        long offsetNow = t.offset + drift(elapsed) + slewed;
        long pendingNow = t.pending - slewed;
        long target;
        long net;
        try {
            net = Math.addExact(pendingNow, deltaNanos);
            target = Math.addExact(offsetNow, net);
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException("correction of " + deltaNanos + " ns is out of range", overflow);
        }
        if (Math.abs(target) > MAX_OFFSET_NANOS) {
            throw new IllegalArgumentException("correction of " + deltaNanos
                    + " ns would put the clock more than 100 years from the host clock");
        }
        long stepped = net > 0 && settings.stepForward() ? net : 0;
        trajectory = new Trajectory(mono, offsetNow + stepped, net - stepped);
        return new ClockAdjustment(deltaNanos, stepped, net - stepped, read());
    }

    private long drift(long elapsedNanos) {
        return Math.round(elapsedNanos * driftPerNano);
    }

    /** The offset at a monotonic instant and the correction still to be slewed from there. */
    private record Trajectory(long fromMonotonic, long offset, long pending) {

        long slewed(long elapsedNanos, double slewPerNano) {
            if (pending == 0) {
                return 0;
            }
            double capacity = elapsedNanos * slewPerNano;
            long magnitude = capacity >= Math.abs((double) pending) ? Math.abs(pending) : (long) capacity;
            return pending > 0 ? magnitude : -magnitude;
        }
    }
}
