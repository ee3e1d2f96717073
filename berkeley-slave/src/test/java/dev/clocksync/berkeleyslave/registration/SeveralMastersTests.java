package dev.clocksync.berkeleyslave.registration;

import dev.clocksync.berkeleyslave.FakeMaster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** A slave of two masters registers with both, each on its own schedule, and is UP while either takes it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "berkeley.node-name=TAPMI", "clock.warm-up-reads=0", "berkeley.heartbeat-interval=200ms",
        "berkeley.max-retry-interval=200ms"})
@AutoConfigureRestTestClient
class SeveralMastersTests {

    static final FakeMaster LEADER = new FakeMaster();
    static final FakeMaster STANDBY = new FakeMaster();

    @DynamicPropertySource
    static void masters(DynamicPropertyRegistry registry) {
        registry.add("berkeley.master-url", () -> LEADER.url() + ", " + STANDBY.url());
    }

    @AfterAll
    static void stop() {
        LEADER.close();
        STANDBY.close();
    }

    @Autowired
    RestTestClient http;

    @Test
    void itRegistersWithEveryMasterAndStaysUpWhileOneTakesIt() {
        await().atMost(Duration.ofSeconds(30)).until(() -> LEADER.registrations().size() >= 2 && STANDBY.registrations().size() >= 2);
        http.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.berkeley.details.masters[0].url").isEqualTo(LEADER.url())
                .jsonPath("$.components.berkeley.details.masters[1].url").isEqualTo(STANDBY.url())
                .jsonPath("$.components.berkeley.details.masters[1].registered").isEqualTo(true);

        STANDBY.answer(503);
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/actuator/health").exchange()
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$.components.berkeley.status").isEqualTo("UP")
                    .jsonPath("$.components.berkeley.details.masters[0].registered").isEqualTo(true)
                    .jsonPath("$.components.berkeley.details.masters[1].registered").isEqualTo(false)
                    .jsonPath("$.components.berkeley.details.masters[1].lastError").isNotEmpty());
            LEADER.answer(503);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/actuator/health").exchange()
                    .expectStatus().isEqualTo(503).expectBody()
                    .jsonPath("$.components.berkeley.status").isEqualTo("DOWN"));
        } finally {
            LEADER.answer(201);
            STANDBY.answer(201);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.components.berkeley.details.masters[1].registered").isEqualTo(true));
    }
}
