package dev.clocksync.clock.cristian;

import dev.clocksync.clock.ClockAdjustment;

import java.util.List;

/**
 * The outcome of one Cristian synchronization.
 *
 * @param selected   the burst's least-delay sample, the one acted on
 * @param burst      every sample of the burst, in order
 * @param adjustment what the clock did with the correction, or null if it was left alone
 * @param leftAlone  why the clock was left alone, or null if it was corrected
 * @param knownWithinNanos how well the clock was known before this sync (its last correction's bound, grown by the
 *                   drift allowed since), or null if it was not known
 */
public record SyncResult(CristianSample selected, List<CristianSample> burst, ClockAdjustment adjustment, String leftAlone,
        Long knownWithinNanos) {

    public SyncResult {
        burst = List.copyOf(burst);
        if ((adjustment == null) == (leftAlone == null)) {
            throw new IllegalArgumentException("a sync either corrects the clock or says why it left it alone");
        }
    }

    /** A sync whose sample did not move the clock, why, and how well the clock was known. */
    public static SyncResult leftAlone(CristianSample selected, List<CristianSample> burst, String reason, long knownWithinNanos) {
        return new SyncResult(selected, burst, null, reason, knownWithinNanos);
    }

    /** @return whether the clock was corrected */
    public boolean corrected() {
        return adjustment != null;
    }
}
