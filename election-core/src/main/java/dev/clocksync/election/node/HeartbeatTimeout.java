package dev.clocksync.election.node;

import dev.clocksync.election.ElectionSettings;

/**
 * How long a follower lets its coordinator be silent before it suspects it: an adaptive timeout, in the manner of
 * the phi accrual failure detector (Hayashibara et al., 2004, as Akka and Cassandra use it), which judges silence
 * against the gaps it has seen rather than against a fixed time.
 * <p>
 * The timeout is the configured failure timeout, plus how much longer than the heartbeat interval the gaps have
 * been on average, plus six standard deviations of the gaps, over the last {@value #WINDOW} gaps. The gaps are
 * those between the coordinator's heartbeats and those between the node's own ticks: both are due every heartbeat
 * interval, and a process starved of CPU is late with both, so a node learns how starved the machine is from its
 * own ticks before it has a coordinator to hear. On a quiet machine both come like clockwork and the timeout stays
 * at the failure timeout (a crashed coordinator is found as fast as ever); on a starved one (a dozen JVMs starting
 * on two cores, a busy loop on every core) the gaps grow and scatter, and so does the timeout, so that a slow
 * coordinator is not taken for a dead one. What was learnt is kept when the coordinator changes: the machine is
 * the same. Until it has seen {@value #TRUSTED_AFTER} gaps (its first seconds) a node knows nothing of the machine
 * and waits twice the failure timeout, as Akka's detector starts from a pessimistic first estimate. The timeout
 * never exceeds {@value #CAP} failure timeouts, so a coordinator that does die is always found.
 */
final class HeartbeatTimeout {

    static final int WINDOW = 128;
    static final int TRUSTED_AFTER = 16;
    static final int CAP = 4;
    private static final double DEVIATIONS = 6;

    private final long intervalNanos;
    private final long failureTimeoutNanos;
    private final long[] gaps = new long[WINDOW];
    private int count;
    private Integer coordinator;
    private Long lastHeardNanos;

    HeartbeatTimeout(ElectionSettings settings) {
        this.intervalNanos = settings.heartbeatIntervalNanos();
        this.failureTimeoutNanos = settings.failureTimeoutNanos();
    }

    /**
     * The node follows {@code leader} from now. If that is the coordinator it followed before (it was suspected and
     * elected again, or the node was away), the silence that ended now was one of its gaps: a silence taken for a
     * failure that was none is the gap the timeout must learn from most.
     */
    void following(int leader, long nowNanos) {
        if (Integer.valueOf(leader).equals(coordinator)) {
            heard(nowNanos);
        }
        coordinator = leader;
        lastHeardNanos = nowNanos;
    }

    /** The coordinator was heard from now. */
    void heard(long nowNanos) {
        if (lastHeardNanos != null) {
            add(nowNanos - lastHeardNanos);
        }
        lastHeardNanos = nowNanos;
    }

    /** The node's own tick came, {@code gapNanos} after the one before. */
    void ticked(long gapNanos) {
        add(gapNanos);
    }

    private void add(long gapNanos) {
        gaps[count % WINDOW] = gapNanos;
        count++;
    }

    /** @return how long the coordinator may be silent now before it is suspected */
    long nanos() {
        if (count < TRUSTED_AFTER) {
            return 2 * failureTimeoutNanos;
        }
        int n = Math.min(count, WINDOW);
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += gaps[i];
        }
        mean /= n;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            variance += (gaps[i] - mean) * (gaps[i] - mean);
        }
        double deviation = Math.sqrt(variance / n);
        double timeout = failureTimeoutNanos + Math.max(0, mean - intervalNanos) + DEVIATIONS * deviation;
        return (long) Math.min(timeout, (double) CAP * failureTimeoutNanos);
    }
}
