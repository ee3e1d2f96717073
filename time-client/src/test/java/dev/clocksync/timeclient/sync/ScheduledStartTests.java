package dev.clocksync.timeclient.sync;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client started before its server, with an hour between syncs: its scheduler follows the start-up pace its
 * failures set (a second, then twice as long), not the interval, and it synchronises soon after the server
 * answers. The schedule is the one the scheduled syncs report ({@code nextSyncInMillis}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "node.name=mobile", "cristian.interval=1h", "cristian.max-backoff=4h", "cristian.samples=2",
        "cristian.read-timeout=500ms"})
@AutoConfigureRestTestClient
class ScheduledStartTests {

    static final FakeTimeServer SERVER = new FakeTimeServer();

    static {
        SERVER.mode(FakeTimeServer.Mode.EMPTY);
    }

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        registry.add("cristian.server-url", SERVER::url);
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Autowired
    RestTestClient http;

    private List<Map<String, Object>> history() {
        return http.get().uri("/sync/history").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody();
    }

    @Test
    void aClientStartedBeforeItsServerRetriesAtTheStartUpPaceNotTheInterval() {
        await().atMost(Duration.ofSeconds(10)).until(() -> history().size() >= 2);
        List<Map<String, Object>> failures = history();
        assertThat(failures).allSatisfy(sync -> assertThat(sync).containsEntry("trigger", "scheduled")
                .containsEntry("status", "unreachable"));
        assertThat(((Number) failures.get(failures.size() - 1).get("nextSyncInMillis")).longValue()).isEqualTo(1_000);

        SERVER.mode(FakeTimeServer.Mode.GOOD);
        await().atMost(Duration.ofSeconds(20)).until(() -> "synchronized".equals(history().get(0).get("status")));
        assertThat(((Number) history().get(0).get("nextSyncInMillis")).longValue()).isEqualTo(Duration.ofHours(1).toMillis());
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }
}
