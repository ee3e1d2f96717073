package dev.clocksync.timeserver.ratelimit;

import dev.clocksync.clock.TimeSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "time-server.rate-limit.enabled", matchIfMissing = true)
class RateLimitConfiguration {

    @Bean
    RateLimiter rateLimiter(RateLimitProperties limit, TimeSource host) {
        return new RateLimiter(limit.requestsPerSecond(), limit.burst(), limit.maxClients(), host::monotonicNanos);
    }

    @Bean
    WebMvcConfigurer rateLimitedTime(RateLimiter limiter, MeterRegistry registry) {
        RateLimitInterceptor interceptor = new RateLimitInterceptor(limiter, registry);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor).addPathPatterns("/time");
            }
        };
    }
}
