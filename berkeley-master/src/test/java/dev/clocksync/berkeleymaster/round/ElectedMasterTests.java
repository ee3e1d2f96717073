package dev.clocksync.berkeleymaster.round;

import com.sun.net.httpserver.HttpServer;
import dev.clocksync.support.access.ClusterProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A master elected with one other, which the test plays: while the other refuses every message, as a dead master
 * would, this one (id 1 of 1 and 2) leads; while it takes them, an election this master starts waits for its answer.
 * The tests share the master and run in order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "berkeley.scheduled=false", "berkeley.samples=3", "berkeley.initial-samples=12", "berkeley.read-timeout=500ms",
        "election.node-id=1", "election.peers.1=http://127.0.0.1:1", "election.answer-timeout=3s",
        "election.coordinator-timeout=4s"})
@AutoConfigureRestTestClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ElectedMasterTests {

    /**
     * The other master: 503 to every message (as a crashed one), or 202 (as a live one that never answers); to the
     * rounds endpoints, round 42, and it keeps the headers they came with.
     */
    private static volatile int otherAnswers = 503;
    private static final List<com.sun.net.httpserver.Headers> ROUND_REQUESTS = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final HttpServer OTHER = other();

    private static HttpServer other() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(otherAnswers, -1);
                exchange.close();
            });
            server.createContext("/rounds", exchange -> {
                ROUND_REQUESTS.add(exchange.getRequestHeaders());
                byte[] round = "{\"round\":42}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("Served-By", "other");
                exchange.sendResponseHeaders(200, round.length);
                exchange.getResponseBody().write(round);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("election.peers.2", () -> "http://127.0.0.1:" + OTHER.getAddress().getPort());
    }

    @AfterAll
    static void stopOther() {
        OTHER.stop(0);
    }

    @Autowired
    RestTestClient http;

    @Autowired
    ClusterProperties cluster;

    private FakeSlave kmc;

    @AfterEach
    void cleanUp() {
        http.delete().uri("/slaves/KMC").headers(cluster::authorize).exchange();
        if (kmc != null) {
            kmc.close();
        }
    }

    private Map<String, Object> json(String path) {
        return http.get().uri(path).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    private void awaitLeading() {
        await().atMost(Duration.ofSeconds(20)).until(() -> "LEADER".equals(json("/election").get("state")));
    }

    private long term() {
        return ((Number) json("/election").get("term")).longValue();
    }

    private void registerKmc() {
        kmc = new FakeSlave(Duration.ofMillis(300));
        http.post().uri("/slaves").headers(cluster::authorize).contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"KMC\",\"url\":\"" + kmc.url() + "\"}").exchange().expectStatus().is2xxSuccessful();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> participant(Map<String, Object> round, String name) {
        return ((List<Map<String, Object>>) round.get("participants")).stream()
                .filter(p -> name.equals(p.get("name"))).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void theLeaderRunsRoundsInItsTermSendsTheTermAndSaysItServedThem() {
        awaitLeading();
        long term = term();
        // A round with no slave to follow: the master's clock is all there is, and its first round with one is still to come.
        http.post().uri("/rounds").headers(cluster::authorize).exchange().expectStatus().isOk();
        registerKmc();

        Map<String, Object> round = http.post().uri("/rounds").headers(cluster::authorize).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Served-By", "master")
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();

        assertThat(((Number) round.get("term")).longValue()).isEqualTo(term).isPositive();
        assertThat(round.get("leader")).isEqualTo("master");
        assertThat(participant(round, "KMC").get("status")).isEqualTo("adjusted");
        assertThat(kmc.terms()).containsExactly(term);
        assertThat(participant(round, "master").get("included"))
                .as("a master's first round of its term with a slave follows the slaves: it was not kept in step while it stood by")
                .isEqualTo(false);
        http.get().uri("/rounds/latest").exchange().expectStatus().isOk().expectHeader().valueEquals("Served-By", "master");
        http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components.berkeley.details.role").isEqualTo("leader")
                .jsonPath("$.components.election.status").isEqualTo("UP");
    }

    @Test
    @Order(2)
    void aSlaveThatFollowsAHigherTermFencesTheMasterOffAndItStepsDown() {
        awaitLeading();
        long term = term();
        registerKmc();
        kmc.fence(term + 5);

        Map<String, Object> round = http.post().uri("/rounds").headers(cluster::authorize).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();

        assertThat(participant(round, "KMC").get("status")).isEqualTo("fenced");
        assertThat((String) participant(round, "KMC").get("detail")).contains("409");
        assertThat(kmc.adjustments()).isEmpty();
        // It adopts the slave's term at once and elects anew, above it; the other master is dead, so it leads again.
        await().atMost(Duration.ofSeconds(20)).until(() -> term() > term + 5);
        awaitLeading();
    }

    @Test
    @Order(3)
    void aCrashedMasterRefusesRoundsAndRegistrationsUntilItRecovers() {
        awaitLeading();
        http.post().uri("/admin/crash").headers(cluster::authorize).exchange().expectStatus().isOk();

        http.get().uri("/rounds/latest").exchange().expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:master-crashed");
        http.post().uri("/rounds").headers(cluster::authorize).exchange().expectStatus().isEqualTo(503);
        http.post().uri("/slaves").headers(cluster::authorize).contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"KMC\",\"url\":\"http://127.0.0.1:1\"}").exchange().expectStatus().isEqualTo(503);
        assertThat(http.get().uri("/slaves").exchange().returnResult().getStatus().value()).isEqualTo(503);

        http.post().uri("/admin/recover").headers(cluster::authorize).exchange().expectStatus().isOk();
        awaitLeading();
        http.get().uri("/slaves").exchange().expectStatus().isOk();
    }

    @Test
    @Order(4)
    void whileTheMastersElectNoneAnswersForTheRoundsAndEachSaysWhenToTryAgain() {
        awaitLeading();
        otherAnswers = 202;
        try {
            // Master 2 takes the ELECTION and never answers: this one waits the answer timeout before taking over.
            http.post().uri("/election").headers(cluster::authorize).exchange().expectStatus().isAccepted()
                    .expectBody().jsonPath("$.state").isEqualTo("ELECTING");

            http.get().uri("/rounds?limit=5").exchange().expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("Retry-After", "1")
                    .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:no-leader");
            http.post().uri("/rounds").headers(cluster::authorize).exchange().expectStatus().isEqualTo(503);
        } finally {
            otherAnswers = 503;
        }
        awaitLeading();
    }

    @Test
    @Order(5)
    void aStandbyPassesTheRoundsOnToTheLeaderOnceAndNeverOnARequestAnotherMasterPassedOn() throws Exception {
        awaitLeading();
        long term = term() + 1;
        otherAnswers = 202;
        java.util.concurrent.ScheduledExecutorService heartbeats = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            // Master 2 claims a newer term and keeps its heartbeats coming: this master follows it.
            heartbeats.scheduleAtFixedRate(() -> http.post().uri("/election/messages").headers(cluster::authorize)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"type\":\"HEARTBEAT\",\"algorithm\":\"bully\",\"term\":" + term + ",\"from\":2,\"to\":1,\"leader\":2}")
                    .exchange(), 0, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> "FOLLOWER".equals(json("/election").get("state")));

            http.get().uri("/rounds/latest").header("Via", "1.1 a-proxy").exchange().expectStatus().isOk()
                    .expectHeader().valueEquals("Via", "1.1 master")
                    .expectHeader().valueEquals("Served-By", "other")
                    .expectBody().jsonPath("$.round").isEqualTo(42);
            assertThat(ROUND_REQUESTS).last().satisfies(headers -> assertThat(headers.getFirst("Berkeley-Forwarded-By")).isEqualTo("master"));

            int passedOn = ROUND_REQUESTS.size();
            http.get().uri("/rounds/latest").header("Berkeley-Forwarded-By", "other").exchange().expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("Retry-After", "1")
                    .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:no-leader");
            assertThat(ROUND_REQUESTS).as("not passed on again").hasSize(passedOn);
        } finally {
            heartbeats.shutdownNow();
            otherAnswers = 503;
        }
        awaitLeading();
    }
}
