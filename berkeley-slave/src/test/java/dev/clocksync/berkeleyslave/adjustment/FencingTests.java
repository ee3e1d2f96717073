package dev.clocksync.berkeleyslave.adjustment;

import dev.clocksync.berkeleyslave.FakeMaster;
import dev.clocksync.support.access.ClusterProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fencing by election term, in a context of its own: the terms it accepts would fence off the other tests' masters,
 * which are not elected (term 0). In order, since each test's terms are higher than the one's before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "berkeley.node-name=MIT", "clock.warm-up-reads=0"})
@AutoConfigureRestTestClient
class FencingTests {

    static final FakeMaster MASTER = new FakeMaster();

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

    private RestTestClient.ResponseSpec adjust(long nanos, long round, String master, Long term) {
        return http.post().uri("/clock/adjustments").headers(cluster::authorize).contentType(MediaType.APPLICATION_JSON)
                .body("{\"adjustmentNanos\":" + nanos + ",\"round\":" + round + ",\"master\":\"" + master + "\""
                        + (term == null ? "" : ",\"term\":" + term) + "}")
                .exchange();
    }

    private long target() {
        Map<String, Object> clock = http.get().uri("/clock").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        return ((Number) clock.get("offsetNanos")).longValue() + ((Number) clock.get("pendingSlewNanos")).longValue();
    }

    private String prometheus() {
        return http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** One slave's story: the old leader is frozen, a new one takes over, the old one resumes with its stale round. */
    @Test
    @Order(1)
    void aDeposedMastersAdjustmentsAreRefusedAndChangeNothing() {
        adjust(1_000, 1, "old", null).expectStatus().isOk().expectBody().jsonPath("$.term").isEqualTo(0);
        adjust(1_000, 2, "old", 2L).expectStatus().isOk();
        adjust(2_000, 1, "new", 3L).expectStatus().isOk().expectBody().jsonPath("$.term").isEqualTo(3);
        long before = target();

        adjust(5_000, 3, "old", 2L).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:stale-term")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("term 2", "term 3"))
                .jsonPath("$.acceptedTerm").isEqualTo(3);
        // A master that is not elected counts as term 0.
        adjust(5_000, 4, "old", null).expectStatus().isEqualTo(409);
        adjust(1_000, 2, "old", 2L).expectStatus().isOk().expectBody().jsonPath("$.replayed").isEqualTo(true);

        assertThat(target()).isEqualTo(before);
        assertThat(prometheus()).contains("node=\"MIT\",outcome=\"fenced\"} 2.0")
                .containsPattern("berkeley_term_accepted\\{[^}]*} 3.0");

        adjust(3_000, 2, "new", 3L).expectStatus().isOk();
        adjust(4_000, 1, "newer", 4L).expectStatus().isOk();
        assertThat(target() - before).isEqualTo(7_000);
    }

    @Test
    @Order(2)
    void aSecondMasterOfTheTermAcceptedIsRefused() {
        adjust(1_000, 1, "leader", 5L).expectStatus().isOk();
        long before = target();

        adjust(1_000, 1, "rival", 5L).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:stale-term")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("led here by master leader"))
                .jsonPath("$.acceptedTerm").isEqualTo(5);

        assertThat(target()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aRoundOlderThanOneAppliedFromTheSameMasterIsRefused() {
        adjust(1_000, 20, "sequence", 10L).expectStatus().isOk();
        long before = target();

        adjust(1_000, 19, "sequence", 10L).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:stale-round");

        assertThat(target()).isEqualTo(before);
        assertThat(prometheus()).contains("node=\"MIT\",outcome=\"superseded\"} 1.0");
    }

    @Test
    @Order(4)
    void aNegativeOrHugeTermIsABadRequest() {
        long before = target();
        adjust(1_000, 1, "negative", -1L).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        adjust(1_000, 1, "huge", (long) Integer.MAX_VALUE + 1).expectStatus().isBadRequest();
        assertThat(target()).isEqualTo(before);
    }
}
