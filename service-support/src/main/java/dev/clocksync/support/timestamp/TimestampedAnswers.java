package dev.clocksync.support.timestamp;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/** Writes a timestamped answer as JSON bytes of known length, so that it leaves in one piece when flushed. */
public final class TimestampedAnswers {

    private TimestampedAnswers() {
    }

    /** @return the body as a JSON response with its Content-Length set */
    public static ResponseEntity<byte[]> json(JsonMapper mapper, Object body) {
        byte[] bytes = mapper.writeValueAsBytes(body);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .contentLength(bytes.length)
                .body(bytes);
    }
}
