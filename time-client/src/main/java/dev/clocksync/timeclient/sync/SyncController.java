package dev.clocksync.timeclient.sync;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "sync", description = "Cristian synchronization with the time server")
class SyncController {

    private final SyncService syncs;

    SyncController(SyncService syncs) {
        this.syncs = syncs;
    }

    @PostMapping("/sync")
    @Operation(summary = "Synchronize now",
            description = "Sends a burst of cristian.samples requests to the time server, keeps the sample with the least "
                    + "network delay and corrects the clock by its offset (less any correction still being slewed). "
                    + "Returns the selected sample, its error bound (delay / 2) and the whole burst. A sample whose error "
                    + "bound is wider than what is already known of the clock (the last correction's bound, grown by "
                    + "100 ppm of the time since) does not move it: status left_alone, and why in error.")
    @ApiResponse(responseCode = "200", description = "The clock was corrected (synchronized), or left alone (left_alone)")
    @ApiResponse(responseCode = "409", description = "Another sync is running",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "502", description = "The measured offset exceeds the panic threshold; the clock was left alone",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The time server is unreachable or rate-limits this client; the clock was left alone",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    SyncView sync() {
        return syncs.synchronize("manual");
    }

    @GetMapping("/sync/history")
    @Operation(summary = "Recent syncs", description = "The most recent sync attempts, good and failed, newest first.")
    @ApiResponse(responseCode = "200", description = "Recent syncs")
    @ApiResponse(responseCode = "400", description = "limit out of range",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    List<SyncView> history(@Parameter(description = "How many to return, 1 to 10000")
                           @RequestParam(defaultValue = "100") @Min(1) @Max(10_000) int limit) {
        return syncs.history(limit);
    }
}
