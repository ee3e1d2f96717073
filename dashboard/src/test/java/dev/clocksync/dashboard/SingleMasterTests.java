package dev.clocksync.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One master, set as before the masters were elected (one name, one URL), and run alone: it answers
 * {@code GET /election} with 404. The page shows it as the master, in term 0, and it cannot be crashed. Every other
 * service is down (port 1).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SingleMasterTests {

    private static final String TOKEN = "dashboard-test-token-0123456789";
    private static final String DEAD = "http://127.0.0.1:1";

    private static final FakeService MASTER = new FakeService()
            .answer("GET", "/election", 404, """
                    {"type":"urn:clocksync:problem:not-elected","status":404,"title":"Not elected"}""")
            .answer("GET", "/rounds/latest", 200, """
                    {"round":5,"term":0,"leader":"master","trigger":"scheduled","startedAt":"2026-11-27T10:00:00Z",
                     "durationMillis":40,"toleranceNanos":1000000,"medianOffsetNanos":0,"averageOffsetNanos":0,
                     "spreadBeforeNanos":0,"unreachable":0,"participants":[]}""");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("cluster.token", () -> TOKEN);
        registry.add("dashboard.refresh", () -> "100ms");
        registry.add("dashboard.read-timeout", () -> "500ms");
        registry.add("dashboard.stale-after", () -> "2s");
        registry.add("dashboard.time-server.name", () -> "time-server");
        registry.add("dashboard.time-server.url", () -> DEAD);
        registry.add("dashboard.clients[0].name", () -> "mobile");
        registry.add("dashboard.clients[0].url", () -> DEAD);
        registry.add("dashboard.master.name", () -> "master");
        registry.add("dashboard.master.url", MASTER::url);
        registry.add("dashboard.slaves[0].name", () -> "KMC");
        registry.add("dashboard.slaves[0].url", () -> DEAD);
        registry.add("dashboard.nodes[0].id", () -> "1");
        registry.add("dashboard.nodes[0].url", () -> DEAD);
    }

    @AfterAll
    static void stop() {
        MASTER.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode snapshot() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/snapshot")));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void aMasterThatIsNotElectedIsTheMasterInTermZero() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode snapshot = snapshot();
            JsonNode masters = snapshot.get("masters");
            assertThat(masters.get("leader").asString()).isEqualTo("master");
            assertThat(masters.get("term").asLong()).isZero();
            assertThat(masters.get("elected").asBoolean()).isFalse();
            assertThat(masters.get("masters")).hasSize(1);
            assertThat(masters.at("/masters/0/status").asString()).isEqualTo("leader");
            assertThat(masters.at("/masters/0/elected").asBoolean()).isFalse();
            assertThat(masters.at("/masters/0/error").isNull()).as("not elected is no error").isTrue();
            assertThat(snapshot.at("/round/up").asBoolean()).isTrue();
            assertThat(snapshot.at("/round/latest/round").asLong()).isEqualTo(5);
        });
    }

    @Test
    void aMasterThatIsNotElectedCannotBeCrashed() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> snapshot().at("/masters/masters/0/status").asString().equals("leader"));

        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/actions/masters/master/crash"))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("type").asString()).isEqualTo("urn:clocksync:problem:master-not-elected");
        assertThat(MASTER.requests()).noneMatch(request -> request.line().startsWith("POST"));
    }
}
