package dev.clocksync.support.timestamp;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import tools.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A timestamped answer (a flat JSON object), written by the handler itself straight to the response and
 * flushed, so that the time between reading the clock (t2) and the answer leaving is only what it takes to
 * put these few fields together and write them. Returned to Spring MVC instead, the answer would first go
 * through return-value handling, content negotiation and message conversion, hundreds of microseconds on a
 * small machine on the return leg only, and every offset measured against a {@code GET /clock} or
 * {@code GET /time} would come out that much too low.
 * <pre>
 * new TimestampedAnswer().number("epochNanos", t2).number("receiveEpochNanos", t1).send(response);
 * </pre>
 * Not thread-safe; one per answer.
 */
public final class TimestampedAnswer {

    private final StringBuilder json = new StringBuilder(256).append('{');

    /** @return this, with a text field; the value is escaped as JSON requires */
    public TimestampedAnswer text(String name, String value) {
        name(name).append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, json);
        json.append('"');
        return this;
    }

    /** @return this, with an ISO-8601 time field (nanoseconds as the instant has them), as Jackson writes an {@link Instant} */
    public TimestampedAnswer time(String name, Instant value) {
        name(name).append('"').append(value).append('"');
        return this;
    }

    /** @return this, with an integer field */
    public TimestampedAnswer number(String name, long value) {
        name(name).append(value);
        return this;
    }

    /**
     * @return this, with a number field
     * @throws IllegalArgumentException if the value is not finite (JSON has no NaN or infinity)
     */
    public TimestampedAnswer number(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " is not a finite number: " + value);
        }
        name(name).append(value);
        return this;
    }

    private StringBuilder name(String name) {
        if (json.length() > 1) {
            json.append(',');
        }
        json.append('"');
        JsonStringEncoder.getInstance().quoteAsString(name, json);
        return json.append("\":");
    }

    /** @return the answer as UTF-8 JSON */
    public byte[] toBytes() {
        return (json + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the answer: 200, {@code application/json} of known length, written and flushed at once. */
    public void send(HttpServletResponse response) throws IOException {
        byte[] bytes = toBytes();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}
