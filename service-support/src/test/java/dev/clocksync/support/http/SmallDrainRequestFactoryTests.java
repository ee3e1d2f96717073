package dev.clocksync.support.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmallDrainRequestFactoryTests {

    private static final String LONG_BODY = "x".repeat(40_000);

    private HttpServer server;
    private ExecutorService handlers;
    private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
    private RestClient rest;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/long", exchange -> send(exchange, 200, LONG_BODY));
        server.createContext("/short", exchange -> send(exchange, 200, "{\"ok\":true}"));
        server.createContext("/missing", exchange -> send(exchange, 404, "{\"title\":\"Not Found\"}"));
        server.createContext("/hang", exchange -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(exchange, 200, "late");
        });
        handlers = Executors.newFixedThreadPool(4);
        server.setExecutor(handlers);
        server.start();
        rest = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .requestFactory(PeerClients.requestFactory(Duration.ofSeconds(1), Duration.ofMillis(300)))
                .build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private void send(HttpExchange exchange, int status, String body) throws IOException {
        clientPorts.add(exchange.getRemoteAddress().getPort());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Probe", "kept");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void peerClientsCloseResponsesThroughTheSmallDrain() {
        assertThat(PeerClients.requestFactory(Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(SmallDrainRequestFactory.class);
    }

    @Test
    void statusHeadersAndBodyAreTheWrappedResponsesOwn() {
        ResponseEntity<String> answer = rest.get().uri("/short").retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getFirst("X-Probe")).isEqualTo("kept");
        assertThat(answer.getBody()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void aBodyLeftUnreadIsDrainedSoTheConnectionIsUsedAgain() {
        for (int i = 0; i < 3; i++) {
            ResponseEntity<Void> answer = rest.get().uri("/long").retrieve().toBodilessEntity();
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        assertThat(rest.get().uri("/short").retrieve().body(String.class)).isEqualTo("{\"ok\":true}");

        assertThat(clientPorts).hasSize(4);
        assertThat(clientPorts).as("one kept-alive connection for every exchange").containsOnly(clientPorts.get(0));
    }

    @Test
    void errorAnswersKeepTheirBody() {
        assertThatThrownBy(() -> rest.get().uri("/missing").retrieve().body(String.class))
                .isInstanceOfSatisfying(HttpClientErrorException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(404);
                    assertThat(e.getResponseBodyAsString()).contains("Not Found");
                });
    }

    @Test
    void theReadTimeoutStillHolds() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> rest.get().uri("/hang").retrieve().body(String.class))
                .isInstanceOf(ResourceAccessException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void drainReadsToTheEndInSmallReads() throws IOException {
        byte[] body = new byte[10 * SmallDrainRequestFactory.BUFFER + 7];
        List<Integer> asked = new CopyOnWriteArrayList<>();
        InputStream stream = new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                asked.add(len);
                return super.read(b, off, len);
            }
        };

        assertThat(SmallDrainRequestFactory.drain(stream)).isEqualTo(body.length);
        assertThat(stream.read()).isEqualTo(-1);
        assertThat(asked).containsOnly(SmallDrainRequestFactory.BUFFER);
    }

    @Test
    void closeDrainsAndClosesTheBodyAndSwallowsItsErrorsAsSpringDoes() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream body = new ByteArrayInputStream(new byte[1_000]) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        ClientHttpResponse response = execute(new FakeResponse(body, false));
        response.close();
        assertThat(body.available()).isZero();
        assertThat(closed).isTrue();

        ClientHttpResponse broken = execute(new FakeResponse(null, true));
        broken.close();
        assertThat(broken.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private static ClientHttpResponse execute(ClientHttpResponse answer) throws IOException {
        SmallDrainRequestFactory factory = new SmallDrainRequestFactory((uri, method) -> new FakeRequest(uri, method, answer));
        ClientHttpRequest request = factory.createRequest(URI.create("http://127.0.0.1:1/x"), HttpMethod.GET);
        assertThat(request.getURI()).isEqualTo(URI.create("http://127.0.0.1:1/x"));
        assertThat(request.getMethod()).isEqualTo(HttpMethod.GET);
        return request.execute();
    }

    private record FakeRequest(URI uri, HttpMethod method, ClientHttpResponse answer) implements ClientHttpRequest {

        @Override
        public ClientHttpResponse execute() {
            return answer;
        }

        @Override
        public OutputStream getBody() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public HttpMethod getMethod() {
            return method;
        }

        @Override
        public URI getURI() {
            return uri;
        }

        @Override
        public Map<String, Object> getAttributes() {
            return Map.of();
        }

        @Override
        public HttpHeaders getHeaders() {
            return new HttpHeaders();
        }
    }

    private record FakeResponse(InputStream body, boolean broken) implements ClientHttpResponse {

        @Override
        public HttpStatusCode getStatusCode() {
            return HttpStatus.OK;
        }

        @Override
        public String getStatusText() {
            return "OK";
        }

        @Override
        public HttpHeaders getHeaders() {
            return new HttpHeaders();
        }

        @Override
        public InputStream getBody() throws IOException {
            if (broken) {
                throw new IOException("connection reset");
            }
            return body;
        }

        @Override
        public void close() {
            throw new AssertionError("the wrapped response is closed through its body, not drained by Spring");
        }
    }
}
