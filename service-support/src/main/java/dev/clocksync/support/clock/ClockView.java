package dev.clocksync.support.clock;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.clocksync.clock.ClockReading;
import dev.clocksync.support.timestamp.TimestampedAnswer;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * A reading of a node's virtual clock, the same shape on every service.
 */
@Schema(description = "A reading of the node's virtual clock")
public record ClockView(
        @Schema(description = "Node name", example = "mobile") String node,
        @Schema(description = "The clock's time, ISO-8601 with nanoseconds", example = "2026-11-26T10:15:30.123456789Z") Instant time,
        @Schema(description = "The clock's time in nanoseconds since the Unix epoch") long epochNanos,
        @Schema(description = "This clock minus the host clock, in nanoseconds") long offsetNanos,
        @Schema(description = "Configured drift against the host clock, parts per million") double driftPpm,
        @Schema(description = "Correction still being slewed, in nanoseconds (negative: the clock is running slow to absorb it)") long pendingSlewNanos,
        @Schema(description = "The host clock at the same moment, nanoseconds since the Unix epoch") long hostEpochNanos,
        @Schema(description = "GET /clock only: the clock when the request arrived (t1; epochNanos is t2), nanoseconds since the Unix epoch")
        @JsonInclude(JsonInclude.Include.NON_NULL) Long receiveEpochNanos) {

    public static ClockView of(String node, ClockReading reading) {
        return of(node, reading, null);
    }

    public static ClockView of(String node, ClockReading reading, Long receiveEpochNanos) {
        return new ClockView(node, reading.instant(), reading.epochNanos(), reading.offsetNanos(),
                reading.driftPpm(), reading.pendingSlewNanos(), reading.hostEpochNanos(), receiveEpochNanos);
    }

    /** @return this reading as {@code GET /clock} sends it: the same JSON as Jackson writes of this record */
    public TimestampedAnswer answer() {
        TimestampedAnswer answer = new TimestampedAnswer().text("node", node).time("time", time)
                .number("epochNanos", epochNanos).number("offsetNanos", offsetNanos).number("driftPpm", driftPpm)
                .number("pendingSlewNanos", pendingSlewNanos).number("hostEpochNanos", hostEpochNanos);
        return receiveEpochNanos == null ? answer : answer.number("receiveEpochNanos", receiveEpochNanos);
    }
}
