package dev.clocksync.timeclient.sync;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.cristian.CristianSample;
import dev.clocksync.support.http.TimedGet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One exchange with the time server over HTTP: {@code GET /time}, timed by {@link TimedGet} (t0 after the
 * keep-alive connection is looked up, t3 as the headers arrive).
 */
class HttpTimeServer implements TimeServer {

    private final TimedGet time;

    HttpTimeServer(CristianProperties properties, VirtualClock clock) {
        this(properties.serverUrl().resolve("/time"), properties.connectTimeout(), properties.readTimeout(), clock);
    }

    /**
     * @param endpoint where to GET the time: {@code /time} of a time server, or any {@code GET /clock} (whose
     *                 {@code epochNanos} is its t2), as the warm-up reads its own
     */
    HttpTimeServer(URI endpoint, Duration connectTimeout, Duration readTimeout, VirtualClock clock) {
        this.time = new TimedGet(endpoint, connectTimeout, readTimeout, clock);
    }

    /** @return the sample of one {@code GET /time} */
    @Override
    public CristianSample exchange() {
        TimedGet.Timed<ServerTime> answer;
        try {
            answer = time.exchange(ServerTime.class);
        } catch (TimedGet.StatusException e) {
            if (e.status() == HttpStatus.TOO_MANY_REQUESTS.value()) {
                HttpHeaders headers = new HttpHeaders();
                if (e.retryAfter() != null) {
                    headers.set(HttpHeaders.RETRY_AFTER, e.retryAfter());
                }
                throw TimeServerException.rateLimited(retryAfter(headers));
            }
            throw TimeServerException.unavailable("the time server answered " + e.status(), null);
        } catch (IOException e) {
            throw TimeServerException.unavailable("the time server is unreachable: " + e.getClass().getSimpleName(), e);
        } catch (JacksonException e) {
            throw TimeServerException.unavailable("the time server's answer is unreadable", e);
        }
        ServerTime reply = answer.body();
        if (reply == null || reply.receiveEpochNanos() == null || reply.transmitEpochNanos() == null) {
            throw TimeServerException.unavailable("the time server's answer lacks its timestamps", null);
        }
        try {
            return answer.timer().sample(reply.receiveEpochNanos(), reply.transmitEpochNanos());
        } catch (IllegalArgumentException e) {
            throw TimeServerException.unavailable("the time server's timestamps are inconsistent: " + e.getMessage(), e);
        }
    }

    /** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3); anything else means one second. */
    static Duration retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return Duration.ofSeconds(1);
        }
        try {
            return Duration.ofSeconds(Math.max(1, Math.min(Long.parseLong(value.trim()), 86_400)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
            } catch (DateTimeParseException notADate) {
                return Duration.ofSeconds(1);
            }
        }
    }

    /** What the client reads of {@code GET /time}, or of {@code GET /clock}, whose t2 is its {@code epochNanos}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ServerTime(Long receiveEpochNanos, @JsonAlias("epochNanos") Long transmitEpochNanos) {
    }
}
