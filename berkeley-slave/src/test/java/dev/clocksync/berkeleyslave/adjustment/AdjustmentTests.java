package dev.clocksync.berkeleyslave.adjustment;

import dev.clocksync.apidocs.ApiDocuments;
import dev.clocksync.berkeleyslave.FakeMaster;
import dev.clocksync.support.access.ClusterProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "berkeley.node-name=KMC", "clock.offset=3s", "berkeley.max-adjustment=2h", "berkeley.heartbeat-interval=200ms"})
@AutoConfigureRestTestClient
class AdjustmentTests {

    static final FakeMaster MASTER = new FakeMaster();
    static final AtomicLong ROUNDS = new AtomicLong(100);

    @DynamicPropertySource
    static void master(DynamicPropertyRegistry registry) {
        registry.add("berkeley.master-url", MASTER::url);
    }

    @AfterAll
    static void stop() {
        MASTER.close();
    }

    @Autowired
    RestTestClient http;

    @Autowired
    ClusterProperties cluster;

    private RestTestClient.ResponseSpec adjust(String json) {
        return http.post().uri("/clock/adjustments").headers(cluster::authorize).contentType(MediaType.APPLICATION_JSON)
                .body(json).exchange();
    }

    private Map<String, Object> clock() {
        return http.get().uri("/clock").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    private static long number(Map<String, Object> json, String field) {
        return ((Number) json.get(field)).longValue();
    }

    /** The clock's eventual offset from the host clock: where it is once every pending slew is absorbed. */
    private long target() {
        Map<String, Object> clock = clock();
        return number(clock, "offsetNanos") + number(clock, "pendingSlewNanos");
    }

    @Test
    void aForwardAdjustmentIsSteppedAndAnsweredWithTheNewReading() {
        long before = target();
        long round = ROUNDS.incrementAndGet();

        adjust("{\"adjustmentNanos\":1500000000,\"round\":" + round + ",\"master\":\"m1\"}")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.round").isEqualTo(round)
                .jsonPath("$.replayed").isEqualTo(false)
                .jsonPath("$.steppedNanos").isEqualTo(1_500_000_000L)
                .jsonPath("$.clock.node").isEqualTo("KMC");

        assertThat(target() - before).isEqualTo(1_500_000_000L);
    }

    @Test
    void aBackwardAdjustmentIsSlewedAndReadingsNeverDecrease() {
        long before = target();
        long round = ROUNDS.incrementAndGet();

        adjust("{\"adjustmentNanos\":-800000000,\"round\":" + round + ",\"master\":\"m1\"}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.steppedNanos").isEqualTo(0);

        assertThat(target() - before).isEqualTo(-800_000_000L);
        long previous = Long.MIN_VALUE;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Object> clock;
        do {
            clock = clock();
            assertThat(number(clock, "epochNanos")).isGreaterThanOrEqualTo(previous);
            previous = number(clock, "epochNanos");
        } while (number(clock, "pendingSlewNanos") != 0 && System.nanoTime() < deadline);
        assertThat(number(clock, "pendingSlewNanos")).isZero();
    }

    @Test
    void aRoundIsAppliedOnceAndItsRetryGetsTheFirstAnswer() {
        long round = ROUNDS.incrementAndGet();
        String body = "{\"adjustmentNanos\":250000000,\"round\":" + round + ",\"master\":\"m1\"}";
        long before = target();

        adjust(body).expectStatus().isOk().expectBody().jsonPath("$.replayed").isEqualTo(false);
        adjust(body).expectStatus().isOk().expectBody()
                .jsonPath("$.replayed").isEqualTo(true)
                .jsonPath("$.adjustmentNanos").isEqualTo(250_000_000);

        assertThat(target() - before).as("applied once").isEqualTo(250_000_000L);
    }

    @Test
    void theSameRoundFromAnotherMasterInstanceIsAnotherRound() {
        long round = ROUNDS.incrementAndGet();
        long before = target();

        adjust("{\"adjustmentNanos\":1000,\"round\":" + round + ",\"master\":\"m1\"}").expectStatus().isOk();
        adjust("{\"adjustmentNanos\":1000,\"round\":" + round + ",\"master\":\"restarted\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.replayed").isEqualTo(false);

        assertThat(target() - before).isEqualTo(2_000L);
    }

    @Test
    void aRoundAppliedWithAnotherAdjustmentIsAConflictAndChangesNothing() {
        long round = ROUNDS.incrementAndGet();
        adjust("{\"adjustmentNanos\":1000,\"round\":" + round + "}").expectStatus().isOk();
        long before = target();

        adjust("{\"adjustmentNanos\":2000,\"round\":" + round + "}")
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:round-conflict");

        assertThat(target()).isEqualTo(before);
    }

    @Test
    void anAdjustmentBeyondTheMaximumIs422AndChangesNothing() {
        long before = target();

        adjust("{\"adjustmentNanos\":7200000000001,\"round\":" + ROUNDS.incrementAndGet() + "}")
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:adjustment-too-large");
        adjust("{\"adjustmentNanos\":-3155760000000000000,\"round\":" + ROUNDS.incrementAndGet() + "}")
                .expectStatus().isEqualTo(422);

        assertThat(target()).isEqualTo(before);
    }

    @Test
    void malformedAdjustmentsAre400AndChangeNothing() {
        long before = target();
        for (String bad : new String[] {
                "{\"adjustmentNanos\":1000}",
                "{\"round\":5}",
                "{\"adjustmentNanos\":\"soon\",\"round\":5}",
                "{\"adjustmentNanos\":1000,\"round\":0}",
                "{\"adjustmentNanos\":1000,\"round\":-3}",
                "{\"adjustmentNanos\":1e30,\"round\":5}",
                "{\"adjustmentNanos\":99999999999999999999,\"round\":5}",
                "{\"adjustmentNanos\":1000,\"round\":5,\"master\":\"has spaces\"}",
                "{\"adjustmentNanos\":",
                "[]",
                ""}) {
            adjust(bad).expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        http.post().uri("/clock/adjustments").headers(cluster::authorize).contentType(MediaType.TEXT_PLAIN).body("1000")
                .exchange()
                .expectStatus().isEqualTo(415);
        // YAML was once read by Jackson 2 without the strict JSON settings: this fraction was truncated and applied
        http.post().uri("/clock/adjustments").headers(cluster::authorize).contentType(MediaType.APPLICATION_YAML)
                .body("adjustmentNanos: 1000.7\nround: " + ROUNDS.incrementAndGet() + "\nbogus: 1\n")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(target()).isEqualTo(before);
    }

    @Test
    void anAdjustmentNeedsTheClusterTokenAndWithoutItChangesNothing() {
        long before = target();
        String json = "{\"adjustmentNanos\":1500000000,\"round\":" + ROUNDS.incrementAndGet() + ",\"master\":\"m1\"}";

        http.post().uri("/clock/adjustments").contentType(MediaType.APPLICATION_JSON).body(json).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:missing-token")
                .jsonPath("$.instance").isEqualTo("/clock/adjustments");
        http.post().uri("/clock/adjustments").headers(headers -> headers.setBearerAuth("not-the-cluster-token"))
                .contentType(MediaType.APPLICATION_JSON).body(json).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:wrong-token");
        assertThat(target()).isEqualTo(before);

        adjust(json).expectStatus().isOk();
        assertThat(target() - before).isEqualTo(1_500_000_000L);
    }

    @Test
    void itRegistersWithTheMasterAndKeepsDoingSoAsAHeartbeat() {
        await().atMost(Duration.ofSeconds(30)).until(() -> MASTER.registrations().size() >= 3);

        assertThat(MASTER.registrations().get(0)).contains("\"name\":\"KMC\"").contains("\"url\":\"http://127.0.0.1:");
        assertThat(MASTER.authorizations()).isNotEmpty().allSatisfy(authorization ->
                assertThat(authorization).isEqualTo("Bearer " + cluster.token()));
        http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components.berkeley.details.registered").isEqualTo(true);
    }

    @Test
    void healthIsDownWhileTheMasterRefusesTheRegistrationsAndUpWhenItTakesThemAgain() {
        MASTER.answer(503);
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    http.get().uri("/actuator/health").exchange().expectStatus().isEqualTo(503)
                            .expectBody().jsonPath("$.components.berkeley.status").isEqualTo("DOWN"));
        } finally {
            MASTER.answer(201);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                http.get().uri("/actuator/health").exchange().expectStatus().isOk());
    }

    @Test
    void metricsAndOpenApi() {
        adjust("{\"adjustmentNanos\":1,\"round\":" + ROUNDS.incrementAndGet() + "}").expectStatus().isOk();

        String prometheus = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(prometheus).contains("berkeley_adjustments_total{").contains("outcome=\"applied\"").contains("clock_offset_seconds");
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.paths['/clock/adjustments'].post.summary").isNotEmpty()
                .jsonPath("$.paths['/clock/adjustments'].post.responses['422']").exists()
                .jsonPath("$.paths['/clock'].get.summary").isNotEmpty();
    }

    @Test
    void theApiDocumentIsTheOneTheCodeDescribes(@LocalServerPort int port) throws Exception {
        ApiDocuments.check(port, ApiDocuments.MAIN);
    }
}
