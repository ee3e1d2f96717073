package dev.clocksync.berkeleymaster.round;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Schema(description = "One Berkeley round")
record RoundView(
        @Schema(description = "Round number, from 1 since the master started") long round,
        @Schema(description = "This master instance (changes when it restarts); with the round, what slaves use to apply a round once") String master,
        @Schema(description = "What started it", allowableValues = {"scheduled", "manual"}) String trigger,
        @Schema(description = "The master's clock when it started") Instant startedAt,
        @Schema(description = "How long the round took, milliseconds") long durationMillis,
        @Schema(description = "Tolerance: clocks further than this from the median were left out, nanoseconds") long toleranceNanos,
        @Schema(description = "Median of the measured offsets, nanoseconds") long medianOffsetNanos,
        @Schema(description = "The fault-tolerant average: where every clock was sent, relative to the master's clock, nanoseconds") long averageOffsetNanos,
        @Schema(description = "Spread (max − min) of the included clocks before the round, nanoseconds") long spreadBeforeNanos,
        @Schema(description = "Spread of the included clocks as read again after the adjustments, nanoseconds (absent when berkeley.verify is off)") Long spreadAfterNanos,
        @Schema(description = "Slaves that could not be read") int unreachable,
        @Schema(description = "Every clock of the round, the master's first") List<Participant> participants) {

    /**
     * One clock in a round. A class rather than a record: the history keeps {@code berkeley.history-size} rounds of
     * every clock, and its numbers are kept as primitives, the absent ones marked, instead of a {@code Long} of 24
     * bytes each; with 100 slaves, 100 rounds held 1.2 MB of them (docs/benchmarks.md, Berkeley, tenth round).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "role", "url", "offsetNanos", "roundTripNanos", "errorBoundNanos", "included", "reason",
            "adjustmentNanos", "status", "detail", "verifiedOffsetNanos"})
    @Schema(description = "One clock in a round")
    static final class Participant {

        private static final int OFFSET = 1;
        private static final int ROUND_TRIP = 2;
        private static final int ERROR_BOUND = 4;
        private static final int ADJUSTMENT = 8;
        private static final int VERIFIED = 16;

        private final String name;
        private final String role;
        private final String url;
        private final String reason;
        private final String status;
        private final String detail;
        private final long offsetNanos;
        private final long roundTripNanos;
        private final long errorBoundNanos;
        private final long adjustmentNanos;
        private final long verifiedOffsetNanos;
        private final boolean included;
        private final byte present;

        Participant(String name, String role, String url, Long offsetNanos, Long roundTripNanos, Long errorBoundNanos,
                boolean included, String reason, Long adjustmentNanos, String status, String detail, Long verifiedOffsetNanos) {
            this.name = name;
            this.role = role;
            this.url = url;
            this.reason = reason;
            this.status = status;
            this.detail = detail;
            this.included = included;
            this.offsetNanos = offsetNanos == null ? 0 : offsetNanos;
            this.roundTripNanos = roundTripNanos == null ? 0 : roundTripNanos;
            this.errorBoundNanos = errorBoundNanos == null ? 0 : errorBoundNanos;
            this.adjustmentNanos = adjustmentNanos == null ? 0 : adjustmentNanos;
            this.verifiedOffsetNanos = verifiedOffsetNanos == null ? 0 : verifiedOffsetNanos;
            this.present = (byte) ((offsetNanos == null ? 0 : OFFSET) | (roundTripNanos == null ? 0 : ROUND_TRIP)
                    | (errorBoundNanos == null ? 0 : ERROR_BOUND) | (adjustmentNanos == null ? 0 : ADJUSTMENT)
                    | (verifiedOffsetNanos == null ? 0 : VERIFIED));
        }

        private Long ifPresent(int flag, long value) {
            return (present & flag) != 0 ? value : null;
        }

        @JsonProperty
        @Schema(description = "The clock's name", example = "KMC")
        String name() {
            return name;
        }

        @JsonProperty
        @Schema(description = "master or slave")
        String role() {
            return role;
        }

        @JsonProperty
        @Schema(description = "The slave's URL")
        String url() {
            return url;
        }

        @JsonProperty
        @Schema(description = "Measured offset from the master's clock, pending slews included, nanoseconds")
        Long offsetNanos() {
            return ifPresent(OFFSET, offsetNanos);
        }

        @JsonProperty
        @Schema(description = "Round trip of the reading used, nanoseconds")
        Long roundTripNanos() {
            return ifPresent(ROUND_TRIP, roundTripNanos);
        }

        @JsonProperty
        @Schema(description = "Error bound of that reading (round trip / 2), nanoseconds")
        Long errorBoundNanos() {
            return ifPresent(ERROR_BOUND, errorBoundNanos);
        }

        @JsonProperty
        @Schema(description = "Whether its offset went into the average")
        boolean included() {
            return included;
        }

        @JsonProperty
        @Schema(description = "Why it was left out")
        String reason() {
            return reason;
        }

        @JsonProperty
        @Schema(description = "The adjustment sent (average − offset), nanoseconds")
        Long adjustmentNanos() {
            return ifPresent(ADJUSTMENT, adjustmentNanos);
        }

        @JsonProperty
        @Schema(description = "adjusted, replayed (the slave had this round already), rejected (422), conflict (409), unreachable or failed")
        String status() {
            return status;
        }

        @JsonProperty
        @Schema(description = "What went wrong, if anything")
        String detail() {
            return detail;
        }

        @JsonProperty
        @Schema(description = "Offset read again after the adjustment, nanoseconds")
        Long verifiedOffsetNanos() {
            return ifPresent(VERIFIED, verifiedOffsetNanos);
        }
    }
}
