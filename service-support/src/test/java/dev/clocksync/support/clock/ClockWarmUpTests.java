package dev.clocksync.support.clock;

import dev.clocksync.support.SupportTestApplication;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up reads the service's own {@code GET /clock} over HTTP before the service is ready, and only when asked. */
class ClockWarmUpTests {

    /** Counts the requests for {@code GET /clock} that reach the server. */
    @TestConfiguration
    static class ClockRequests {

        final AtomicInteger count = new AtomicInteger();

        @Bean
        FilterRegistrationBean<Filter> clockRequestCounter() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                count.incrementAndGet();
                chain.doFilter(request, response);
            });
            registration.addUrlPatterns("/clock");
            return registration;
        }
    }

    @Nested
    @SpringBootTest(classes = SupportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "clock.warm-up-reads=40")
    @Import(ClockRequests.class)
    class WhenAsked {

        @Autowired
        ClockRequests requests;

        @Test
        void readsItsOwnClockThatManyTimesBeforeTheContextIsReady() {
            assertThat(requests.count).hasValue(40);
        }
    }

    @Nested
    @SpringBootTest(classes = SupportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    @Import(ClockRequests.class)
    class ByDefault {

        @Autowired
        ClockRequests requests;

        @Test
        void readsNothing() {
            assertThat(requests.count).hasValue(0);
        }
    }

    @Nested
    class Repeat {

        @Test
        void readsTheGivenNumberOfTimesAndSaysHowItWent() {
            AtomicInteger reads = new AtomicInteger();

            ClockWarmUp.Outcome outcome = ClockWarmUp.repeat(25, () -> reads.incrementAndGet() % 3 != 0);

            assertThat(reads).hasValue(25);
            assertThat(outcome.reads()).isEqualTo(25);
            assertThat(outcome.gaveUp()).as("failures were never ten in a row").isFalse();
            assertThat(outcome.toString()).startsWith("25 reads of its own clock in ").doesNotContain("stopped");
        }

        @Test
        void givesUpAfterTenFailuresInARow() {
            AtomicInteger reads = new AtomicInteger();

            ClockWarmUp.Outcome outcome = ClockWarmUp.repeat(1_000, () -> reads.incrementAndGet() <= 5);

            assertThat(reads).hasValue(15);
            assertThat(outcome.gaveUp()).isTrue();
            assertThat(outcome.toString()).contains("(stopped: its own clock does not answer)");
        }

        @Test
        void readsNothingWhenAskedForNothing() {
            AtomicInteger reads = new AtomicInteger();

            assertThat(ClockWarmUp.repeat(0, () -> reads.incrementAndGet() > 0).reads()).isZero();
            assertThat(reads).hasValue(0);
        }
    }
}
