package dev.clocksync.timeserver.bench;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;

/**
 * The benchmark's yardstick, answering only in the {@code bench} profile (404 otherwise): a bare Spring
 * MVC endpoint that answers a JSON document of the same shape as {@code GET /time} without reading any
 * clock, rate limiting or timestamping, so that the benchmark measures what {@code /time} adds to the
 * framework. The profile is checked here rather than by {@code @Profile}: the services run with Spring
 * AOT, whose bean conditions (profiles included) are fixed at build time.
 */
@RestController
@Hidden
class BareController {

    private static final Instant FIXED = Instant.parse("2026-01-01T00:00:00.123456789Z");

    private final boolean active;

    BareController(Environment environment) {
        this.active = environment.matchesProfiles("bench");
    }

    @GetMapping("/bench/bare")
    Bare bare() {
        if (!active) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "only in the bench profile");
        }
        return new Bare(FIXED, 1_767_225_600_123_456_789L, 1_767_225_600_123_456_789L, 1_767_225_600_123_456_789L);
    }

    record Bare(Instant time, long epochNanos, long receiveEpochNanos, long transmitEpochNanos) {
    }
}
