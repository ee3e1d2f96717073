package dev.clocksync.berkeleyslave.adjustment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.clocksync.support.clock.ClockView;
import io.swagger.v3.oas.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "What the slave did with an adjustment")
record AdjustmentView(
        @Schema(description = "The master's round number") long round,
        @Schema(description = "The master instance, if it said") String master,
        @Schema(description = "The election term of the master that sent it") long term,
        @Schema(description = "The adjustment applied, nanoseconds") long adjustmentNanos,
        @Schema(description = "true if this round had been applied already and this answer repeats the first one") boolean replayed,
        @Schema(description = "Part of the adjustment stepped at once, nanoseconds") long steppedNanos,
        @Schema(description = "Correction left to slew just after the adjustment, nanoseconds") long pendingSlewNanos,
        @Schema(description = "The clock now") ClockView clock) {

    AdjustmentView replay(ClockView now) {
        return new AdjustmentView(round, master, term, adjustmentNanos, true, steppedNanos, pendingSlewNanos, now);
    }
}
