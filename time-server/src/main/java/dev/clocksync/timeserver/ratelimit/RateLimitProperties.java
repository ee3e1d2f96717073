package dev.clocksync.timeserver.ratelimit;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How fast one client (one remote address) may poll {@code GET /time}: a token bucket per address.
 * A client over its rate gets 429 with {@code Retry-After}, HTTP's counterpart of NTP's Kiss-o'-Death RATE.
 *
 * @param enabled           whether requests are limited at all
 * @param requestsPerSecond the sustained rate one address may poll at (0.001 to 1 000 000)
 * @param burst             how many requests one address may send at once; a sync is a burst of samples,
 *                          and clients on one host share an address (1 to 100 000)
 * @param maxClients        how many addresses are tracked; beyond that, new addresses share one bucket
 */
@ConfigurationProperties("time-server.rate-limit")
@Validated
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DecimalMin("0.001") @DecimalMax("1000000") @DefaultValue("20") double requestsPerSecond,
        @Min(1) @Max(100_000) @DefaultValue("40") int burst,
        @Min(1) @Max(10_000_000) @DefaultValue("100000") int maxClients) {
}
