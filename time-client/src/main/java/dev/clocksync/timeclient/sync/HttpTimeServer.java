package dev.clocksync.timeclient.sync;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.cristian.CristianSample;
import dev.clocksync.clock.cristian.ExchangeTimer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One exchange with the time server over HTTP: {@code GET /time} through the JDK's {@link HttpURLConnection}, whose
 * keep-alive connection is looked up (or opened) before t0 is taken. Through a {@code RestClient} that lookup ran
 * between t0 and the request's first byte, on the request leg only, and put every offset tens of microseconds
 * ahead (docs/benchmarks.md); hand-written for that, as close to the wire as the JDK's client lets t0 and t3 be.
 */
class HttpTimeServer implements TimeServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URL time;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final VirtualClock clock;

    HttpTimeServer(CristianProperties properties, VirtualClock clock) {
        this(properties.serverUrl().resolve("/time"), properties.connectTimeout(), properties.readTimeout(), clock);
    }

    /**
     * @param endpoint where to GET the time: {@code /time} of a time server, or any {@code GET /clock} (whose
     *                 {@code epochNanos} is its t2), as the warm-up reads its own
     */
    HttpTimeServer(URI endpoint, Duration connectTimeout, Duration readTimeout, VirtualClock clock) {
        try {
            this.time = endpoint.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + endpoint, e);
        }
        this.connectTimeoutMillis = millis(connectTimeout);
        this.readTimeoutMillis = millis(readTimeout);
        this.clock = clock;
    }

    private static int millis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** @return the sample of one {@code GET /time} */
    @Override
    public CristianSample exchange() {
        ExchangeTimer timer;
        int status;
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) time.openConnection();
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setUseCaches(false);
            connection.setRequestProperty(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
            connection.connect();
            timer = ExchangeTimer.start(clock);
            status = connection.getResponseCode();
            timer.stop();
        } catch (IOException e) {
            throw TimeServerException.unavailable("the time server is unreachable: " + e.getClass().getSimpleName(), e);
        }
        if (status == HttpStatus.TOO_MANY_REQUESTS.value()) {
            HttpHeaders headers = new HttpHeaders();
            String retryAfter = connection.getHeaderField(HttpHeaders.RETRY_AFTER);
            if (retryAfter != null) {
                headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
            }
            drain(connection);
            throw TimeServerException.rateLimited(retryAfter(headers));
        }
        if (status < 200 || status >= 300) {
            drain(connection);
            throw TimeServerException.unavailable("the time server answered " + status, null);
        }
        ServerTime reply;
        try (InputStream body = connection.getInputStream()) {
            reply = JSON.readValue(body, ServerTime.class);
        } catch (IOException e) {
            throw TimeServerException.unavailable("the time server is unreachable: " + e.getClass().getSimpleName(), e);
        } catch (JacksonException e) {
            throw TimeServerException.unavailable("the time server's answer is unreadable", e);
        }
        if (reply == null || reply.receiveEpochNanos() == null || reply.transmitEpochNanos() == null) {
            throw TimeServerException.unavailable("the time server's answer lacks its timestamps", null);
        }
        try {
            return timer.sample(reply.receiveEpochNanos(), reply.transmitEpochNanos());
        } catch (IllegalArgumentException e) {
            throw TimeServerException.unavailable("the time server's timestamps are inconsistent: " + e.getMessage(), e);
        }
    }

    /** Reads an error answer to its end, so that the connection can be kept for the next exchange. */
    private static void drain(HttpURLConnection connection) {
        try (InputStream error = connection.getErrorStream()) {
            if (error != null) {
                error.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            connection.disconnect();
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
