package dev.clocksync.clock;

/**
 * What a {@link VirtualClock#adjust(long)} did.
 *
 * @param requestedNanos   the correction asked for
 * @param steppedNanos     the part applied at once (forward only; 0 when everything is slewed)
 * @param pendingSlewNanos what remains to be slewed after this correction, earlier ones included
 * @param after            a reading of the clock just after the correction
 */
public record ClockAdjustment(long requestedNanos, long steppedNanos, long pendingSlewNanos, ClockReading after) {
}
