package dev.clocksync.support.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.clocksync.clock.ClockSettings;
import dev.clocksync.clock.TimeSource;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.cristian.CristianSample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimedGetTests {

    /** What the test server's clock is ahead of the client's, as its answers say. */
    private static final long AHEAD = 5_000_000_000L;

    private final VirtualClock clock = new VirtualClock(TimeSource.system(), ClockSettings.defaults());
    private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private HttpServer server;
    private ExecutorService handlers;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/clock", exchange -> {
            long t1 = clock.epochNanos() + AHEAD;
            send(exchange, 200, "{\"receiveEpochNanos\":" + t1 + ",\"epochNanos\":" + (clock.epochNanos() + AHEAD) + ",\"extra\":1}", null);
        });
        server.createContext("/busy", exchange -> send(exchange, 429, "{\"title\":\"Too Many Requests\"}", "7"));
        server.createContext("/text", exchange -> send(exchange, 200, "not json", null));
        server.createContext("/hang", exchange -> {
            try {
                released.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(exchange, 200, "{}", null);
        });
        handlers = Executors.newFixedThreadPool(4);
        server.setExecutor(handlers);
        server.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private void send(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        clientPorts.add(exchange.getRemoteAddress().getPort());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private TimedGet get(String path, Duration readTimeout) {
        return new TimedGet(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path), Duration.ofSeconds(1), readTimeout, clock);
    }

    record Reading(Long receiveEpochNanos, Long epochNanos) {
    }

    @Test
    void anAnswerIsTimedAroundTheServersTimestampsAndReadAsJson() throws Exception {
        TimedGet.Timed<Reading> answer = get("/clock", Duration.ofSeconds(1)).exchange(Reading.class);

        CristianSample sample = answer.timer().sample(answer.body().receiveEpochNanos(), answer.body().epochNanos());
        assertThat(sample.exchange().originNanos()).isLessThanOrEqualTo(sample.exchange().receiveNanos() - AHEAD);
        assertThat(sample.exchange().destinationNanos()).isGreaterThanOrEqualTo(sample.exchange().transmitNanos() - AHEAD);
        // The server's clock is its reader's plus AHEAD, read within the exchange: the offset is within the bound.
        assertThat(Math.abs(sample.correctionNanos() - AHEAD)).isLessThanOrEqualTo(sample.exchange().errorBoundNanos() + 1);
    }

    @Test
    void exchangesOneAfterAnotherKeepTheirConnectionEvenAfterAnError() throws Exception {
        TimedGet clockRead = get("/clock", Duration.ofSeconds(1));
        clockRead.exchange(Reading.class);
        assertThatThrownBy(() -> get("/busy", Duration.ofSeconds(1)).exchange(Reading.class))
                .isInstanceOfSatisfying(TimedGet.StatusException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).isEqualTo("7");
                });
        clockRead.exchange(Reading.class);

        assertThat(clientPorts).hasSize(3);
        assertThat(clientPorts).containsOnly(clientPorts.get(0));
    }

    @Test
    void anAnswerThatIsNotJsonIsAJacksonError() {
        assertThatThrownBy(() -> get("/text", Duration.ofSeconds(1)).exchange(Reading.class)).isInstanceOf(JacksonException.class);
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsAnIoErrorAfterTheReadTimeout() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> get("/hang", Duration.ofMillis(200)).exchange(Reading.class)).isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aPortNobodyListensOnIsAnIoError() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        TimedGet nobody = new TimedGet(URI.create("http://127.0.0.1:" + closed + "/clock"), Duration.ofMillis(300), Duration.ofMillis(300), clock);
        assertThatThrownBy(() -> nobody.exchange(Reading.class)).isInstanceOf(IOException.class);
    }

    @Test
    void onlyHttpUrlsAreTaken() {
        assertThatThrownBy(() -> new TimedGet(URI.create("ftp://127.0.0.1/clock"), Duration.ofSeconds(1), Duration.ofSeconds(1), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ftp://127.0.0.1/clock");
        assertThatThrownBy(() -> new TimedGet(URI.create("/clock"), Duration.ofSeconds(1), Duration.ofSeconds(1), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
