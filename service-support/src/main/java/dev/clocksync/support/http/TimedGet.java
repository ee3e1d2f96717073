package dev.clocksync.support.http;

import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.cristian.ExchangeTimer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;

/**
 * A {@code GET} of a clock ({@code /clock} of any node, {@code /time} of the time server) timed as a Cristian
 * exchange: t0 as the request leaves, t3 as the status line and headers arrive. It drives the JDK's
 * {@link HttpURLConnection} itself, so that the keep-alive connection is looked up (or opened) before t0:
 * through a {@code RestClient} that lookup ran between t0 and the request's first byte, on the request leg
 * only, and put every offset measured tens of microseconds ahead (docs/benchmarks.md). Hand-written for
 * that; every call has its connect and read timeout. Thread-safe: connections come from the JDK's pool.
 * <pre>
 * TimedGet clock = new TimedGet(URI.create("http://slave:8081/clock"), connectTimeout, readTimeout, virtualClock);
 * TimedGet.Timed&lt;Body&gt; answer = clock.exchange(Body.class);
 * CristianSample sample = answer.timer().sample(answer.body().receiveEpochNanos(), answer.body().epochNanos());
 * </pre>
 */
public final class TimedGet {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URL url;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final VirtualClock clock;

    /** @throws IllegalArgumentException if the endpoint is not an absolute http(s) URL */
    public TimedGet(URI endpoint, Duration connectTimeout, Duration readTimeout, VirtualClock clock) {
        if (!"http".equalsIgnoreCase(endpoint.getScheme()) && !"https".equalsIgnoreCase(endpoint.getScheme())) {
            throw new IllegalArgumentException("not an http(s) URL: " + endpoint);
        }
        try {
            this.url = endpoint.toURL();
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

    /**
     * One timed {@code GET}, its JSON answer read as {@code type}.
     *
     * @return the stopped timer and the answer's body (null for an empty JSON {@code null})
     * @throws StatusException   if the answer's status is not 2xx (its body read to the end, so that the
     *                           connection is kept)
     * @throws IOException       if the endpoint could not be reached or the answer did not arrive in time
     * @throws JacksonException  if the answer is not JSON of that shape
     */
    public <T> Timed<T> exchange(Class<T> type) throws IOException, StatusException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setConnectTimeout(connectTimeoutMillis);
        connection.setReadTimeout(readTimeoutMillis);
        connection.setUseCaches(false);
        connection.setRequestProperty(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
        connection.connect();
        ExchangeTimer timer = ExchangeTimer.start(clock);
        int status = connection.getResponseCode();
        timer.stop();
        if (status < 200 || status >= 300) {
            String retryAfter = connection.getHeaderField(HttpHeaders.RETRY_AFTER);
            drain(connection);
            throw new StatusException(status, retryAfter);
        }
        try (InputStream body = connection.getInputStream()) {
            return new Timed<>(timer, JSON.readValue(body, type));
        }
    }

    /** Reads an error answer to its end, so that the connection can be kept for the next exchange. */
    private static void drain(HttpURLConnection connection) {
        try (InputStream error = connection.getErrorStream()) {
            if (error != null) {
                SmallDrainRequestFactory.drain(error);
            }
        } catch (IOException e) {
            connection.disconnect();
        }
    }

    /**
     * An answered exchange.
     *
     * @param timer the exchange's timer, stopped when the status line and headers arrived
     * @param body  the answer's body
     */
    public record Timed<T>(ExchangeTimer timer, T body) {
    }

    /** The endpoint answered with a status other than 2xx. */
    public static final class StatusException extends Exception {

        private final int status;
        private final String retryAfter;

        StatusException(int status, String retryAfter) {
            super("answered " + status);
            this.status = status;
            this.retryAfter = retryAfter;
        }

        /** @return the answer's status */
        public int status() {
            return status;
        }

        /** @return the answer's Retry-After header, or null without one */
        public String retryAfter() {
            return retryAfter;
        }
    }
}
