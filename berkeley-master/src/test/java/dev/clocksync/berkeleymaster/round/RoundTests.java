package dev.clocksync.berkeleymaster.round;

import dev.clocksync.apidocs.ApiDocuments;
import dev.clocksync.support.access.ClusterProperties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The master's rounds against slaves of the test's own, on the host's clocks like the master's. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "berkeley.scheduled=false", "berkeley.samples=3", "berkeley.initial-samples=12", "berkeley.tolerance=10s", "berkeley.read-timeout=500ms",
        "clock.max-slew-rate-ppm=900000"})
@AutoConfigureRestTestClient
class RoundTests {

    private static final long S = 1_000_000_000L;

    @Autowired
    RestTestClient http;

    @Autowired
    ClusterProperties cluster;

    private final List<FakeSlave> fakes = new ArrayList<>();
    private final List<String> registered = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        registered.forEach(name -> http.delete().uri("/slaves/" + name).headers(cluster::authorize).exchange());
        fakes.forEach(FakeSlave::close);
    }

    private FakeSlave slave(String name, Duration offset) {
        FakeSlave fake = new FakeSlave(offset);
        fakes.add(fake);
        register(name, fake.url());
        return fake;
    }

    private void register(String name, String url) {
        http.post().uri("/slaves").headers(cluster::authorize).contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"" + name + "\",\"url\":\"" + url + "\"}").exchange().expectStatus().is2xxSuccessful();
        registered.add(name);
    }

    private Map<String, Object> round() {
        return http.post().uri("/rounds").headers(cluster::authorize).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> participant(Map<String, Object> round, String name) {
        return ((List<Map<String, Object>>) round.get("participants")).stream()
                .filter(p -> name.equals(p.get("name"))).findFirst().orElseThrow();
    }

    private static long number(Map<String, Object> json, String field) {
        return ((Number) json.get(field)).longValue();
    }

    private long masterTargetOffset() {
        Map<String, Object> clock = http.get().uri("/clock").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        return number(clock, "offsetNanos") + number(clock, "pendingSlewNanos");
    }

    @Test
    void theGoodClocksMeetAtTheirAverageAndTheBrokenOneIsLeftOutButToldToAdjust() {
        long master = masterTargetOffset();
        FakeSlave kmc = slave("KMC", Duration.ofMillis(3_000).plusNanos(master));
        FakeSlave mit = slave("MIT", Duration.ofMillis(-2_000).plusNanos(master));
        FakeSlave tapmi = slave("TAPMI", Duration.ofMillis(500).plusNanos(master));
        FakeSlave sols = slave("SOLS", Duration.ofMillis(-4_000).plusNanos(master));
        FakeSlave broken = slave("BROKEN", Duration.ofHours(1).plusNanos(master));

        Map<String, Object> round = round();

        assertThat(number(round, "averageOffsetNanos")).isCloseTo(-S / 2, org.assertj.core.data.Offset.offset(50_000_000L));
        assertThat(number(round, "unreachable")).isZero();
        Map<String, Object> out = participant(round, "BROKEN");
        assertThat(out.get("included")).isEqualTo(false);
        assertThat((String) out.get("reason")).contains("beyond the tolerance");
        assertThat(out.get("status")).isEqualTo("adjusted");
        assertThat(broken.adjustments()).singleElement().satisfies(a -> assertThat(a).isLessThan(-3_600 * S));
        long masterAfter = masterTargetOffset();
        for (String name : List.of("KMC", "MIT", "TAPMI", "SOLS")) {
            Map<String, Object> p = participant(round, name);
            assertThat(p.get("included")).as(name).isEqualTo(true);
            assertThat(p.get("status")).as(name).isEqualTo("adjusted");
        }
        for (var entry : Map.of("KMC", kmc, "MIT", mit, "TAPMI", tapmi, "SOLS", sols).entrySet()) {
            long bound = number(participant(round, entry.getKey()), "errorBoundNanos");
            assertThat(Math.abs(entry.getValue().targetOffsetNanos() - masterAfter)).as(entry.getKey()).isLessThanOrEqualTo(bound);
        }
        assertThat(number(round, "spreadBeforeNanos")).isGreaterThan(6 * S);
        assertThat(number(round, "spreadAfterNanos")).isLessThan(50_000_000L);
    }

    @Test
    void adjustmentsCarryTheClusterTokenAndARoundOnDemandNeedsIt() {
        FakeSlave kmc = slave("KMC", Duration.ofSeconds(1));
        round();
        assertThat(kmc.authorizations()).singleElement().isEqualTo("Bearer " + cluster.token());

        http.post().uri("/rounds").exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:missing-token");
        http.post().uri("/rounds").headers(headers -> headers.setBearerAuth("not-the-cluster-token")).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:wrong-token");
        assertThat(kmc.adjustments()).as("no round ran without the token").hasSize(1);
        http.get().uri("/rounds/latest").exchange().expectStatus().isOk();
        http.get().uri("/rounds").exchange().expectStatus().isOk();
    }

    @Test
    void anUnreachableSlaveIsReportedAndTheRoundGoesOn() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        register("GHOST", "http://127.0.0.1:" + closed);
        FakeSlave kmc = slave("KMC", Duration.ofSeconds(1));

        Map<String, Object> round = round();

        assertThat(number(round, "unreachable")).isEqualTo(1);
        assertThat(participant(round, "GHOST").get("status")).isEqualTo("unreachable");
        assertThat(participant(round, "KMC").get("status")).isEqualTo("adjusted");
        assertThat(kmc.adjustments()).hasSize(1);
    }

    @Test
    void aSlaveSlowForAWholeBurstIsReadOnceMoreAndTheFastReadingKept() {
        FakeSlave kmc = slave("KMC", Duration.ofSeconds(1));
        // Measured once, so that the master knows its usual delay: a first contact whose read timed out on a
        // busy machine leaves it unknown, and the next round would take the initial burst instead.
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> "adjusted".equals(participant(round(), "KMC").get("status")));
        int before = kmc.reads();
        kmc.slowDownNextReads(3, Duration.ofMillis(300));

        Map<String, Object> round = round();

        assertThat(kmc.reads() - before).as("two bursts of berkeley.samples (3) reads, and one to verify").isEqualTo(7);
        assertThat(number(participant(round, "KMC"), "roundTripNanos")).isLessThan(Duration.ofMillis(300).toNanos());
    }

    @Test
    void aSlaveMeasuredMoreLooselyThanItsClockIsKnownIsLeftAloneAndOutOfTheAverage() {
        FakeSlave kmc = slave("KMC", Duration.ofSeconds(1));
        FakeSlave mit = slave("MIT", Duration.ofSeconds(-1));
        round();
        assertThat(kmc.adjustments()).hasSize(1);
        double leftAloneBefore = leftAloneCount();

        // Every read of both bursts answered 300 ms late: an error bound of about 150 ms, where KMC was sent within a
        // millisecond or so a moment ago.
        kmc.slowDownNextReads(6, Duration.ofMillis(300));
        Map<String, Object> round = round();

        Map<String, Object> alone = participant(round, "KMC");
        assertThat(alone.get("status")).isEqualTo("left alone");
        assertThat(alone.get("included")).isEqualTo(false);
        assertThat((String) alone.get("reason")).contains("already known within", "left alone");
        assertThat(alone).doesNotContainKey("adjustmentNanos");
        assertThat(number(alone, "errorBoundNanos")).isGreaterThan(100_000_000L);
        assertThat(kmc.adjustments()).as("nothing sent").hasSize(1);
        assertThat(participant(round, "MIT").get("status")).isEqualTo("adjusted");
        assertThat(mit.adjustments()).hasSize(2);
        assertThat(leftAloneCount() - leftAloneBefore).isEqualTo(1.0);

        // Quick again: adjusted again.
        assertThat(participant(round(), "KMC").get("status")).isEqualTo("adjusted");
    }

    @SuppressWarnings("unchecked")
    private double leftAloneCount() {
        Map<String, Object> metric = http.get().uri("/actuator/metrics/berkeley.slaves.left.alone").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        return ((Number) ((List<Map<String, Object>>) metric.get("measurements")).get(0).get("value")).doubleValue();
    }

    @Test
    void aSlaveNotMeasuredBeforeIsReadWithTheInitialBurst() {
        FakeSlave kmc = slave("KMC", Duration.ofSeconds(1));

        int before = kmc.reads();
        round();
        assertThat(kmc.reads() - before).as("first contact: berkeley.initial-samples (12) reads, and one to verify").isEqualTo(13);

        before = kmc.reads();
        Object status = participant(round(), "KMC").get("status");
        // a burst of berkeley.samples (3), a second one if its best reading took twice the first round's (timing,
        // on a busy machine), and one to verify, unless the reading was looser than the first round's and KMC left alone
        assertThat(status).isIn("adjusted", "left alone");
        assertThat(kmc.reads() - before).as("known: berkeley.samples (3) reads, maybe 3 more, and one to verify if adjusted")
                .isIn("adjusted".equals(status) ? List.of(4, 7) : List.of(3, 6));

        int hungBefore = kmc.reads();
        kmc.mode(FakeSlave.Mode.HANG);
        assertThat(participant(round(), "KMC").get("status")).isEqualTo("unreachable");
        kmc.mode(FakeSlave.Mode.GOOD);
        // the hung read is counted when its handler wakes up, after the master gave up on it
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> kmc.reads() == hungBefore + 1);
        before = kmc.reads();
        Map<String, Object> round = round();
        assertThat(participant(round, "KMC").get("status")).isEqualTo("adjusted");
        assertThat(kmc.reads() - before).as("back after failing: the initial burst again").isEqualTo(13);
    }

    @Test
    void aHungSlaveCostsTheRoundAtMostItsReadTimeout() {
        FakeSlave hung = slave("HUNG", Duration.ZERO);
        hung.mode(FakeSlave.Mode.HANG);
        slave("KMC", Duration.ofSeconds(1));
        long start = System.nanoTime();

        Map<String, Object> round = round();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_900));
        assertThat(participant(round, "HUNG").get("status")).isEqualTo("unreachable");
        assertThat(participant(round, "KMC").get("status")).isEqualTo("adjusted");
    }

    @Test
    void aSlaveRefusingItsAdjustmentIsReportedRejected() {
        slave("STUBBORN", Duration.ofSeconds(2)).mode(FakeSlave.Mode.REJECT);

        Map<String, Object> round = round();

        assertThat(participant(round, "STUBBORN").get("status")).isEqualTo("rejected");
        assertThat((String) participant(round, "STUBBORN").get("detail")).contains("422");
    }

    @Test
    void theSpreadAfterComesWithItsUncertaintyAndTheTruthLiesWithinIt() {
        long master = masterTargetOffset();
        Map<String, FakeSlave> slaves = Map.of(
                "KMC", slave("KMC", Duration.ofMillis(3_000).plusNanos(master)),
                "MIT", slave("MIT", Duration.ofMillis(-2_000).plusNanos(master)),
                "SOLS", slave("SOLS", Duration.ofMillis(-4_000).plusNanos(master)));

        Map<String, Object> round = round();

        long masterAfter = masterTargetOffset();
        long largestBound = 0;
        List<Long> truths = new ArrayList<>(List.of(0L));
        for (var entry : slaves.entrySet()) {
            Map<String, Object> p = participant(round, entry.getKey());
            long truth = entry.getValue().targetOffsetNanos() - masterAfter;
            long bound = number(p, "verifiedErrorBoundNanos");
            assertThat(bound).as(entry.getKey()).isPositive();
            assertThat(Math.abs(number(p, "verifiedOffsetNanos") - truth)).as(entry.getKey()).isLessThanOrEqualTo(bound);
            largestBound = Math.max(largestBound, bound);
            truths.add(truth);
        }
        long trueSpread = truths.stream().mapToLong(Long::longValue).max().orElseThrow()
                - truths.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(number(round, "spreadAfterErrorNanos")).isEqualTo(2 * largestBound);
        assertThat(Math.abs(number(round, "spreadAfterNanos") - trueSpread)).isLessThanOrEqualTo(number(round, "spreadAfterErrorNanos"));
        assertThat(number(participant(round, "master"), "verifiedErrorBoundNanos")).isZero();
    }

    @Test
    void aSlaveFailingItsAdjustmentIsReportedWithItsStatusAndDetail() {
        slave("BROKEN", Duration.ofSeconds(2)).mode(FakeSlave.Mode.FAIL);

        Map<String, Object> round = round();

        assertThat(participant(round, "BROKEN").get("status")).isEqualTo("failed");
        assertThat(participant(round, "BROKEN").get("detail"))
                .isEqualTo("the slave answered 500 to the adjustment: An unexpected error occurred.");
    }

    @Test
    void roundsAreKeptNewestFirst() {
        slave("KMC", Duration.ZERO);
        long first = number(round(), "round");
        long second = number(round(), "round");

        List<Map<String, Object>> history = http.get().uri("/rounds?limit=2").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).returnResult().getResponseBody();

        assertThat(history).extracting(r -> number(r, "round")).containsExactly(second, first);
        http.get().uri("/rounds/latest").exchange().expectStatus().isOk().expectBody().jsonPath("$.round").isEqualTo(second);
        http.get().uri("/rounds/" + first).exchange().expectStatus().isOk().expectBody().jsonPath("$.round").isEqualTo(first);
        http.get().uri("/rounds/999999").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/rounds/0").exchange().expectStatus().isBadRequest();
        http.get().uri("/rounds/latest-but-one").exchange().expectStatus().isBadRequest();
        http.get().uri("/rounds?limit=0").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void metricsAndOpenApi() {
        slave("KMC", Duration.ZERO);
        round();

        String prometheus = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(prometheus).contains("berkeley_round_duration_seconds_count{").contains("berkeley_spread_before_seconds{")
                .contains("berkeley_spread_after_seconds{").contains("berkeley_slaves_unreachable_total{")
                .contains("berkeley_slaves_registered{")
                .as("calls to slaves are measured by the round, not one observation each")
                .doesNotContain("http_client_requests_seconds_count{");
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.paths['/rounds'].post.summary").isNotEmpty()
                .jsonPath("$.paths['/rounds/latest'].get.summary").isNotEmpty()
                .jsonPath("$.paths['/slaves'].post.responses['201']").exists()
                .jsonPath("$.paths['/slaves/{name}'].delete.summary").isNotEmpty();
        http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components.berkeley.details.lastRound").isNumber();
    }

    @Test
    void aMasterWithoutElectionPeersIsNotElectedAndLeadsAloneInTermZero() {
        http.get().uri("/election").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:not-elected");
        http.post().uri("/admin/crash").headers(cluster::authorize).exchange().expectStatus().isNotFound();
        slave("KMC", Duration.ofMillis(100));

        Map<String, Object> round = round();

        assertThat(number(round, "term")).isZero();
        assertThat(round.get("leader")).isEqualTo("master");
        assertThat(participant(round, "master").get("included")).as("a master alone always votes").isEqualTo(true);
        http.get().uri("/rounds/latest").exchange().expectStatus().isOk().expectHeader().valueEquals("Served-By", "master");
    }

    @Test
    void theApiDocumentIsTheOneTheCodeDescribes(@LocalServerPort int port) throws Exception {
        ApiDocuments.check(port, ApiDocuments.MAIN);
    }
}
