package dev.clocksync.timeclient.sync;

import dev.clocksync.apidocs.ApiDocuments;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.cristian.CristianSample;
import dev.clocksync.support.access.ClusterProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The client against a time server of the test's own that can be made to misbehave. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "clock.offset=-2s", "node.name=laptop",
        "cristian.interval=1h", "cristian.max-backoff=4h", "cristian.samples=4",
        "cristian.read-timeout=500ms", "cristian.max-age=3s"})
@AutoConfigureRestTestClient
class SyncTests {

    static final FakeTimeServer SERVER = new FakeTimeServer();

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

    @Autowired
    ClusterProperties cluster;

    @BeforeEach
    void goodServerThreeSecondsAhead() {
        SERVER.mode(FakeTimeServer.Mode.GOOD);
        SERVER.offset(Duration.ofSeconds(3));
    }

    private Map<String, Object> sync() {
        return http.post().uri("/sync").headers(cluster::authorize).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
    }

    /** @return the sequence number of the latest sync, 0 if none */
    private long syncsSoFar() {
        List<Map<String, Object>> latest = http.get().uri("/sync/history?limit=1").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody();
        return latest.isEmpty() ? 0 : ((Number) latest.get(0).get("sequence")).longValue();
    }

    @Autowired
    VirtualClock clock;

    @Test
    void theWarmUpsExchangeWithItsOwnClockMeasuresNoOffset(@LocalServerPort int port) {
        HttpTimeServer self = new HttpTimeServer(URI.create("http://127.0.0.1:" + port + "/clock"), Duration.ofSeconds(1),
                Duration.ofSeconds(1), clock);

        CristianSample sample = self.exchange();

        assertThat(sample.exchange().transmitNanos()).as("t2 from epochNanos").isGreaterThanOrEqualTo(sample.exchange().receiveNanos());
        // Its own clock against itself: no offset, within the bound (and the little a slew under way moves t1 and t2).
        assertThat(Math.abs(sample.exchange().offsetNanos())).as("its own clock, measured against itself")
                .isLessThanOrEqualTo(sample.exchange().errorBoundNanos() + sample.exchange().roundTripNanos());
    }

    @Test
    void aSyncOnDemandNeedsTheClusterTokenAndWithoutItNothingHappens() {
        long before = syncsSoFar();

        http.post().uri("/sync").exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:missing-token")
                .jsonPath("$.instance").isEqualTo("/sync");
        http.post().uri("/sync").headers(headers -> headers.setBearerAuth("not-the-cluster-token")).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:wrong-token");
        assertThat(syncsSoFar()).isEqualTo(before);

        sync();
        assertThat(syncsSoFar()).isEqualTo(before + 1);
    }

    private Map<String, Object> clock() {
        return http.get().uri("/clock").exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
    }

    private static long number(Map<String, Object> json, String field) {
        return ((Number) json.get(field)).longValue();
    }

    private Map<String, Object> settledClock() {
        await().atMost(Duration.ofSeconds(30)).until(() -> number(clock(), "pendingSlewNanos") == 0);
        return clock();
    }

    @Test
    void aSyncBringsTheClockOntoTheServersWithinTheErrorBound() {
        Map<String, Object> sync = sync();

        // After an earlier test's sync, a looser sample leaves the clock where that one put it (within what is known).
        assertThat(sync.get("status")).isIn("synchronized", "left_alone");
        assertThat(sync.get("trigger")).isEqualTo("manual");
        assertThat(number(sync, "samples")).isEqualTo(4);
        assertThat((List<?>) sync.get("burst")).hasSize(4);
        // The bound is the farther end of the burst's agreed range from the offset: within the selected sample's range,
        // so never more than its whole width (plus 100 ppm of drift over the burst).
        assertThat(number(sync, "errorBoundNanos")).isPositive()
                .isLessThanOrEqualTo(number(sync, "delayNanos") + 1 + 1_000);
        assertThat(number(sync, "syncs")).isBetween(1L, 32L);
        assertThat(sync.get("serverTime")).isNotNull();
        long residual = number(settledClock(), "offsetNanos") - Duration.ofSeconds(3).toNanos();
        assertThat(Math.abs(residual)).isLessThanOrEqualTo(
                number(sync, "synchronized".equals(sync.get("status")) ? "errorBoundNanos" : "knownWithinNanos"));
    }

