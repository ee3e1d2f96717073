package dev.clocksync.berkeleymaster.registry;

import dev.clocksync.support.access.ClusterProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "berkeley.scheduled=false", "berkeley.registration-ttl=1h", "berkeley.max-slaves=3"})
@AutoConfigureRestTestClient
class RegistryTests {

    @Autowired
    RestTestClient http;

    @Autowired
    ClusterProperties cluster;

    private RestTestClient.ResponseSpec register(String json) {
        return http.post().uri("/slaves").headers(cluster::authorize).contentType(MediaType.APPLICATION_JSON).body(json)
                .exchange();
    }

    @Test
    void registrationIsIdempotentByNameAndRemovalForgets() {
        register("{\"name\":\"KMC\",\"url\":\"http://127.0.0.1:8081\"}")
                .expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/slaves/KMC")
                .expectBody().jsonPath("$.name").isEqualTo("KMC");
        register("{\"name\":\"KMC\",\"url\":\"http://10.0.0.7:8081\"}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.url").isEqualTo("http://10.0.0.7:8081");

        http.get().uri("/slaves").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.name == 'KMC')].url").isEqualTo("http://10.0.0.7:8081");
        http.get().uri("/slaves/KMC").exchange().expectStatus().isOk();

        http.delete().uri("/slaves/KMC").headers(cluster::authorize).exchange().expectStatus().isNoContent();
        http.delete().uri("/slaves/KMC").headers(cluster::authorize).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:unknown-slave");
        http.get().uri("/slaves/KMC").exchange().expectStatus().isNotFound();
    }

    @Test
    void registeringAndRemovingNeedTheClusterTokenAndReadingDoesNot() {
        String mit = "{\"name\":\"MIT\",\"url\":\"http://127.0.0.1:8082\"}";
        http.post().uri("/slaves").contentType(MediaType.APPLICATION_JSON).body(mit).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401).jsonPath("$.instance").isEqualTo("/slaves");
        http.post().uri("/slaves").headers(headers -> headers.setBearerAuth("not-the-cluster-token"))
                .contentType(MediaType.APPLICATION_JSON).body(mit).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:wrong-token");
        http.get().uri("/slaves/MIT").exchange().expectStatus().isNotFound();

        register(mit).expectStatus().isCreated();
        http.delete().uri("/slaves/MIT").exchange().expectStatus().isUnauthorized();
        http.delete().uri("/slaves/MIT").headers(headers -> headers.setBearerAuth("not-the-cluster-token")).exchange()
                .expectStatus().isForbidden();
        http.get().uri("/slaves/MIT").exchange().expectStatus().isOk();
        http.delete().uri("/slaves/MIT").headers(cluster::authorize).exchange().expectStatus().isNoContent();
    }

    @Test
    void invalidRegistrationsAre400AndChangeNothing() {
        for (String bad : new String[] {
                "{\"name\":\"TAPMI\",\"url\":\"ftp://127.0.0.1:8083\"}",
                "{\"name\":\"TAPMI\",\"url\":\"not a url\"}",
                "{\"name\":\"TAPMI\",\"url\":\"/relative\"}",
                "{\"name\":\"TAPMI\",\"url\":\"http://user:secret@127.0.0.1:8083\"}",
                "{\"name\":\"TAPMI\",\"url\":\"http://127.0.0.1:8083/?x=1\"}",
                "{\"name\":\"TAP MI\",\"url\":\"http://127.0.0.1:8083\"}",
                "{\"name\":\"" + "x".repeat(65) + "\",\"url\":\"http://127.0.0.1:8083\"}",
                "{\"name\":\"TAPMI\"}",
                "{\"url\":\"http://127.0.0.1:8083\"}",
                "{\"name\":42,\"url\":[]}",
                "{\"name\":\"TAPMI\",\"url\":\"http://127.0.0.1:8083\"",
                ""}) {
            register(bad).expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        http.get().uri("/slaves/TAPMI").exchange().expectStatus().isNotFound();
        http.get().uri("/slaves/bad name").exchange().expectStatus().isBadRequest();
    }

    @Test
    void aFullRegistryRefusesNewcomersButTakesHeartbeats() {
        for (String name : new String[] {"A", "B", "C"}) {
            register("{\"name\":\"" + name + "\",\"url\":\"http://127.0.0.1:9000\"}").expectStatus().is2xxSuccessful();
        }
        register("{\"name\":\"D\",\"url\":\"http://127.0.0.1:9000\"}")
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:registry-full");
        register("{\"name\":\"A\",\"url\":\"http://127.0.0.1:9000\"}").expectStatus().isOk();
        for (String name : new String[] {"A", "B", "C"}) {
            http.delete().uri("/slaves/" + name).headers(cluster::authorize).exchange();
        }
    }

    @Test
    void thereIsNoLatestRoundBeforeTheFirst() {
        http.get().uri("/rounds/latest").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
