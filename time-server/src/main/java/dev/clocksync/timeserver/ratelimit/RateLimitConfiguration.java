package dev.clocksync.timeserver.ratelimit;

import dev.clocksync.clock.TimeSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Limits how fast one remote address may poll {@code GET /time}, unless
 * {@code time-server.rate-limit.enabled=false}. The switch is read when the interceptors are registered,
 * not by a bean condition: the services run with Spring AOT, whose conditions are fixed at build time.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    WebMvcConfigurer rateLimitedTime(RateLimitProperties limit, TimeSource host, MeterRegistry registry,
            ApplicationAvailability availability) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry interceptors) {
                if (limit.enabled()) {
                    RateLimiter limiter = new RateLimiter(limit.requestsPerSecond(), limit.burst(), limit.maxClients(),
                            host::monotonicNanos);
                    interceptors.addInterceptor(new RateLimitInterceptor(limiter, registry, availability)).addPathPatterns("/time");
                }
            }
        };
    }
}
