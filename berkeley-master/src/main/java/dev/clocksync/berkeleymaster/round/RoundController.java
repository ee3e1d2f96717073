package dev.clocksync.berkeleymaster.round;

import dev.clocksync.support.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "rounds", description = "Berkeley rounds")
class RoundController {

    private final RoundService rounds;

    RoundController(RoundService rounds) {
        this.rounds = rounds;
    }

    @PostMapping("/rounds")
    @Operation(summary = "Run a round now",
            description = "Reads every registered slave's clock (several samples, the quickest quarter averaged, round trip compensated), "
                    + "takes the fault-tolerant average with the master's own clock, sends every reachable slave its own "
                    + "adjustment, with the master's election term, and adjusts the master. Returns the round. Run by the "
                    + "leading master: a standby passes the request on to it (Via names the standby, Served-By the leader).")
    @ApiResponse(responseCode = "200", description = "The round")
    @ApiResponse(responseCode = "409", description = "Another round is running",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "No leading master is known (the masters are electing), the leader did not "
            + "answer, this master is crashed, or it stopped leading during the round; try again after Retry-After",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    RoundView run() {
        return rounds.run("manual");
    }

    @GetMapping("/rounds")
    @Operation(summary = "Recent rounds", description = "The most recent rounds of the leading master, newest first; a standby "
            + "answers from the leader (503 with Retry-After while none is known).")
    @ApiResponse(responseCode = "200", description = "Recent rounds")
    @ApiResponse(responseCode = "400", description = "limit out of range",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    List<RoundView> history(@Parameter(description = "How many to return, 1 to 10000")
                            @RequestParam(defaultValue = "20") @Min(1) @Max(10_000) int limit) {
        return rounds.history(limit);
    }

    @GetMapping("/rounds/latest")
    @Operation(summary = "The latest round", description = "The leading master's latest round, with its term and the leader's "
            + "name; a standby answers from the leader (503 with Retry-After while none is known).")
    @ApiResponse(responseCode = "200", description = "The latest round")
    @ApiResponse(responseCode = "404", description = "No round has run yet",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    RoundView latest() {
        return rounds.latest().orElseThrow(() -> notFound("No round has run yet."));
    }

    @GetMapping("/rounds/{round}")
    @Operation(summary = "One round, while it is in the history")
    @ApiResponse(responseCode = "200", description = "The round")
    @ApiResponse(responseCode = "404", description = "No such round in the history",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    RoundView round(@PathVariable @Min(1) long round) {
        return rounds.round(round).orElseThrow(() -> notFound("Round " + round + " is not in the history."));
    }

    private static ErrorResponseException notFound(String detail) {
        return Problems.exception(HttpStatus.NOT_FOUND, "unknown-round", "Unknown round", detail);
    }
}
