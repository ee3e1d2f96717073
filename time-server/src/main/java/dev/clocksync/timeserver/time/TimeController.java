package dev.clocksync.timeserver.time;

import dev.clocksync.clock.Instants;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.support.timestamp.ReceiveTimestampFilter;
import dev.clocksync.support.timestamp.TimestampedAnswer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

@RestController
@Tag(name = "time", description = "The reference clock")
class TimeController {

    private final VirtualClock clock;

    TimeController(VirtualClock clock) {
        this.clock = clock;
    }

    /** The answer is sent from here, the moment the clock has been read: see {@link TimestampedAnswer}. */
    @GetMapping(path = "/time", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Read the reference clock",
            description = "Answers with t1 (when the request arrived) and t2 (when the answer left). With its own t0 and t3 "
                    + "a client computes offset = ((t1 − t0) + (t2 − t3)) / 2 and delay = (t3 − t0) − (t2 − t1). "
                    + "A client polling faster than the configured rate gets 429 with Retry-After.")
    @ApiResponse(responseCode = "200", description = "The server's time",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TimeResponse.class)))
    @ApiResponse(responseCode = "429", description = "Polling too fast; retry after the number of seconds in Retry-After",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    void time(@RequestAttribute(name = ReceiveTimestampFilter.RECEIVED, required = false) Long received,
            HttpServletResponse response) throws IOException {
        long transmit = clock.epochNanos();
        long receive = received != null ? Math.min(received, transmit) : transmit;
        new TimeResponse(Instants.ofEpochNanos(transmit), transmit, receive, transmit).answer().send(response);
    }
}
