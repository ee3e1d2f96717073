package dev.clocksync.timeclient.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.clocksync.clock.Instants;
import dev.clocksync.clock.cristian.CristianSample;
import dev.clocksync.clock.cristian.SyncResult;
import dev.clocksync.clock.exchange.TimeExchange;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * One synchronization attempt, as {@code POST /sync} returns it and {@code GET /sync/history} lists it.
 * The measurement fields are absent when the attempt failed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One synchronization with the time server")
record SyncView(
        @Schema(description = "Sequence number of this attempt, from 1") long sequence,
        @Schema(description = "What started it", allowableValues = {"scheduled", "manual"}) String trigger,
        @Schema(description = "How it ended: left_alone when the measurement was looser than what was already known of the clock",
                allowableValues = {"synchronized", "left_alone", "rate_limited", "unreachable", "implausible"}) String status,
        @Schema(description = "The client's clock when it ended") Instant at,
        @Schema(description = "t2 of the selected sample: the server's time when it answered") Instant serverTime,
        @Schema(description = "t3 − t0 of the selected sample, nanoseconds") Long roundTripNanos,
        @Schema(description = "(t3 − t0) − (t2 − t1) of the selected sample: time on the network, nanoseconds") Long delayNanos,
        @Schema(description = "Offset acted on: server clock minus this clock, nanoseconds; a line through the selected samples "
                + "of the last syncs (see syncs), held within what this burst proves") Long offsetNanos,
        @Schema(description = "The true offset is within this distance of offsetNanos, nanoseconds: each sample proves it lies within "
                + "its delay / 2 of the sample's own offset, and this is the farther end of where the burst's samples agree") Long errorBoundNanos,
        @Schema(description = "How many syncs the offset was estimated from (1: this burst alone)") Integer syncs,
        @Schema(description = "How fast this clock runs against the server's, ppm (positive: fast), from the line through "
                + "the last syncs; absent below three") Double frequencyPpm,
        @Schema(description = "Correction applied to the clock (offset minus what was still being slewed), nanoseconds") Long adjustmentNanos,
        @Schema(description = "Part of the correction stepped at once, nanoseconds") Long steppedNanos,
        @Schema(description = "Correction left to slew after this sync, nanoseconds") Long pendingSlewNanos,
        @Schema(description = "Number of samples in the burst") int samples,
        @Schema(description = "Index of the selected (least-delay) sample in the burst") Integer selected,
        @Schema(description = "Every sample of the burst, in order") List<Sample> burst,
        @Schema(description = "Why it failed, or why the clock was left alone") String error,
        @Schema(description = "How well the clock was known before this sync: the error bound of its last correction, grown "
                + "by 100 ppm of the time since, nanoseconds (absent before the first correction). A sync whose bound is looser than "
                + "this leaves the clock alone") Long knownWithinNanos,
        @Schema(description = "Time until the next scheduled sync, milliseconds") long nextSyncInMillis) {

    @Schema(description = "One exchange of a burst")
    record Sample(long offsetNanos, long delayNanos, long roundTripNanos) {

        static Sample of(CristianSample sample) {
            TimeExchange exchange = sample.exchange();
            return new Sample(exchange.offsetNanos(), exchange.delayNanos(), exchange.roundTripNanos());
        }
    }

    static SyncView synchronizedBy(long sequence, String trigger, SyncResult result, long nextSyncInMillis) {
        TimeExchange selected = result.selected().exchange();
        return new SyncView(sequence, trigger, "synchronized", result.adjustment().after().instant(),
                Instants.ofEpochNanos(selected.transmitNanos()), selected.roundTripNanos(), selected.delayNanos(),
                result.offsetNanos(), result.errorBoundNanos(), result.syncs(), result.frequencyPpm(), result.adjustment().requestedNanos(),
                result.adjustment().steppedNanos(), result.adjustment().pendingSlewNanos(), result.burst().size(),
                result.burst().indexOf(result.selected()), result.burst().stream().map(Sample::of).toList(), null,
                result.knownWithinNanos(), nextSyncInMillis);
    }

    /** A sync whose measurement did not move the clock: the measurement, and why in {@code error}. */
    static SyncView leftAlone(long sequence, String trigger, SyncResult result, Instant at, long nextSyncInMillis) {
        TimeExchange selected = result.selected().exchange();
        return new SyncView(sequence, trigger, "left_alone", at, Instants.ofEpochNanos(selected.transmitNanos()),
                selected.roundTripNanos(), selected.delayNanos(), result.offsetNanos(), result.errorBoundNanos(), result.syncs(),
                result.frequencyPpm(), null, null, null, result.burst().size(), result.burst().indexOf(result.selected()),
                result.burst().stream().map(Sample::of).toList(), result.leftAlone(), result.knownWithinNanos(), nextSyncInMillis);
    }

    static SyncView failed(long sequence, String trigger, String status, Instant at, List<CristianSample> burst,
            String error, long nextSyncInMillis) {
        return new SyncView(sequence, trigger, status, at, null, null, null, null, null, null, null, null, null, null,
                burst.size(), null, burst.stream().map(Sample::of).toList(), error, null, nextSyncInMillis);
    }
}
