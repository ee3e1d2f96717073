package dev.clocksync.timeserver;

import dev.clocksync.apidocs.ApiDocuments;
import dev.clocksync.support.access.ClusterProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"clock.offset=1500ms", "node.name=reference", "time-server.rate-limit.burst=1000"})
@AutoConfigureRestTestClient
class TimeServerApplicationTests {

    @Autowired
    RestTestClient http;

    @Autowired
    ClusterProperties cluster;

    @Test
    void timeAnswersWithTheServersClockAndTheExchangesTimestamps() {
        long before = System.currentTimeMillis() * 1_000_000L;

        Map<String, Object> time = http.get().uri("/time").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();

        long after = System.currentTimeMillis() * 1_000_000L + 1_000_000L;
        long receive = ((Number) time.get("receiveEpochNanos")).longValue();
        long transmit = ((Number) time.get("transmitEpochNanos")).longValue();
        long epoch = ((Number) time.get("epochNanos")).longValue();
        assertThat(receive).isLessThanOrEqualTo(transmit);
        assertThat(epoch).isEqualTo(transmit);
        assertThat(Instant.parse((String) time.get("time"))).isEqualTo(Instant.ofEpochSecond(0, transmit));
        assertThat(transmit - 1_500_000_000L).as("the server's clock runs 1.5 s ahead of the host").isBetween(before, after);
    }

    @Test
    void clockHasTheSharedShape() {
        http.get().uri("/clock").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.node").isEqualTo("reference")
                .jsonPath("$.offsetNanos").isEqualTo(1_500_000_000L)
                .jsonPath("$.driftPpm").isEqualTo(0.0)
                .jsonPath("$.pendingSlewNanos").isEqualTo(0)
                .jsonPath("$.epochNanos").isNumber()
                .jsonPath("$.time").isNotEmpty();
    }

    @Test
    void changesNeedTheClusterTokenAndReadsDoNot() {
        http.post().uri("/clock").exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:missing-token");
        http.post().uri("/clock").headers(headers -> headers.setBearerAuth("not-the-cluster-token")).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:wrong-token");
        http.post().uri("/clock").headers(cluster::authorize).exchange().expectStatus().isEqualTo(405);
        http.get().uri("/time").exchange().expectStatus().isOk();
        http.get().uri("/clock").exchange().expectStatus().isOk();
    }

    @Test
    void unknownPathsAndWrongMethodsAreProblems() {
        http.get().uri("/no-such-thing").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404);
        http.post().uri("/time").headers(cluster::authorize).exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Method Not Allowed");
    }

    @Test
    void actuatorExposesHealthInfoAndPrometheusMetrics() {
        http.get().uri("/time").exchange().expectStatus().isOk();

        http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/info").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.node.name").isEqualTo("reference");
        String prometheus = http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(prometheus)
                .contains("clock_offset_seconds{")
                .contains("http_server_requests_seconds_count{")
                .contains("time_requests_rate_limited_total");
    }

    @Test
    void openApiDescribesEveryOperation() {
        http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.info.title").isEqualTo("time-server")
                .jsonPath("$.paths['/time'].get.summary").isNotEmpty()
                .jsonPath("$.paths['/time'].get.responses['429']").exists()
                .jsonPath("$.paths['/clock'].get.summary").isNotEmpty()
                .jsonPath("$.paths['/bench/bare']").doesNotExist();
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }

    @Test
    void theBenchmarksYardstickAnswersOnlyInTheBenchProfile() {
        http.get().uri("/bench/bare").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theApiDocumentIsTheOneTheCodeDescribes(@LocalServerPort int port) throws Exception {
        ApiDocuments.check(port, ApiDocuments.MAIN);
    }
}
