package dev.clocksync.timeserver.time;

import dev.clocksync.support.timestamp.TimestampedAnswer;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

@Schema(description = "The server's time, with the timestamps of this exchange")
record TimeResponse(
        @Schema(description = "The server's time when the answer left, ISO-8601 with nanoseconds") Instant time,
        @Schema(description = "The same, in nanoseconds since the Unix epoch") long epochNanos,
        @Schema(description = "t1: server clock when the request arrived, nanoseconds since the Unix epoch") long receiveEpochNanos,
        @Schema(description = "t2: server clock when the answer left, nanoseconds since the Unix epoch") long transmitEpochNanos) {

    /** @return this answer as {@code GET /time} sends it: the same JSON as Jackson writes of this record */
    TimestampedAnswer answer() {
        return new TimestampedAnswer().time("time", time).number("epochNanos", epochNanos)
                .number("receiveEpochNanos", receiveEpochNanos).number("transmitEpochNanos", transmitEpochNanos);
    }
}
