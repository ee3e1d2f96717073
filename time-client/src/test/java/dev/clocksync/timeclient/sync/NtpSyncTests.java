package dev.clocksync.timeclient.sync;

import dev.clocksync.support.access.ClusterProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The client speaking NTP to a server of the test's own: the same estimator, over UDP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cristian.protocol=ntp", "cristian.server-url=http://127.0.0.1", "cristian.interval=1h", "cristian.samples=4",
        "cristian.read-timeout=300ms", "clock.offset=-1s"})
@AutoConfigureRestTestClient
class NtpSyncTests {

    static final FakeNtpServer SERVER = new FakeNtpServer(Duration.ofMillis(700));

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        registry.add("cristian.ntp-port", SERVER::port);
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Autowired
    RestTestClient http;

    @Autowired
    ClusterProperties cluster;

    @BeforeEach
    void good() {
        SERVER.mode(FakeNtpServer.Mode.GOOD);
    }

    private Map<String, Object> clock() {
        return http.get().uri("/clock").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    private static long number(Map<String, Object> json, String field) {
        return ((Number) json.get(field)).longValue();
    }

    @Test
    void aSyncOverNtpBringsTheClockOntoTheServersWithinTheErrorBound() {
        Map<String, Object> sync = http.post().uri("/sync").headers(cluster::authorize).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();

        // The start-up sync came first: one looser than it leaves the clock where that one put it.
        assertThat(sync.get("status")).isIn("synchronized", "left_alone");
        assertThat(number(sync, "samples")).isEqualTo(4);
        await().atMost(Duration.ofSeconds(30)).until(() -> number(clock(), "pendingSlewNanos") == 0);
        long residual = number(clock(), "offsetNanos") - SERVER.offsetNanos();
        assertThat(Math.abs(residual)).isLessThanOrEqualTo(
                number(sync, "synchronized".equals(sync.get("status")) ? "errorBoundNanos" : "knownWithinNanos"));
    }

    @Test
    void aKissOfDeathRateIsBeingRateLimited() {
        SERVER.mode(FakeNtpServer.Mode.KISS);

        http.post().uri("/sync").headers(cluster::authorize).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:clocksync:problem:time-server-rate-limited")
                .jsonPath("$.nextSyncInMillis").value(next -> assertThat(((Number) next).longValue()).isGreaterThanOrEqualTo(16_000));
    }

    @Test
    void aSilentServerCostsTheReadTimeoutAndLeavesTheClockAlone() {
        long offset = number(clock(), "offsetNanos") + number(clock(), "pendingSlewNanos");
        SERVER.mode(FakeNtpServer.Mode.SILENT);
        long start = System.nanoTime();

        http.post().uri("/sync").headers(cluster::authorize).exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("no NTP reply"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        Map<String, Object> now = clock();
        assertThat(number(now, "offsetNanos") + number(now, "pendingSlewNanos")).isEqualTo(offset);
    }
}
