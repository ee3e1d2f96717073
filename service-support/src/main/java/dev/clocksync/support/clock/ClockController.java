package dev.clocksync.support.clock;

import dev.clocksync.clock.VirtualClock;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "clock", description = "The node's virtual clock")
class ClockController {

    private final VirtualClock clock;
    private final NodeProperties node;

    ClockController(VirtualClock clock, NodeProperties node) {
        this.clock = clock;
        this.node = node;
    }

    @GetMapping("/clock")
    @Operation(summary = "Read the node's clock",
            description = "The virtual clock's time, its offset from the host clock (exact, since every node on a host "
                    + "shares that clock), its drift and the correction still being slewed. Readings never decrease.")
    ClockView clock() {
        return ClockView.of(node.name(), clock.read());
    }
}
