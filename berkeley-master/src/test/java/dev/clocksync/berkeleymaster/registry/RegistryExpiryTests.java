package dev.clocksync.berkeleymaster.registry;

import dev.clocksync.support.access.ClusterProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "berkeley.scheduled=false", "berkeley.registration-ttl=500ms"})
@AutoConfigureRestTestClient
class RegistryExpiryTests {

    @Autowired
    RestTestClient http;

    @Autowired
    ClusterProperties cluster;

    @Test
    void aSlaveThatStopsRegisteringIsForgotten() {
        http.post().uri("/slaves").headers(cluster::authorize).contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"MIT\",\"url\":\"http://127.0.0.1:8082\"}").exchange().expectStatus().isCreated();
        http.get().uri("/slaves/MIT").exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                http.get().uri("/slaves/MIT").exchange().expectStatus().isNotFound());
    }
}
