package dev.clocksync.support.clock;

import dev.clocksync.clock.ClockReading;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

@RestController
@Tag(name = "clock", description = "The node's virtual clock")
class ClockController {

    private final VirtualClock clock;
    private final NodeProperties node;

    ClockController(VirtualClock clock, NodeProperties node) {
        this.clock = clock;
        this.node = node;
    }

    /** The answer is sent from here, the moment the clock has been read: see {@link TimestampedAnswer}. */
    @GetMapping(path = "/clock", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Read the node's clock",
            description = "The virtual clock's time, its offset from the host clock (exact, since every node on a host "
                    + "shares that clock), its drift and the correction still being slewed. Readings never decrease. "
                    + "Like GET /time it carries the time the request arrived, so that a reader (the Berkeley master) "
                    + "can take this node's own processing time out of the round trip.")
    @ApiResponse(responseCode = "200", description = "The clock",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ClockView.class)))
    void clock(@RequestAttribute(name = ReceiveTimestampFilter.RECEIVED, required = false) Long received,
            HttpServletResponse response) throws IOException {
        ClockReading reading = clock.read();
        Long receive = received == null ? null : Math.min(received, reading.epochNanos());
        ClockView.of(node.name(), reading, receive).answer().send(response);
    }
}
