package dev.clocksync.timeserver.bench;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * The benchmark's yardstick, active only in the {@code bench} profile: a bare Spring MVC endpoint that
 * answers a JSON document of the same shape as {@code GET /time} without reading any clock, rate
 * limiting or timestamping, so that the benchmark measures what {@code /time} adds to the framework.
 */
@RestController
@Profile("bench")
@Hidden
class BareController {

    private static final Instant FIXED = Instant.parse("2026-01-01T00:00:00.123456789Z");

    @GetMapping("/bench/bare")
    Bare bare() {
        return new Bare(FIXED, 1_767_225_600_123_456_789L, 1_767_225_600_123_456_789L, 1_767_225_600_123_456_789L);
    }

    record Bare(Instant time, long epochNanos, long receiveEpochNanos, long transmitEpochNanos) {
    }
}
