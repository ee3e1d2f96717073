package dev.clocksync.support.clock;

import dev.clocksync.clock.VirtualClock;
import dev.clocksync.support.timestamp.ReceiveTimestampFilter;
import dev.clocksync.support.timestamp.TimestampedAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "clock", description = "The node's virtual clock")
class ClockController {

    private final VirtualClock clock;
    private final NodeProperties node;
    private final JsonMapper json;

    ClockController(VirtualClock clock, NodeProperties node, JsonMapper json) {
        this.clock = clock;
        this.node = node;
        this.json = json;
    }

    @GetMapping(path = "/clock", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Read the node's clock",
            description = "The virtual clock's time, its offset from the host clock (exact, since every node on a host "
                    + "shares that clock), its drift and the correction still being slewed. Readings never decrease. "
                    + "Like GET /time it carries the time the request arrived, so that a reader (the Berkeley master) "
                    + "can take this node's own processing time out of the round trip.")
    @ApiResponse(responseCode = "200", description = "The clock",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ClockView.class)))
    ResponseEntity<byte[]> clock(@RequestAttribute(name = ReceiveTimestampFilter.RECEIVED, required = false) Long received) {
        return TimestampedAnswers.json(json, ClockView.of(node.name(), clock.read(), received));
    }
}
