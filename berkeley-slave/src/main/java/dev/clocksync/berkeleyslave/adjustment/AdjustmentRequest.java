package dev.clocksync.berkeleyslave.adjustment;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * An adjustment from the master.
 *
 * @param adjustmentNanos how far to move the clock, nanoseconds (+ forward, − back)
 * @param round           the master's round number
 * @param master          the master instance that sent it; with the round, the key that makes retries idempotent
 * @param term            the election term of the master that sent it (0, or absent, from a master not elected): the
 *                        slave refuses a term lower than one it has accepted
 */
@Schema(description = "An adjustment sent by the Berkeley master for one round")
record AdjustmentRequest(
        @Schema(description = "How far to move the clock, nanoseconds (+ forward, − back)", example = "-3500000000")
        @NotNull Long adjustmentNanos,
        @Schema(description = "The master's round number", example = "1")
        @NotNull @Positive Long round,
        @Schema(description = "The master instance that sent it (optional); with the round, the idempotency key", example = "7f3c2a")
        @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String master,
        @Schema(description = "The election term of the master that sent it; 0 (the default) from a master not elected. "
                + "An adjustment of a term lower than one the slave has accepted is refused.", example = "3")
        @PositiveOrZero @Max(Integer.MAX_VALUE) Long term) {

    String masterOrEmpty() {
        return master == null ? "" : master;
    }

    long termOrZero() {
        return term == null ? 0 : term;
    }

    String key() {
        return masterOrEmpty() + "#" + round;
    }
}
