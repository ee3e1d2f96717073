package dev.clocksync.timeclient.sync;

import dev.clocksync.support.http.PeerClients;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * How the client synchronizes with the time server.
 *
 * @param serverUrl      the time server's base URL; the client polls {@code GET <serverUrl>/time}, or, over NTP,
 *                       the host of this URL
 * @param protocol       {@code http} (GET /time) or {@code ntp} (an NTP client request over UDP); same estimator
 * @param ntpPort        the server's NTP port, when the protocol is {@code ntp}
 * @param interval       time between syncs while all is well (at least 100 ms)
 * @param scheduled      whether to sync at start-up and then on a schedule at all (off: only on {@code POST /sync})
 * @param samples        requests per sync (a burst); the one with the least delay is used (1 to 64)
 * @param trendSyncs     how many syncs' samples the offset is estimated from, by a line through them that also
 *                       measures the clock's frequency (1 to 64; 1: each burst alone)
 * @param sampleSpacing  pause between the requests of a burst (0 to 10 s)
 * @param maxBackoff     the longest interval after failures: each failure doubles the interval up to this;
 *                       unset means five minutes, or the interval if that is longer
 * @param connectTimeout how long to wait for a connection to the server
 * @param readTimeout    how long to wait for the server's answer
 * @param maxErrorBound  health: a sync counts as synchronized only if its error bound is at most this
 * @param maxAge         health: how old the last good sync may be; unset means three times the interval
 * @param historySize    how many syncs {@code GET /sync/history} keeps (1 to 10 000)
 * @param panicThreshold a measured offset larger than this is not believed and the clock is left alone,
 *                       as ntpd's panic threshold (1000 s by default)
 * @param warmUpExchanges exchanges with its own {@code GET /clock} at start-up, over HTTP, before it reports ready,
 *                       to warm the exchange path (0 to 10 000; 0: none)
 */
@ConfigurationProperties("cristian")
@Validated
public record CristianProperties(
        @NotNull @DefaultValue("http://localhost:8011") URI serverUrl,
        @NotNull @DefaultValue("http") Protocol protocol,
        @Min(1) @Max(65_535) @DefaultValue("1123") int ntpPort,
        @NotNull @DurationMin(millis = 100) @DurationMax(days = 1) @DefaultValue("10s") Duration interval,
        @DefaultValue("true") boolean scheduled,
        @Min(1) @Max(64) @DefaultValue("8") int samples,
        @Min(1) @Max(64) @DefaultValue("32") int trendSyncs,
        @NotNull @DurationMin(millis = 0) @DurationMax(seconds = 10) @DefaultValue("0ms") Duration sampleSpacing,
        @DurationMax(days = 1) Duration maxBackoff,
        @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 1) @DefaultValue("1s") Duration connectTimeout,
        @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 1) @DefaultValue("2s") Duration readTimeout,
        @NotNull @DurationMin(nanos = 1) @DefaultValue("10ms") Duration maxErrorBound,
        @DurationMin(millis = 100) Duration maxAge,
        @Min(1) @Max(10_000) @DefaultValue("100") int historySize,
        @NotNull @DurationMin(millis = 1) @DurationMax(days = 3650) @DefaultValue("1000s") Duration panicThreshold,
        @Min(0) @Max(10_000) @DefaultValue("1000") int warmUpExchanges) {

    /** How the client talks to the time server. */
    public enum Protocol { HTTP, NTP }

    /** @return whether {@code maxBackoff} is at least {@code interval} */
    @AssertTrue(message = "cristian.max-backoff must be at least cristian.interval")
    public boolean isMaxBackoffAtLeastInterval() {
        return interval == null || maxBackoff == null || maxBackoff.compareTo(interval) >= 0;
    }

    @AssertTrue(message = "cristian.server-url must be an absolute http or https URL")
    public boolean isServerUrlHttp() {
        return serverUrl == null || PeerClients.isHttpUrl(serverUrl);
    }

    /** @return the longest interval after failures: {@code maxBackoff}, or five minutes or the interval, whichever is longer */
    public Duration effectiveMaxBackoff() {
        if (maxBackoff != null) {
            return maxBackoff;
        }
        Duration fiveMinutes = Duration.ofMinutes(5);
        return interval.compareTo(fiveMinutes) > 0 ? interval : fiveMinutes;
    }

    /** @return how old the last good sync may be and still count: {@code maxAge}, or three intervals */
    public Duration effectiveMaxAge() {
        return maxAge != null ? maxAge : interval.multipliedBy(3);
    }
}
