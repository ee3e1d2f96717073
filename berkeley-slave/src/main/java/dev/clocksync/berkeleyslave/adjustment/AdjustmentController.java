package dev.clocksync.berkeleyslave.adjustment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "clock", description = "The node's virtual clock")
class AdjustmentController {

    private final AdjustmentService adjustments;

    AdjustmentController(AdjustmentService adjustments) {
        this.adjustments = adjustments;
    }

    @PostMapping("/clock/adjustments")
    @Operation(summary = "Apply the master's adjustment",
            description = "Moves the clock by adjustmentNanos: a forward adjustment is stepped, a backward one slewed "
                    + "(the clock runs slower until it is absorbed), so readings never decrease. Each round is applied "
                    + "once: a retry of the same round and adjustment returns the first answer (replayed = true). An adjustment "
                    + "carries its master's election term; one of a term lower than a term the slave has accepted comes "
                    + "from a deposed master and is refused (fencing).")
    @ApiResponse(responseCode = "200", description = "Applied, or replayed")
    @ApiResponse(responseCode = "400", description = "Malformed request",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The round was applied with another adjustment, a later round of the same "
            + "master was applied, or the master has been deposed (its term is lower than one accepted); the clock is unchanged",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "Larger than berkeley.max-adjustment; the clock is unchanged",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    AdjustmentView adjust(@Valid @RequestBody AdjustmentRequest request) {
        return adjustments.apply(request);
    }
}
