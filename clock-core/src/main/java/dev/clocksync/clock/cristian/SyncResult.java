package dev.clocksync.clock.cristian;

import dev.clocksync.clock.ClockAdjustment;

import java.util.List;

/**
 * The outcome of one Cristian synchronization.
 *
 * @param selected   the burst's least-delay sample, the one acted on
 * @param burst      every sample of the burst, in order
 * @param adjustment what the clock did with the correction
 */
public record SyncResult(CristianSample selected, List<CristianSample> burst, ClockAdjustment adjustment) {

    public SyncResult {
        burst = List.copyOf(burst);
    }
}
