package dev.clocksync.timeserver.ratelimit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitInterceptorTests {

    @Test
    void theServersOwnWarmUpBeforeItIsReadyIsNotLimitedAndClientsAfterwardsAre() {
        ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
        RateLimitInterceptor interceptor = new RateLimitInterceptor(new RateLimiter(1, 2, 16, System::nanoTime),
                new SimpleMeterRegistry(), availability);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/time");
        request.setRemoteAddr("127.0.0.1");

        for (int i = 0; i < 100; i++) {
            assertThat(interceptor.preHandle(request, new MockHttpServletResponse(), new Object())).as("warm-up read %d", i).isTrue();
        }
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(new StaticApplicationContext(), ReadinessState.ACCEPTING_TRAFFIC));

        assertThat(interceptor.preHandle(request, new MockHttpServletResponse(), new Object())).isTrue();
        assertThat(interceptor.preHandle(request, new MockHttpServletResponse(), new Object())).as("the burst of 2, whole").isTrue();
        assertThatThrownBy(() -> interceptor.preHandle(request, new MockHttpServletResponse(), new Object()))
                .isInstanceOf(RateLimitedException.class);
    }
}
