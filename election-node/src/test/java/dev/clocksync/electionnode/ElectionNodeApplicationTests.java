package dev.clocksync.electionnode;

import dev.clocksync.apidocs.ApiDocuments;
import dev.clocksync.support.access.ClusterProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The node as a whole, over HTTP: node 2 of a group of three whose other members, 1 and 3, are fake
 * peers in the test's JVM that record what node 2 sends them; the test speaks for them by posting to
 * node 2's message endpoint. Node 2's own URL in its peer list is never called (port 1).
 * <p>
 * The tests share one node, whose state moves on from test to test; each one starts from a term
 * higher than any the node has seen, so that it does not depend on what ran before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "election.node-id=2", "election.peers.2=http://127.0.0.1:1", "election.algorithm=bully",
        "election.heartbeat-interval=100ms", "election.failure-timeout=400ms", "election.answer-timeout=1s",
        "election.coordinator-timeout=2s", "election.ring-timeout=2s",
        "election.connect-timeout=200ms", "election.read-timeout=300ms"})
@AutoConfigureRestTestClient
class ElectionNodeApplicationTests {

    static final FakePeer LOWER = new FakePeer();
    static final FakePeer HIGHER = new FakePeer();

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("election.peers.1", LOWER::url);
        registry.add("election.peers.3", HIGHER::url);
    }

    @AfterAll
    static void stopPeers() {
        LOWER.close();
        HIGHER.close();
    }

    @Autowired
    RestTestClient http;

    @Autowired
    ClusterProperties cluster;

    private ScheduledExecutorService heartbeats;

    @BeforeEach
    void livePeers() {
        LOWER.mode(FakePeer.Mode.ACCEPT);
        HIGHER.mode(FakePeer.Mode.ACCEPT);
        heartbeats = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stopHeartbeats() {
        heartbeats.shutdownNow();
    }

    private Map<String, Object> election() {
        return http.get().uri("/election").exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
    }

    private long term() {
        return ((Number) election().get("term")).longValue();
    }

    private RestTestClient.ResponseSpec message(String json) {
        return http.post().uri("/election/messages").headers(cluster::authorize).contentType(MediaType.APPLICATION_JSON)
                .body(json).exchange();
    }

    private List<Map<String, Object>> history() {
        return http.get().uri("/election/history?limit=1000").exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody();
    }

    private boolean happened(String event, long term, Integer leader) {
        return history().stream().anyMatch(e -> event.equals(e.get("event")) && ((Number) e.get("term")).longValue() == term
                && (leader == null || leader.equals(e.get("leaderId"))));
    }

    private static List<JsonNode> after(List<JsonNode> messages, String type, long term) {
        return messages.stream().filter(m -> type.equals(m.get("type").asString()) && m.get("term").asLong() == term).toList();
    }

    private void awaitLeaderOf(long term) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<String, Object> view = election();
            return "LEADER".equals(view.get("state")) && ((Number) view.get("term")).longValue() == term;
        });
    }

    @Test
    void aHigherCoordinatorIsFollowedWhileItsHeartbeatsComeAndItsSilenceStartsAnElection() {
        long t = term() + 10;
        message("{\"type\":\"COORDINATOR\",\"algorithm\":\"bully\",\"term\":" + t + ",\"from\":3,\"to\":2,\"leader\":3}")
                .expectStatus().isAccepted();
        heartbeats.scheduleAtFixedRate(() -> message("{\"type\":\"HEARTBEAT\",\"algorithm\":\"bully\",\"term\":" + t
                + ",\"from\":3,\"to\":2,\"leader\":3}"), 0, 50, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> Integer.valueOf(3).equals(election().get("leaderId")));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> {
            Map<String, Object> view = election();
            return "FOLLOWER".equals(view.get("state")) && Integer.valueOf(3).equals(view.get("leaderId"))
                    && Boolean.TRUE.equals(view.get("leaderAlive"));
        });
        http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components.election.status").isEqualTo("UP")
                .jsonPath("$.components.election.details.leaderId").isEqualTo(3);

        heartbeats.shutdownNow();

        await().atMost(Duration.ofSeconds(10)).until(() -> happened("leader_suspected", t, 3));
        // Before the election, the pre-vote: 2 asks the others whether they still hear 3; they accept the message and
        // never reply, so the election follows after the answer timeout.
        await().atMost(Duration.ofSeconds(10)).until(() -> !after(HIGHER.received(), "PRE_VOTE", t).isEmpty()
                && !after(LOWER.received(), "PRE_VOTE", t).isEmpty());
        assertThat(after(LOWER.received(), "PRE_VOTE", t)).first()
                .satisfies(m -> assertThat(m.get("leader").asInt()).isEqualTo(3));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(history()).anySatisfy(e -> {
            assertThat(e.get("event")).isEqualTo("election_started");
            assertThat(e.get("reason")).isEqualTo("leader_failed");
            assertThat(((Number) e.get("term")).longValue()).isEqualTo(t + 1);
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> !after(HIGHER.received(), "ELECTION", t + 1).isEmpty());
        awaitLeaderOf(t + 1); // 3 accepted the ELECTION but never answered: after the answer timeout, 2 takes over
        await().atMost(Duration.ofSeconds(10)).until(() -> !after(LOWER.received(), "HEARTBEAT", t + 1).isEmpty()
                && !after(HIGHER.received(), "HEARTBEAT", t + 1).isEmpty());
        assertThat(after(LOWER.received(), "COORDINATOR", t + 1)).singleElement()
                .satisfies(m -> assertThat(m.get("leader").asInt()).isEqualTo(2));
    }

    @Test
    void messagesToPeersCarryTheClusterTokenAndEveryChangeNeedsIt() {
        long t = term();
        http.post().uri("/election").headers(cluster::authorize).exchange().expectStatus().isAccepted();
        awaitLeaderOf(t + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !after(HIGHER.received(), "ELECTION", t + 1).isEmpty()
                && !after(LOWER.received(), "COORDINATOR", t + 1).isEmpty());
        assertThat(HIGHER.authorizations()).allSatisfy(a -> assertThat(a).isEqualTo("Bearer " + cluster.token()));
        assertThat(LOWER.authorizations()).allSatisfy(a -> assertThat(a).isEqualTo("Bearer " + cluster.token()));

        for (String path : List.of("/election", "/election?algorithm=ring", "/admin/crash", "/admin/recover")) {
            http.post().uri(path).exchange().expectStatus().isUnauthorized()
                    .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:missing-token");
            http.post().uri(path).headers(headers -> headers.setBearerAuth("not-the-cluster-token")).exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:wrong-token");
        }
        http.post().uri("/election/messages").contentType(MediaType.APPLICATION_JSON)
                .body("{\"type\":\"COORDINATOR\",\"algorithm\":\"bully\",\"term\":" + (t + 10)
                        + ",\"from\":3,\"to\":2,\"leader\":3}")
                .exchange().expectStatus().isUnauthorized();

        Map<String, Object> view = election();
        assertThat(view.get("state")).as("nothing changed without the token").isEqualTo("LEADER");
        assertThat(((Number) view.get("term")).longValue()).isEqualTo(t + 1);
    }

    @Test
    void anElectionFromBelowIsAnsweredAndJoined() {
        long t = term() + 10;

        message("{\"type\":\"ELECTION\",\"algorithm\":\"bully\",\"term\":" + t + ",\"from\":1,\"to\":2,\"initiator\":1}")
                .expectStatus().isAccepted();

        await().atMost(Duration.ofSeconds(10)).until(() -> !after(LOWER.received(), "ANSWER", t).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> !after(HIGHER.received(), "ELECTION", t).isEmpty());
        assertThat(after(HIGHER.received(), "ELECTION", t).get(0).get("initiator").asInt()).isEqualTo(1);
        awaitLeaderOf(t);
        assertThat(happened("election_joined", t, null)).isTrue();
    }

    @Test
    void whenEveryHigherNodeRefusesItTakesOverWithoutWaitingForTheAnswerTimeout() {
        HIGHER.mode(FakePeer.Mode.REFUSE);
        long t = term();

        http.post().uri("/election").headers(cluster::authorize).exchange()
                .expectStatus().isAccepted()
                .expectBody()
                .jsonPath("$.term").isEqualTo((int) (t + 1))
                .jsonPath("$.state").isEqualTo("ELECTING")
                .jsonPath("$.leaderId").isEmpty();

        awaitLeaderOf(t + 1);
        Map<?, ?> last = (Map<?, ?>) election().get("lastElection");
        assertThat(last.get("reason")).isEqualTo("manual");
        assertThat(((Number) last.get("durationMillis")).doubleValue()).as("less than the 1 s answer timeout").isLessThan(1000);
        assertThat(((Map<?, ?>) last.get("messagesSent")).get("ELECTION")).isEqualTo(1);
        assertThat(((Map<?, ?>) last.get("messagesSent")).get("COORDINATOR")).isEqualTo(2);
    }

    @Test
    void aRingElectionGoesToTheSuccessorAndBackAtItsInitiatorNamesTheHighestParticipant() {
        long t = term();

        http.post().uri("/election?algorithm=ring").headers(cluster::authorize).exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.term").isEqualTo((int) (t + 1));

        await().atMost(Duration.ofSeconds(10)).until(() -> !after(HIGHER.received(), "ELECTION", t + 1).isEmpty());
        JsonNode sent = after(HIGHER.received(), "ELECTION", t + 1).get(0);
        assertThat(sent.get("algorithm").asString()).isEqualTo("ring");
        assertThat(sent.get("initiator").asInt()).isEqualTo(2);
        assertThat(sent.get("participants").toString()).isEqualTo("[2]");

        message("{\"type\":\"ELECTION\",\"algorithm\":\"ring\",\"term\":" + (t + 1)
                + ",\"from\":1,\"to\":2,\"initiator\":2,\"participants\":[2,3,1]}").expectStatus().isAccepted();

        await().atMost(Duration.ofSeconds(10)).until(() -> !after(HIGHER.received(), "COORDINATOR", t + 1).isEmpty());
        JsonNode coordinator = after(HIGHER.received(), "COORDINATOR", t + 1).get(0);
        assertThat(coordinator.get("leader").asInt()).isEqualTo(3);
        assertThat(coordinator.get("participants").toString()).isEqualTo("[2,3,1]");
        assertThat(happened("leader_elected", t + 1, 3)).isTrue();
    }

    @Test
    void aCrashedNodeBehavesAsDeadUntilItRecoversAndThenHoldsAnElection() {
        HIGHER.mode(FakePeer.Mode.REFUSE);
        http.post().uri("/admin/crash").headers(cluster::authorize).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("CRASHED").jsonPath("$.leaderId").isEmpty();
        long t = term();
        int lower = LOWER.received().size();
        int higher = HIGHER.received().size();

        message("{\"type\":\"ELECTION\",\"algorithm\":\"bully\",\"term\":" + (t + 5) + ",\"from\":1,\"to\":2,\"initiator\":1}")
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:node-crashed");
        http.post().uri("/election").headers(cluster::authorize).exchange().expectStatus().isEqualTo(503);
        http.post().uri("/admin/crash").headers(cluster::authorize).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:already-crashed");
        http.get().uri("/actuator/health").exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.components.election.status").isEqualTo("DOWN")
                .jsonPath("$.components.election.details.state").isEqualTo("CRASHED");
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() ->
                LOWER.received().size() == lower && HIGHER.received().size() == higher);
        assertThat(term()).isEqualTo(t);

        http.post().uri("/admin/recover").headers(cluster::authorize).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("ELECTING").jsonPath("$.term").isEqualTo((int) (t + 1));

        awaitLeaderOf(t + 1);
        assertThat(happened("recovered", t, null)).isTrue();
        http.post().uri("/admin/recover").headers(cluster::authorize).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:not-crashed");
    }

    @Test
    void aMessageFromAStrangerIs400() {
        message("{\"type\":\"ANSWER\",\"algorithm\":\"bully\",\"term\":1,\"from\":4,\"to\":2}")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Unknown sender 4: not another member of this group.");
    }

    @Test
    void metricsCountMessagesElectionsAndTheTimeToElect() {
        HIGHER.mode(FakePeer.Mode.REFUSE);
        long t = term();
        http.post().uri("/election").headers(cluster::authorize).exchange().expectStatus().isAccepted();
        awaitLeaderOf(t + 1);

        String prometheus = http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(prometheus)
                .contains("election_messages_sent_total{")
                .contains("type=\"coordinator\"")
                .contains("election_messages_received_total{")
                .contains("election_messages_undelivered_total{")
                .contains("election_elections_started_total{")
                .contains("reason=\"manual\"")
                .contains("election_elections_won_total{")
                .contains("election_leader_changes_total")
                .contains("election_time_to_elect_seconds_count{")
                .contains("election_term{")
                .contains("election_leader{");
        assertThat(prometheus.lines().filter(line -> line.startsWith("election_term{")).findFirst().orElseThrow())
                .endsWith(" " + (t + 1) + ".0");
    }

    @Test
    void openApiDescribesEveryOperation() {
        http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.info.title").isEqualTo("election-node")
                .jsonPath("$.paths['/election'].get.summary").isNotEmpty()
                .jsonPath("$.paths['/election'].post.responses['400']").exists()
                .jsonPath("$.paths['/election'].post.responses['503']").exists()
                .jsonPath("$.paths['/election/history'].get.summary").isNotEmpty()
                .jsonPath("$.paths['/election/messages'].post.summary").isNotEmpty()
                .jsonPath("$.paths['/admin/crash'].post.summary").isNotEmpty()
                .jsonPath("$.paths['/admin/recover'].post.summary").isNotEmpty()
                .jsonPath("$.paths['/clock'].get.summary").isNotEmpty();
    }

    @Test
    void theApiDocumentIsTheOneTheCodeDescribes(@LocalServerPort int port) throws Exception {
        ApiDocuments.check(port, ApiDocuments.MAIN);
    }
}
