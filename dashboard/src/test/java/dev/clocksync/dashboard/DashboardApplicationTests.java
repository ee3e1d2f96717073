package dev.clocksync.dashboard;

import dev.clocksync.apidocs.ApiDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard against fake services: six clocks (KMC's service hangs on demand, MIT's is down), a
 * client, two elected masters (master leads, master-2 stands by), and two nodes (node 2 down). Checks what
 * the snapshot says, that a dead or hung service holds up nothing else, and what the controls send and answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardApplicationTests {

    private static final String TOKEN = "dashboard-test-token-0123456789";
    private static final String DEAD = "http://127.0.0.1:1";

    private static final FakeService TIME_SERVER = clock(new FakeService(), "time-server", 0);
    private static final FakeService MOBILE = clock(new FakeService(), "mobile", 1_500_000)
            .answer("GET", "/sync/history", 200, """
                    [{"sequence":3,"trigger":"scheduled","status":"synchronized","at":"2026-11-27T10:00:00Z",
                      "offsetNanos":-1200,"roundTripNanos":90000,"errorBoundNanos":40000,"burst":[],"samples":8}]""");
    private static final FakeService MASTER = clock(new FakeService(), "master", -500_000_000);
    private static final FakeService MASTER_2 = clock(new FakeService(), "master-2", -400_000_000);
    private static final FakeService KMC = clock(new FakeService(), "KMC", 3_000_000_000L);
    private static final FakeService NODE_1 = new FakeService().answer("GET", "/election", 200, """
            {"nodeId":1,"leaderId":1,"term":3,"state":"LEADER","algorithm":"bully","leaderAlive":true,"members":[1,2],
             "lastElection":{"term":3,"algorithm":"bully","initiator":1,"reason":"leader_failed","outcome":"elected",
               "leaderId":1,"durationMillis":4.2,"messagesSent":{"ELECTION":1,"ANSWER":0,"COORDINATOR":1}}}""");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    DashboardProperties properties;

    private static String masterView(int id, int leader, long term, String state) {
        return """
                {"nodeId":%d,"leaderId":%d,"term":%d,"state":"%s","algorithm":"bully","leaderAlive":true,"members":[1,2]}"""
                .formatted(id, leader, term, state);
    }

    private static FakeService clock(FakeService service, String node, long offsetNanos) {
        return service.answer("GET", "/clock", 200, """
                {"node":"%s","time":"2026-11-27T10:00:00Z","epochNanos":1,"offsetNanos":%d,"driftPpm":20.0,
                 "pendingSlewNanos":0,"hostEpochNanos":1}""".formatted(node, offsetNanos));
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("cluster.token", () -> TOKEN);
        registry.add("dashboard.refresh", () -> "100ms");
        registry.add("dashboard.read-timeout", () -> "500ms");
        registry.add("dashboard.action-timeout", () -> "1s");
        registry.add("dashboard.stale-after", () -> "2s");
        registry.add("dashboard.time-server.name", () -> "time-server");
        registry.add("dashboard.time-server.url", TIME_SERVER::url);
        registry.add("dashboard.clients[0].name", () -> "mobile");
        registry.add("dashboard.clients[0].url", MOBILE::url);
        // One name for two URLs: the second master is named after the first, master-2.
        registry.add("dashboard.master.name", () -> "master");
        registry.add("dashboard.master.url", () -> MASTER.url() + "," + MASTER_2.url());
        registry.add("dashboard.slaves[0].name", () -> "KMC");
        registry.add("dashboard.slaves[0].url", KMC::url);
        registry.add("dashboard.slaves[1].name", () -> "MIT");
        registry.add("dashboard.slaves[1].url", () -> DEAD);
        registry.add("dashboard.nodes[0].id", () -> "1");
        registry.add("dashboard.nodes[0].url", NODE_1::url);
        registry.add("dashboard.nodes[1].id", () -> "2");
        registry.add("dashboard.nodes[1].url", () -> DEAD);
    }

    @AfterAll
    static void stop() {
        List.of(TIME_SERVER, MOBILE, MASTER, MASTER_2, KMC, NODE_1).forEach(FakeService::close);
    }

    @BeforeEach
    void healthy() {
        KMC.hang(false);
        // master (election id 2) leads in term 3, master-2 (id 1) stands by; neither has run a round yet.
        MASTER.answer("GET", "/election", 200, masterView(2, 2, 3, "LEADER"));
        MASTER_2.answer("GET", "/election", 200, masterView(1, 2, 3, "FOLLOWER"));
        MASTER.answer("GET", "/rounds/latest", 404, "{\"status\":404,\"title\":\"Not Found\"}");
        MASTER_2.answer("GET", "/rounds/latest", 404, "{\"status\":404,\"title\":\"Not Found\"}");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode snapshot() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/snapshot");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode clock(JsonNode snapshot, String name) {
        for (JsonNode clock : snapshot.get("clocks")) {
            if (clock.get("name").asString().equals(name)) {
                return clock;
            }
        }
        throw new AssertionError("no clock " + name + " in " + snapshot);
    }

    @Test
    void theSnapshotShowsWhatEachServiceSaysAndMarksTheDeadDown() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode snapshot = snapshot();
            assertThat(snapshot.get("clocks").valueStream().map(clock -> clock.get("name").asString()))
                    .containsExactly("time-server", "mobile", "master", "master-2", "KMC", "MIT");
            assertThat(clock(snapshot, "master-2").get("role").asString()).isEqualTo("master");
            assertThat(clock(snapshot, "KMC").get("up").asBoolean()).isTrue();
            assertThat(clock(snapshot, "KMC").get("role").asString()).isEqualTo("slave");
            assertThat(clock(snapshot, "KMC").at("/reading/offsetNanos").asLong()).isEqualTo(3_000_000_000L);
            assertThat(clock(snapshot, "mobile").at("/lastSync/errorBoundNanos").asLong()).isEqualTo(40_000);
            assertThat(clock(snapshot, "MIT").get("up").asBoolean()).isFalse();
            assertThat(clock(snapshot, "MIT").get("error").asString()).contains("Connect");
            assertThat(snapshot.at("/round/up").asBoolean()).as("the masters answer 404 before the first round").isTrue();
            assertThat(snapshot.at("/round/latest").isNull()).isTrue();
            assertThat(snapshot.at("/election/coordinator").asInt()).isEqualTo(1);
            assertThat(snapshot.at("/election/nodes/1/status").asString()).isEqualTo("down");
            assertThat(snapshot.at("/election/lastElection/messages").asInt()).isEqualTo(2);
            JsonNode rows = snapshot.at("/chart/rows");
            assertThat(rows.size()).isPositive();
            JsonNode newest = rows.get(rows.size() - 1).get("offsetNanos");
            assertThat(newest.get(4).asLong()).isEqualTo(3_000_000_000L);
            assertThat(newest.get(5).isNull()).as("MIT, down, has no offset").isTrue();
        });
    }

    @Test
    void theSnapshotShowsWhichMasterLeadsInWhichTermAndEachMastersState() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode masters = snapshot().get("masters");
            assertThat(masters.get("leader").asString()).isEqualTo("master");
            assertThat(masters.get("term").asLong()).isEqualTo(3);
            assertThat(masters.get("elected").asBoolean()).isTrue();
            assertThat(masters.get("masters").valueStream()
                    .map(master -> master.get("name").asString() + " " + master.get("status").asString()))
                    .containsExactly("master leader", "master-2 standby");
            assertThat(masters.at("/masters/1/url").asString()).isEqualTo(MASTER_2.url());
            assertThat(masters.at("/masters/1/view/nodeId").asInt()).isEqualTo(1);
        });
    }

    @Test
    void theRoundIsReadFromWhicheverMasterAnswers() {
        MASTER.answer("GET", "/rounds/latest", 503, "{\"status\":503,\"title\":\"Service Unavailable\"}");
        MASTER_2.answer("GET", "/rounds/latest", 200, """
                {"round":12,"term":3,"leader":"master","trigger":"scheduled","startedAt":"2026-11-27T10:00:00Z",
                 "durationMillis":40,"toleranceNanos":1000000,"medianOffsetNanos":0,"averageOffsetNanos":-2000,
                 "spreadBeforeNanos":900000,"spreadAfterNanos":3000,"spreadAfterErrorNanos":1000,"unreachable":0,
                 "participants":[]}""");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode round = snapshot().get("round");
            assertThat(round.get("up").asBoolean()).isTrue();
            assertThat(round.get("name").asString()).as("the master that answered").isEqualTo("master-2");
            assertThat(round.at("/latest/round").asLong()).isEqualTo(12);
            assertThat(round.at("/latest/term").asLong()).isEqualTo(3);
            assertThat(round.at("/latest/leader").asString()).as("the master that ran it").isEqualTo("master");
        });
    }

    @Test
    void aMastersCrashAndRecoveryGoToThatMasterWithTheToken() throws Exception {
        MASTER_2.answer("POST", "/admin/crash", 200, masterView(1, 2, 3, "CRASHED"));
        MASTER_2.answer("POST", "/admin/recover", 200, masterView(1, 2, 3, "ELECTING"));
        long masterPostsBefore = posts(MASTER);

        HttpResponse<String> crashed = post("/api/actions/masters/master-2/crash");
        HttpResponse<String> recovered = post("/api/actions/masters/master-2/recover");

        assertThat(crashed.statusCode()).isEqualTo(200);
        JsonNode crash = JSON.readTree(crashed.body());
        assertThat(crash.get("action").asString()).isEqualTo("crash");
        assertThat(crash.get("target").asString()).isEqualTo("master-2");
        assertThat(crash.at("/answer/state").asString()).isEqualTo("CRASHED");
        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(recovered.body()).at("/answer/state").asString()).isEqualTo("ELECTING");
        assertThat(MASTER_2.requests()).contains(new FakeService.Request("POST /admin/crash", "Bearer " + TOKEN),
                new FakeService.Request("POST /admin/recover", "Bearer " + TOKEN));
        assertThat(posts(MASTER)).as("nothing went to the other master").isEqualTo(masterPostsBefore);
    }

    @Test
    void aMastersRefusalComesBackWithItsStatusAndDetail() throws Exception {
        MASTER.answer("POST", "/admin/recover", 409, "{\"status\":409,\"title\":\"Conflict\",\"detail\":\"not crashed\"}");

        HttpResponse<String> response = post("/api/actions/masters/master/recover");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(response.body()).get("detail").asString()).isEqualTo("master answered 409: not crashed");
    }

    @Test
    void aRoundGoesToTheLeadingMaster() throws Exception {
        MASTER.answer("GET", "/election", 200, masterView(2, 1, 4, "FOLLOWER"));
        MASTER_2.answer("GET", "/election", 200, masterView(1, 1, 4, "LEADER"));
        MASTER_2.answer("POST", "/rounds", 200, "{\"round\":13,\"term\":4,\"leader\":\"master-2\",\"participants\":[]}");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> "master-2".equals(snapshot().at("/masters/leader").asString()));
            long masterPostsBefore = posts(MASTER);

            HttpResponse<String> response = post("/api/actions/round");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).get("target").asString()).isEqualTo("master-2");
            assertThat(MASTER_2.requests()).contains(new FakeService.Request("POST /rounds", "Bearer " + TOKEN));
            assertThat(posts(MASTER)).isEqualTo(masterPostsBefore);
        } finally {
            // The other tests' rounds go to master again: wait until the dashboard has seen it lead.
            healthy();
            await().atMost(Duration.ofSeconds(20)).until(() -> "master".equals(snapshot().at("/masters/leader").asString()));
        }
    }

    private static long posts(FakeService service) {
        return service.requests().stream().filter(request -> request.line().startsWith("POST")).count();
    }

    @Test
    void theChartRowsAfterASequenceAreOnlyTheNewerOnes() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> snapshot().at("/chart/latest").asLong() >= 5);
        long after = snapshot().at("/chart/latest").asLong() - 2;

        JsonNode chart = JSON.readTree(get("/api/snapshot?after=" + after).body()).at("/chart");

        assertThat(chart.get("rows").valueStream().map(row -> row.get("sequence").asLong()).toList())
                .hasSizeGreaterThanOrEqualTo(2).allMatch(sequence -> sequence > after)
                .last().isEqualTo(chart.get("latest").asLong());
        assertThat(snapshot().at("/chart/rows").size()).as("after=0: every row kept").isGreaterThan(2);
        assertThat(get("/api/snapshot?after=-1").statusCode()).isEqualTo(400);
        assertThat(get("/api/snapshot?after=x").statusCode()).isEqualTo(400);
    }

    @Test
    void aHungServiceIsShownDownAndHoldsUpNothingElse() throws Exception {
        KMC.hang(true);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            long started = System.nanoTime();
            JsonNode snapshot = snapshot();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the snapshot never waits for a service")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(clock(snapshot, "KMC").get("up").asBoolean()).isFalse();
            assertThat(clock(snapshot, "KMC").get("error").asString()).containsIgnoringCase("timed out");
            assertThat(clock(snapshot, "KMC").at("/reading/offsetNanos").asLong()).as("the last good reading is kept")
                    .isEqualTo(3_000_000_000L);
            assertThat(clock(snapshot, "time-server").get("up").asBoolean()).isTrue();
        });
        long before = snapshot().at("/chart/latest").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> snapshot().at("/chart/latest").asLong() > before + 3);
    }

    @Test
    void aRoundClickRunsTheMastersRoundWithTheTokenAndAnswersWithIt() throws Exception {
        MASTER.answer("POST", "/rounds", 200, "{\"round\":7,\"participants\":[]}");
        double done = roundsDone();

        HttpResponse<String> response = post("/api/actions/round");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.get("action").asString()).isEqualTo("round");
        assertThat(result.get("target").asString()).isEqualTo("master");
        assertThat(result.at("/answer/round").asInt()).isEqualTo(7);
        assertThat(MASTER.requests()).contains(new FakeService.Request("POST /rounds", "Bearer " + TOKEN));
        assertThat(roundsDone()).isEqualTo(done + 1);
    }

    private double roundsDone() throws IOException, InterruptedException {
        Matcher counter = Pattern.compile("dashboard_actions_total\\{[^}]*action=\"round\"[^}]*outcome=\"done\"[^}]*} (\\S+)")
                .matcher(get("/actuator/prometheus").body());
        return counter.find() ? Double.parseDouble(counter.group(1)) : 0;
    }

    @Test
    void whichServicesAnswerIsAMetric() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("/actuator/prometheus").body())
                .containsPattern("dashboard_service_up\\{[^}]*read=\"/clock\"[^}]*service=\"MIT\"[^}]*} 0\\.0")
                .containsPattern("dashboard_service_up\\{[^}]*read=\"/clock\"[^}]*service=\"time-server\"[^}]*} 1\\.0")
                .containsPattern("dashboard_service_up\\{[^}]*read=\"/election\"[^}]*service=\"node-1\"[^}]*} 1\\.0")
                .containsPattern("dashboard_service_up\\{[^}]*read=\"/election\"[^}]*service=\"master-2\"[^}]*} 1\\.0")
                .containsPattern("dashboard_service_up\\{[^}]*read=\"/rounds/latest\"[^}]*service=\"master-2\"[^}]*} 1\\.0"));
    }

    @Test
    void theTokenNeverReachesTheBrowser() throws Exception {
        for (String path : List.of("/", "/index.html", "/dashboard.js", "/api/snapshot", "/v3/api-docs")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain(TOKEN);
        }
        MASTER.answer("POST", "/rounds", 200, "{\"round\":8,\"participants\":[]}");
        NODE_1.answer("POST", "/admin/crash", 403, "{\"status\":403,\"title\":\"Forbidden\",\"detail\":\"wrong token\"}");
        for (HttpResponse<String> answer : List.of(post("/api/actions/round"), post("/api/actions/nodes/1/crash"),
                post("/api/actions/nodes/2/crash"))) {
            assertThat(answer.body()).as("%s", answer.uri()).isNotBlank().doesNotContain(TOKEN);
            assertThat(answer.headers().map().toString()).as("%s", answer.uri()).doesNotContain(TOKEN);
        }
    }

    @Test
    void aSyncTooSoonKeepsTheClientsStatusAndRetryAfter() throws Exception {
        MOBILE.answer("POST", "/sync", 429, "{\"status\":429,\"title\":\"Too Many Requests\",\"detail\":\"one sync a second\"}");

        HttpResponse<String> response = post("/api/actions/clients/mobile/sync");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(response.body()).get("detail").asString()).isEqualTo("mobile answered 429: one sync a second");
    }

    @Test
    void anAnswerTheDashboardDidNotExpectIsABadGatewayNotTheServicesStatus() throws Exception {
        // No such endpoint on the service (a wrong URL in the dashboard's configuration, say): not "no such node".
        NODE_1.answer("POST", "/admin/recover", 404, "{\"status\":404,\"title\":\"Not Found\"}");

        HttpResponse<String> response = post("/api/actions/nodes/1/recover");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(response.body()).get("detail").asString()).isEqualTo("node-1 answered 404");
    }

    @Test
    void aRefusalComesBackWithTheServicesStatusAndDetail() throws Exception {
        NODE_1.answer("POST", "/admin/crash", 409, "{\"status\":409,\"title\":\"Conflict\",\"detail\":\"node 1 is already crashed\"}");

        HttpResponse<String> response = post("/api/actions/nodes/1/crash");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("detail").asString())
                .isEqualTo("node-1 answered 409: node 1 is already crashed");
    }

    @Test
    void aRefusedTokenOrAFailingServiceIsABadGateway() throws Exception {
        NODE_1.answer("POST", "/admin/recover", 403, "{\"status\":403,\"title\":\"Forbidden\",\"detail\":\"wrong token\"}");
        NODE_1.answer("POST", "/election", 503, "{\"status\":503,\"title\":\"Service Unavailable\",\"detail\":\"crashed\"}");

        HttpResponse<String> refused = post("/api/actions/nodes/1/recover");
        HttpResponse<String> failed = post("/api/actions/nodes/1/election?algorithm=ring");

        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(refused.body()).get("type").asString()).isEqualTo("urn:clocksync:problem:dashboard-refused");
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(failed.body()).get("detail").asString()).isEqualTo("node-1 answered 503: crashed");
        assertThat(NODE_1.requests()).contains(new FakeService.Request("POST /election?algorithm=ring", "Bearer " + TOKEN));
    }

    @Test
    void aServiceThatDoesNotAnswerIsABadGatewayWithinTheActionTimeout() throws Exception {
        HttpResponse<String> dead = post("/api/actions/nodes/2/crash");

        assertThat(dead.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(dead.body()).get("detail").asString())
                .startsWith("node-2 (" + DEAD + ") did not answer: ").contains("Connect");
    }

    @Test
    void badRequestsAreRefusedAndReachNoService() throws Exception {
        int before = NODE_1.requests().size();
        long masterPosts = posts(MASTER) + posts(MASTER_2);

        assertThat(post("/api/actions/nodes/9/crash").statusCode()).isEqualTo(404);
        assertThat(post("/api/actions/nodes/x/crash").statusCode()).isEqualTo(400);
        assertThat(post("/api/actions/nodes/1/election?algorithm=paxos").statusCode()).isEqualTo(400);
        assertThat(post("/api/actions/nodes/1/election").statusCode()).isEqualTo(400);
        assertThat(post("/api/actions/clients/laptop/sync").statusCode()).isEqualTo(404);
        assertThat(get("/api/actions/round").statusCode()).isEqualTo(405);
        HttpResponse<String> crossSite = post("/api/actions/nodes/1/crash", "Origin", "http://evil.example");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(crossSite.body()).get("type").asString()).isEqualTo("urn:clocksync:problem:cross-site");
        assertThat(post("/api/actions/nodes/1/crash", "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
        HttpResponse<String> noSuchMaster = post("/api/actions/masters/master-3/crash");
        assertThat(noSuchMaster.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(noSuchMaster.body()).get("type").asString()).isEqualTo("urn:clocksync:problem:no-such-master");
        assertThat(JSON.readTree(noSuchMaster.body()).get("detail").asString()).contains("[master, master-2]");
        assertThat(post("/api/actions/masters/master-2/crash", "Origin", "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(post("/api/actions/masters/master-2/recover", "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);

        assertThat(NODE_1.requests().stream().skip(before)).noneMatch(request -> request.line().startsWith("POST"));
        assertThat(posts(MASTER) + posts(MASTER_2)).as("no master was called").isEqualTo(masterPosts);
    }

    @Test
    void thePagesOwnOriginMayUseTheControls() throws Exception {
        NODE_1.answer("POST", "/election", 200, "{\"nodeId\":1,\"state\":\"ELECTING\",\"term\":4}");

        HttpResponse<String> response = post("/api/actions/nodes/1/election?algorithm=bully", "Origin", "http://127.0.0.1:" + port,
                "Sec-Fetch-Site", "same-origin");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void theApiDocumentIsTheOneTheCodeDescribes() throws Exception {
        ApiDocuments.check(port, ApiDocuments.MAIN);
    }
}
