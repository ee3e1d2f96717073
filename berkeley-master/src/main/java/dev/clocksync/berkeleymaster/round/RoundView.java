package dev.clocksync.berkeleymaster.round;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Schema(description = "One Berkeley round")
record RoundView(
        @Schema(description = "Round number, from 1 since the master started") long round,
        @Schema(description = "This master instance (changes when it restarts); with the round, what slaves use to apply a round once") String master,
        @Schema(description = "The election term the master led in, sent with every adjustment: a slave refuses a term lower than "
                + "one it has accepted (fencing); 0 from a master that is not elected") long term,
        @Schema(description = "The name of the master that ran it (node.name), the leading one", example = "master") String leader,
        @Schema(description = "What started it", allowableValues = {"scheduled", "manual"}) String trigger,
        @Schema(description = "The master's clock when it started") Instant startedAt,
        @Schema(description = "How long the round took, milliseconds") long durationMillis,
        @Schema(description = "Tolerance: clocks further than this from the median were left out, nanoseconds") long toleranceNanos,
        @Schema(description = "Median of the measured offsets, nanoseconds") long medianOffsetNanos,
        @Schema(description = "The fault-tolerant average: where every clock was sent, relative to the master's clock, nanoseconds") long averageOffsetNanos,
        @Schema(description = "Spread (max − min) of the included clocks before the round, nanoseconds") long spreadBeforeNanos,
        @Schema(description = "Spread of the included clocks as read again after the adjustments, nanoseconds (absent when berkeley.verify is off)") Long spreadAfterNanos,
        @Schema(description = "How far spreadAfterNanos may be from the true spread: twice the largest error bound of the "
                + "readings it is made of, nanoseconds (absent when berkeley.verify is off)") Long spreadAfterErrorNanos,
        @Schema(description = "Slaves that could not be read") int unreachable,
        @Schema(description = "Every clock of the round, the master's first") List<Participant> participants) {

    /** One clock in a round; a number that does not apply to it (a slave not measured has no offset) is left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "One clock in a round")
    record Participant(
            @Schema(description = "The clock's name", example = "KMC") String name,
            @Schema(description = "master or slave") String role,
            @Schema(description = "The slave's URL") String url,
            @Schema(description = "Offset from the master's clock, pending slews included, nanoseconds: the one the round "
                    + "used, the line through this slave's offsets of its last rounds (berkeley.trend-rounds) held within the "
                    + "range of this round's quickest reading; for a slave left alone, this round's measurement") Long offsetNanos,
            @Schema(description = "Round trip of this round's quickest reading, nanoseconds") Long roundTripNanos,
            @Schema(description = "Error bound of offsetNanos: the truth lies within this of it, nanoseconds (the distance to "
                    + "the far end of the quickest reading's range; for a slave left alone, that reading's round trip / 2)") Long errorBoundNanos,
            @Schema(description = "This round's measurement alone: the mean offset of its quickest readings, nanoseconds") Long measuredOffsetNanos,
            @Schema(description = "How many rounds the line went through, this one included") Integer rounds,
            @Schema(description = "Whether its offset went into the average") boolean included,
            @Schema(description = "Why it was left out of the average, or left alone") String reason,
            @Schema(description = "The adjustment sent (average − offset), nanoseconds") Long adjustmentNanos,
            @Schema(description = "adjusted, replayed (the slave had this round already), left alone (measured more loosely than "
                    + "its clock was already known: not in the average, not adjusted; reason says why), rejected (422), "
                    + "conflict (409), fenced (409: the slave follows a master of a higher term, and this one steps down), "
                    + "unreachable or failed")
            String status,
            @Schema(description = "What went wrong, if anything") String detail,
            @Schema(description = "Offset read again after the adjustment, nanoseconds") Long verifiedOffsetNanos,
            @Schema(description = "Error bound of that reading (its round trip / 2): the true offset lies within this of "
                    + "verifiedOffsetNanos, nanoseconds") Long verifiedErrorBoundNanos) {
    }
}
