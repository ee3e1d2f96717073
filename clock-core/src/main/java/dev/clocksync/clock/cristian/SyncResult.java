package dev.clocksync.clock.cristian;

import dev.clocksync.clock.ClockAdjustment;

import java.util.List;

/**
 * The outcome of one Cristian synchronization.
 *
 * @param selected         the burst's least-delay sample, the one this sync adds to the trend
 * @param burst            every sample of the burst, in order
 * @param offsetNanos      the offset acted on: the server's clock minus this clock's eventual time, as the trend
 *                         across syncs puts it, held within what the burst proves
 * @param errorBoundNanos  the true offset lies within this distance of {@code offsetNanos}: the burst proves it lies in
 *                         every sample's range, and this is the farthest end of their intersection
 * @param syncs            how many syncs the offset was estimated from (1: this burst alone)
 * @param frequencyPpm     how fast this clock runs against the server's, in ppm (positive: fast), or null when the
 *                         trend has fewer than three syncs
 * @param adjustment       what the clock did with the correction, or null if it was left alone
 * @param leftAlone        why the clock was left alone, or null if it was corrected
 * @param knownWithinNanos how well the clock was known before this sync (its last correction's bound, grown by the
 *                         drift allowed since), or null if it was not known
 */
public record SyncResult(CristianSample selected, List<CristianSample> burst, long offsetNanos, long errorBoundNanos, int syncs,
        Double frequencyPpm, ClockAdjustment adjustment, String leftAlone, Long knownWithinNanos) {

    public SyncResult {
        burst = List.copyOf(burst);
        if ((adjustment == null) == (leftAlone == null)) {
            throw new IllegalArgumentException("a sync either corrects the clock or says why it left it alone");
        }
    }

    /** @return whether the clock was corrected */
    public boolean corrected() {
        return adjustment != null;
    }
}