    @Test
    void aSampleLooserThanWhatIsKnownOfTheClockLeavesItAloneAndSaysWhy() {
        SERVER.offset(Duration.ofMillis(2_500));
        assertThat(sync().get("status")).as("the server moved: taken, whatever its bound").isEqualTo("synchronized");
        Map<String, Object> settled = settledClock();
        long target = number(settled, "offsetNanos");
        double leftAloneBefore = leftAloneCount();

        // Every answer 300 ms late: an error bound of about 150 ms, where the clock was just put within a millisecond.
        SERVER.delayNextAnswers(4, Duration.ofMillis(300));
        Map<String, Object> sync = sync();

        assertThat(sync.get("status")).isEqualTo("left_alone");
        assertThat((String) sync.get("error")).contains("already known within", "left alone");
        assertThat(number(sync, "errorBoundNanos")).isGreaterThan(number(sync, "knownWithinNanos")).isGreaterThan(100_000_000L);
        assertThat(sync).doesNotContainKeys("adjustmentNanos", "steppedNanos");
        Map<String, Object> after = clock();
        assertThat(number(after, "offsetNanos") + number(after, "pendingSlewNanos")).as("not moved").isEqualTo(target);
        assertThat(leftAloneCount() - leftAloneBefore).isEqualTo(1.0);
        List<Map<String, Object>> latest = http.get().uri("/sync/history?limit=1").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).returnResult().getResponseBody();
        assertThat(latest.get(0)).containsEntry("status", "left_alone").containsEntry("sequence", sync.get("sequence"));
    }

    @SuppressWarnings("unchecked")
    private double leftAloneCount() {
        Map<String, Object> metric = http.get().uri("/actuator/metrics/cristian.syncs?tag=outcome:left_alone").exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        return ((Number) ((List<Map<String, Object>>) metric.get("measurements")).get(0).get("value")).doubleValue();
    }

    @Test
    void aServerBehindIsFollowedBySlewingNeverByRunningBackwards() {
        sync();
        SERVER.offset(Duration.ofMillis(1_500));
        long before = number(clock(), "epochNanos");

        Map<String, Object> sync = sync();

        assertThat(number(sync, "adjustmentNanos")).isNegative();
        assertThat(number(sync, "steppedNanos")).isZero();
        assertThat(number(sync, "pendingSlewNanos")).isNegative();
        assertThat(number(clock(), "epochNanos")).isGreaterThanOrEqualTo(before);
        long residual = number(settledClock(), "offsetNanos") - Duration.ofMillis(1_500).toNanos();
        assertThat(Math.abs(residual)).isLessThanOrEqualTo(number(sync, "errorBoundNanos"));
    }

    @Test
    void historyListsAttemptsNewestFirst() {
        long first = number(sync(), "sequence");
        long second = number(sync(), "sequence");

        List<Map<String, Object>> history = http.get().uri("/sync/history?limit=2").exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody();

        assertThat(history).extracting(entry -> number(entry, "sequence")).containsExactly(second, first);
        http.get().uri("/sync/history?limit=0").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/sync/history?limit=many").exchange().expectStatus().isBadRequest();
    }

    @Test
    void aRateLimitedSyncLeavesTheClockAloneAndBacksOffAtLeastAsLongAsAsked() {
        sync();
        long offset = number(settledClock(), "offsetNanos");
        SERVER.mode(FakeTimeServer.Mode.RATE_LIMITED);

        http.post().uri("/sync").headers(cluster::authorize).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "7")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:clocksync:problem:time-server-rate-limited")
                .jsonPath("$.nextSyncInMillis").value(next -> assertThat(((Number) next).longValue()).isGreaterThanOrEqualTo(7_000));

        assertThat(number(clock(), "offsetNanos")).isEqualTo(offset);
        http.get().uri("/sync/history?limit=1").exchange().expectBody().jsonPath("$[0].status").isEqualTo("rate_limited");
    }

    @Test
    void aHungServerCostsAtMostTheReadTimeoutAndLeavesTheClockAlone() {
        sync();
        long offset = number(settledClock(), "offsetNanos");
        SERVER.mode(FakeTimeServer.Mode.HANG);
        long start = System.nanoTime();

        http.post().uri("/sync").headers(cluster::authorize).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:time-server-unavailable");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(number(clock(), "offsetNanos")).isEqualTo(offset);
    }

    @Test
    void answersWithoutTimestampsOrWithInconsistentOnesAreRejected() {
        sync();
        long offset = number(settledClock(), "offsetNanos");
        for (FakeTimeServer.Mode bad : List.of(FakeTimeServer.Mode.EMPTY, FakeTimeServer.Mode.BROKEN, FakeTimeServer.Mode.BACKWARDS)) {
            SERVER.mode(bad);
            http.post().uri("/sync").headers(cluster::authorize).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(number(clock(), "offsetNanos")).as("after %s", bad).isEqualTo(offset);
        }
    }

    @Test
    void anOffsetBeyondThePanicThresholdIsNotBelieved() {
        sync();
        long offset = number(settledClock(), "offsetNanos");
        SERVER.offset(Duration.ofHours(2));

        http.post().uri("/sync").headers(cluster::authorize).exchange()
                .expectStatus().isEqualTo(502)
                .expectBody().jsonPath("$.type").isEqualTo("urn:clocksync:problem:implausible-offset");

        assertThat(number(clock(), "offsetNanos")).isEqualTo(offset);
    }

    @Test
    void healthIsUpWhileSynchronizedAndDownOnceTheLastGoodSyncIsTooOld() {
        sync();
        http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.components.cristian.details.synchronized").isEqualTo(true);

        SERVER.mode(FakeTimeServer.Mode.RATE_LIMITED);
        http.post().uri("/sync").headers(cluster::authorize).exchange().expectStatus().isEqualTo(503);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                http.get().uri("/actuator/health").exchange()
                        .expectStatus().isEqualTo(503)
                        .expectBody()
                        .jsonPath("$.components.cristian.status").isEqualTo("DOWN")
                        .jsonPath("$.components.cristian.details.lastError").value(error ->
                                assertThat((String) error).contains("rate-limited")));
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void metricsCountSyncsByOutcome() {
        sync();

        String prometheus = http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(prometheus)
                .contains("cristian_syncs_total{")
                .contains("outcome=\"synchronized\"")
                .contains("cristian_round_trip_seconds_count")
                .contains("cristian_error_bound_seconds")
                .contains("cristian_offset_seconds")
                .contains("clock_offset_seconds");
    }

    @Test
    void openApiDescribesTheSyncOperations() {
        http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/sync'].post.summary").isNotEmpty()
                .jsonPath("$.paths['/sync'].post.responses['503']").exists()
                .jsonPath("$.paths['/sync/history'].get.summary").isNotEmpty()
                .jsonPath("$.paths['/clock'].get.summary").isNotEmpty();
    }

    @Test
    void theApiDocumentIsTheOneTheCodeDescribes(@LocalServerPort int port) throws Exception {
        ApiDocuments.check(port, ApiDocuments.MAIN);
    }
}
