package dev.clocksync.clock.berkeley;

import dev.clocksync.clock.exchange.ClockFilter;
import dev.clocksync.clock.exchange.TimeExchange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the Berkeley master measures a slave's clock in a round, the step before the
 * {@link FaultTolerantAverage}. The master polls each slave for its time (the first step of Gusella and
 * Zatti's algorithm) by Cristian exchanges, in bursts, and keeps the quickest as NTP's clock filter does:
 * <ol>
 *   <li>Take a burst of {@code samples} readings; of a slave not measured yet, or whose last measurement
 *       failed, a longer one of {@code initialSamples} (like ntpd's {@code iburst}: a freshly started slave
 *       answers its first exchanges slowly and unevenly, so more are needed to find quick ones).</li>
 *   <li>If even the quickest reading of the burst took more than twice the slave's usual delay, something
 *       held up all of them (a pause for garbage collection, another process on the CPU): take one more
 *       burst of the same size. The usual delay is the largest of the least delays (the quickest readings'
 *       round trips) of the slave's last {@value #USUAL_OF} measurements, not the last one alone, so that the
 *       ordinary jitter of a busy host does not send slaves into second bursts round after round.</li>
 *   <li>The slave's offset is the mean offset of the quickest readings, a quarter of a burst's worth (the
 *       quickest alone for bursts under eight), taken from both bursts if there were two
 *       ({@link ClockFilter#leastDelayMean}): queueing only adds delay, and averaging a few quick readings
 *       evens out the random asymmetry that even the quickest single exchange can carry.</li>
 * </ol>
 * The caller takes the readings and hands them in one by one ({@link Readings#complete()} says when to
 * stop); nothing here reads a clock or calls a slave. Safe for slaves measured concurrently, one
 * {@link Readings} per slave and thread.
 */
public final class SlaveMeasurement {

    /** Measurements of a slave whose least delays make its usual delay. */
    static final int USUAL_OF = 4;

    /**
     * Slaves whose usual delay is remembered, at most (four times the registry's default size); past it the memory
     * starts over, so that slaves coming and going under new URLs cannot grow it without bound.
     */
    static final int MAX_REMEMBERED = 4_096;

    private final int samples;
    private final int initialSamples;
    private final int maxRemembered;
    private final Map<String, RecentDelays> recent = new ConcurrentHashMap<>();

    /**
     * @param samples        readings in a burst of a slave measured before, at least 1
     * @param initialSamples readings in a burst of a slave not measured yet, or after a failure; at least
     *                       {@code samples} are taken
     * @throws IllegalArgumentException if {@code samples} is less than 1
     */
    public SlaveMeasurement(int samples, int initialSamples) {
        this(samples, initialSamples, MAX_REMEMBERED);
    }

    SlaveMeasurement(int samples, int initialSamples, int maxRemembered) {
        if (samples < 1) {
            throw new IllegalArgumentException("a burst needs at least one reading, was " + samples);
        }
        this.samples = samples;
        this.initialSamples = Math.max(initialSamples, samples);
        this.maxRemembered = maxRemembered;
    }

    /**
     * One reading of a slave's clock.
     *
     * @param exchange    the Cristian exchange, on the master's clock (t0, t3) and the slave's (t1, t2)
     * @param offsetNanos the slave's clock minus the master's, both as they are heading (their pending slews
     *                    included)
     */
    public record Reading(TimeExchange exchange, long offsetNanos) {
    }

    /**
     * A slave's measurement in a round.
     *
     * @param best        the reading with the least delay, whose round trip and error bound the round reports
     * @param offsetNanos the slave's clock minus the master's: the mean offset of the quickest readings
     * @param averaged    how many readings that mean is of
     */
    public record Result(Reading best, long offsetNanos, int averaged) {
    }

    /**
     * Starts measuring a slave.
     *
     * @param slave what tells the slave apart from the others across rounds (the master uses its URL)
     * @return the readings to take, {@code initialSamples} of them if the slave's usual delay is not known
     */
    public Readings start(String slave) {
        return new Readings(slave, recent.containsKey(slave) ? samples : initialSamples);
    }

    /**
     * Forgets what the slave's earlier measurements told: its next one takes the initial burst again. For a
     * slave that could not be read, and for one gone.
     */
    public void forget(String slave) {
        recent.remove(slave);
    }

    /**
     * The readings of one slave in one round: one burst, and a second if the first was slow throughout.
     * Not thread-safe.
     */
    public final class Readings {

        private final String slave;
        private final int burst;
        private final List<Reading> readings;
        private int wanted;

        private Readings(String slave, int burst) {
            this.slave = slave;
            this.burst = burst;
            this.readings = new ArrayList<>(2 * burst);
            this.wanted = burst;
        }

        /** @return how many readings a burst takes for this slave */
        public int burst() {
            return burst;
        }

        /** @return whether every reading needed has been added: time for {@link #result()} */
        public boolean complete() {
            return wanted == 0;
        }

        /**
         * Adds the next reading. When it completes the first burst, decides whether a second one is needed.
         *
         * @throws IllegalStateException if the readings are already complete
         */
        public void add(Reading reading) {
            if (wanted == 0) {
                throw new IllegalStateException("the measurement of " + slave + " needs no more readings");
            }
            readings.add(reading);
            wanted--;
            if (wanted == 0 && readings.size() == burst && slowThroughout()) {
                wanted = burst;
            }
        }

        /** The second-burst rule: the quickest reading took more than twice the slave's usual delay. */
        private boolean slowThroughout() {
            RecentDelays delays = recent.get(slave);
            return burst > 1 && delays != null && roundTrip(quickest()) > 2 * delays.usual();
        }

        /**
         * Concludes the measurement and remembers the quickest reading's delay for the slave's next ones (not
         * for a burst of one, which tells too little).
         *
         * @return the slave's offset, the mean over the quarter of a burst (at least one) of the quickest readings
         * @throws IllegalStateException if readings are still wanted
         * @throws ArithmeticException   if the readings' offsets are too far apart to average; the slave is
         *                               forgotten, as after a failed read
         */
        public Result result() {
            if (wanted > 0) {
                throw new IllegalStateException(wanted + " more readings of " + slave + " are wanted");
            }
            Reading best = quickest();
            int share = Math.max(1, burst / 4);
            long offset;
            try {
                offset = ClockFilter.leastDelayMean(readings, share, Reading::exchange, Reading::offsetNanos).orElseThrow();
            } catch (ArithmeticException e) {
                forget(slave);
                throw e;
            }
            if (burst > 1) {
                remember(slave, roundTrip(best));
            }
            return new Result(best, offset, Math.min(share, readings.size()));
        }

        private Reading quickest() {
            return ClockFilter.minimumDelay(readings, Reading::exchange).orElseThrow();
        }
    }

    private void remember(String slave, long delay) {
        if (recent.size() >= maxRemembered && !recent.containsKey(slave)) {
            recent.clear();
        }
        recent.compute(slave, (key, delays) -> delays == null ? RecentDelays.of(delay) : delays.with(delay));
    }

    private static long roundTrip(Reading reading) {
        return reading.exchange().roundTripNanos();
    }

    /**
     * The least delays of a slave's last {@value #USUAL_OF} measurements (at most), oldest first.
     */
    record RecentDelays(long[] delays) {

        static RecentDelays of(long delay) {
            return new RecentDelays(new long[] {delay});
        }

        /** @return these with {@code delay} added as the newest, the oldest dropped if there were four */
        RecentDelays with(long delay) {
            int kept = Math.min(delays.length, USUAL_OF - 1);
            long[] next = Arrays.copyOfRange(delays, delays.length - kept, delays.length + 1);
            next[kept] = delay;
            return new RecentDelays(next);
        }

        /** @return the slave's usual delay: the largest of these */
        long usual() {
            long largest = delays[0];
            for (long delay : delays) {
                largest = Math.max(largest, delay);
            }
            return largest;
        }
    }
}
