package dev.clocksync.support.problem;

import dev.clocksync.support.SupportTestApplication;
import dev.clocksync.support.access.ClusterProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = SupportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@Import(ProbeController.class)
class ProblemDetailsTests {

    @Autowired
    RestTestClient http;

    @Autowired
    ClusterProperties cluster;

    @LocalServerPort
    int port;

    private RestTestClient.ResponseSpec postOrder(String json) {
        return http.post().uri("/probe/orders").headers(cluster::authorize).contentType(MediaType.APPLICATION_JSON)
                .body(json).exchange();
    }

    @Test
    void aValidRequestWorks() {
        postOrder("{\"name\":\"KMC\",\"count\":3}").expectStatus().isOk();
    }

    @Test
    void malformedJsonIs400() {
        postOrder("{\"name\":").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(400).jsonPath("$.title").isEqualTo("Bad Request");
    }

    @Test
    void aWrongTypeIs400() {
        postOrder("{\"name\":\"KMC\",\"count\":\"three\"}").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        postOrder("[1,2]").expectStatus().isBadRequest();
        postOrder("{\"name\":\"KMC\",\"count\":1e400}").expectStatus().isBadRequest();
    }

    @Test
    void jsonIsTakenAsItIsTyped() {
        postOrder("{\"name\":\"KMC\",\"count\":3,\"colour\":\"red\"}").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        postOrder("{\"name\":\"KMC\",\"count\":\"3\"}").expectStatus().isBadRequest();
        postOrder("{\"name\":\"KMC\",\"count\":2.5}").expectStatus().isBadRequest();
        postOrder("{\"name\":12,\"count\":3}").expectStatus().isBadRequest();
        postOrder("{\"name\":true,\"count\":3}").expectStatus().isBadRequest();
    }

    @Test
    void aBodyOverTheLimitIs413BeforeItIsRead() {
        String large = "{\"name\":\"" + "x".repeat(20_000) + "\",\"count\":3}";
        postOrder(large).expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(413).jsonPath("$.detail").value(detail ->
                        assertThat((String) detail).contains("16384 bytes"));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413AndOneWithinItIsRead() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int size : new int[] {20_000, 100}) {
            String json = "{\"name\":\"" + "x".repeat(size) + "\",\"count\":3}";
            // a publisher of unknown length: the client sends the body chunked, without Content-Length
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/probe/orders"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + cluster.token())
                    .POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                    .build();
            java.net.http.HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%d characters, chunked", size).isEqualTo(size > 16_384 ? 413 : 200);
        }
    }

    @Test
    void anEmptyBodyIs400() {
        postOrder("").expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void invalidFieldsAre400AndNamed() {
        postOrder("{\"name\":\"\",\"count\":11}").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'name')]").exists()
                .jsonPath("$.errors[?(@.field == 'count')].message").isEqualTo("must be less than or equal to 10");
    }

    @Test
    void anInvalidQueryParameterIs400() {
        http.get().uri("/probe/count?n=0").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("n");
        http.get().uri("/probe/count?n=lots").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/probe/count").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aWrongContentTypeIs415() {
        http.post().uri("/probe/orders").headers(cluster::authorize).contentType(MediaType.TEXT_PLAIN).body("name=KMC").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theServicesSpeakJsonOnly() {
        // Jackson 2's YAML module is on the class path (springdoc brings it to the tests; any library could
        // bring it at run time); a YAML body used to be read by a second mapper without the strict
        // settings: unknown fields ignored, fractions truncated
        http.post().uri("/probe/orders").headers(cluster::authorize).contentType(MediaType.APPLICATION_YAML)
                .body("name: KMC\ncount: 3\nbogus: 1\n").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/probe/orders").headers(cluster::authorize).contentType(MediaType.APPLICATION_XML)
                .body("<order><name>KMC</name><count>3</count></order>").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        for (MediaType other : new MediaType[] {MediaType.APPLICATION_YAML, MediaType.APPLICATION_XML}) {
            http.get().uri("/probe/count?n=3").accept(other).exchange()
                    .expectStatus().isEqualTo(406)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        http.get().uri("/probe/count?n=3").accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isOk();
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() {
        http.get().uri("/probe/nothing-here").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.delete().uri("/probe/orders").headers(cluster::authorize).exchange().expectStatus().isEqualTo(405)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anUnexpectedErrorIs500AndSaysNothingOfItsCause() {
        // The log is read from java.util.logging itself: its console handler keeps the standard error of
        // when it was made, before output capture began for a context cached from an earlier test class.
        Records log = new Records();
        Logger.getLogger("").addHandler(log);
        String body;
        try {
            body = http.get().uri("/probe/boom").exchange()
                    .expectStatus().isEqualTo(500)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class).returnResult().getResponseBody();
        } finally {
            Logger.getLogger("").removeHandler(log);
        }

        assertThat(body).doesNotContain("secret").doesNotContain("IllegalState").contains("An unexpected error occurred.");
        assertThat(log.text()).as("the cause is logged").contains("secret internals");
    }

    /** Every record logged while it is attached, as the JDK's formatter prints them (stack traces included). */
    private static final class Records extends Handler {

        private final List<LogRecord> records = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        String text() {
            SimpleFormatter formatter = new SimpleFormatter();
            return records.stream().map(formatter::format).collect(Collectors.joining());
        }
    }

    @Test
    void errorsRaisedOutsideControllersAreProblemsToo() {
        http.get().uri("/probe/container-error").exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(413).jsonPath("$.instance").isEqualTo("/probe/container-error");
    }

    @Test
    void theClockIsThereWithItsSharedShapeAndTheTimeItsRequestArrived() {
        var clock = http.get().uri("/clock").exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().exists("Content-Length")
                .expectBody(new org.springframework.core.ParameterizedTypeReference<java.util.Map<String, Object>>() { })
                .returnResult().getResponseBody();
        assertThat(((Number) clock.get("receiveEpochNanos")).longValue())
                .isLessThanOrEqualTo(((Number) clock.get("epochNanos")).longValue());
        http.get().uri("/clock").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.node").isEqualTo("support-test")
                .jsonPath("$.offsetNanos").isEqualTo(-250_000_000)
                .jsonPath("$.pendingSlewNanos").isEqualTo(0)
                .jsonPath("$.driftPpm").isEqualTo(0.0);
    }
}
