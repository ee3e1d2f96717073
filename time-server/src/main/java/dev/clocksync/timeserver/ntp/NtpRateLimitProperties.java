package dev.clocksync.timeserver.ntp;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How fast one address may send NTP requests. A client over its rate gets a Kiss-o'-Death RATE
 * (at most one a second; beyond that, nothing), which tells NTP clients to poll less often.
 *
 * @param enabled           whether NTP requests are limited at all
 * @param requestsPerSecond the sustained rate per address (ntpd's default lets one through every 2 s on average)
 * @param burst             requests one address may send at once (chrony's and ntpd's iburst send 4 to 8)
 * @param maxClients        how many addresses are tracked; beyond that, new ones share one bucket
 */
@ConfigurationProperties("ntp.rate-limit")
@Validated
public record NtpRateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DecimalMin("0.001") @DecimalMax("1000000") @DefaultValue("2") double requestsPerSecond,
        @Min(1) @Max(100_000) @DefaultValue("16") int burst,
        @Min(1) @Max(10_000_000) @DefaultValue("100000") int maxClients) {
}
