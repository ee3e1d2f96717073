package dev.clocksync.timeserver.ntp;

import dev.clocksync.clock.TimeSource;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.ntp.NtpResponder;
import dev.clocksync.timeserver.ratelimit.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.extern.slf4j.Slf4j;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The NTP server; with {@code ntp.enabled=false} it is there but never started (and its health says so):
 * the switch is read at run time, not by a bean condition, because the services run with Spring AOT,
 * whose conditions are fixed at build time.
 */
@Slf4j
@Configuration(proxyBeanMethods = false)
class NtpConfiguration {

    @Bean
    NtpServer ntpServer(VirtualClock clock, NtpProperties properties, NtpRateLimitProperties limits, TimeSource host,
            MeterRegistry registry) {
        int precision = Precision.of(clock);
        long dispersion = properties.rootDispersion() != null ? properties.rootDispersion().toNanos()
                : (long) Math.ceil(Math.scalb(1.0, precision) * 1e9);
        NtpResponder responder = new NtpResponder(properties.stratum(), properties.referenceId(), precision, dispersion);
        RateLimiter limiter = limits.enabled()
                ? new RateLimiter(limits.requestsPerSecond(), limits.burst(), limits.maxClients(), host::monotonicNanos) : null;
        RateLimiter kisses = limits.enabled() ? new RateLimiter(1, 1, limits.maxClients(), host::monotonicNanos) : null;
        log.info("NTP precision 2^{} s", precision);
        return new NtpServer(clock, properties, responder, limiter, kisses, registry);
    }

    @Bean
    HealthIndicator ntpHealthIndicator(NtpServer server) {
        return () -> {
            if (!server.isAutoStartup()) {
                return Health.unknown().withDetail("enabled", false).build();
            }
            return (server.isRunning() ? Health.up() : Health.down())
                    .withDetail("udpPort", server.port())
                    .withDetail("transport", server.transport())
                    .withDetail("warmedUp", server.warm())
                    .build();
        };
    }

    /**
     * The clock's precision as NTP states it: log2 seconds of the smallest step between readings, as
     * chrony measures it; over enough readings that the reading code gets compiled, as it will be when serving.
     */
    static final class Precision {

        private Precision() {
        }

        static int of(VirtualClock clock) {
            long smallest = Long.MAX_VALUE;
            long previous = clock.epochNanos();
            for (int i = 0; i < 200_000; i++) {
                long now = clock.epochNanos();
                if (now > previous) {
                    smallest = Math.min(smallest, now - previous);
                }
                previous = now;
            }
            double seconds = (smallest == Long.MAX_VALUE ? 1_000 : smallest) / 1e9;
            return Math.max(-30, Math.min(-10, (int) Math.ceil(Math.log(seconds) / Math.log(2))));
        }
    }
}
