package dev.clocksync.timeserver.ratelimit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"time-server.rate-limit.requests-per-second=0.2", "time-server.rate-limit.burst=3"})
@AutoConfigureRestTestClient
class RateLimitTests {

    @Autowired
    RestTestClient http;

    @Test
    void aClientPollingFasterThanItsRateGets429WithRetryAfterAndOtherEndpointsStayOpen() {
        for (int i = 0; i < 3; i++) {
            http.get().uri("/time").exchange().expectStatus().isOk();
        }

        http.get().uri("/time").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:clocksync:problem:rate-limited")
                .jsonPath("$.retryAfterSeconds").isEqualTo(5);

        http.get().uri("/clock").exchange().expectStatus().isOk();
        String prometheus = http.get().uri("/actuator/prometheus").exchange()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(prometheus).containsPattern("time_requests_rate_limited_total\\{[^}]*} 1\\.0");
    }
}
