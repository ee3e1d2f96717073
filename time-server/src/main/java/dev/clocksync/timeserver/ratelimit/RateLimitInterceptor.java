package dev.clocksync.timeserver.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a request with 429 when its remote address is over its rate. Not before the server reports ready: until
 * then the requests are its own warm-up's (ClockWarmUp reads {@code /time} from loopback, as local clients come),
 * and no client has been told to come.
 */
class RateLimitInterceptor implements HandlerInterceptor {

    private final RateLimiter limiter;
    private final Counter limited;
    private final ApplicationAvailability availability;

    RateLimitInterceptor(RateLimiter limiter, MeterRegistry registry, ApplicationAvailability availability) {
        this.limiter = limiter;
        this.availability = availability;
        this.limited = Counter.builder("time.requests.rate.limited")
                .description("Requests for the time refused with 429 because the client polled too fast")
                .register(registry);
        Gauge.builder("time.rate.limiter.clients", limiter, RateLimiter::trackedClients)
                .description("Client addresses the rate limiter is tracking")
                .register(registry);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return true;
        }
        RateLimiter.Decision decision = limiter.acquire(request.getRemoteAddr());
        if (!decision.allowed()) {
            limited.increment();
            throw new RateLimitedException(decision.retryAfterSeconds());
        }
        return true;
    }
}
