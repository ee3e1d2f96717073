package dev.clocksync.systemtest;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/health, the containers' health check (docker-compose.yml), against a stand-in for a service: healthy
 * only on a 200 from the path it is given; a check of a starting container waits for the service and passes
 * once it answers 200, and gives up after its wait; a later check asks once.
 */
class HealthCheckScriptTests {

    private static final Path SCRIPT = Path.of(System.getProperty("clocksync.root", ".."))
            .toAbsolutePath().normalize().resolve("bin/health");

    private HttpServer server;
    private final AtomicInteger healthStatus = new AtomicInteger(200);
    private final AtomicInteger healthAsked = new AtomicInteger();

    @BeforeEach
    void startAStandInService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/health", exchange -> {
            boolean readiness = exchange.getRequestURI().getPath().equals("/actuator/health/readiness");
            if (!readiness) {
                healthAsked.incrementAndGet();
            }
            int status = readiness ? 200 : healthStatus.get();
            byte[] body = ("{\"status\":\"" + (status == 200 ? "UP" : "DOWN") + "\"}").getBytes();
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopIt() {
        server.stop(0);
    }

    /** Runs the script as a check of a container that is past its start (it asks once) or in it. */
    private Tools.Result check(boolean starting, int waitSeconds, String path) {
        return check(server.getAddress().getPort(), starting, waitSeconds, path);
    }

    private static Tools.Result check(int port, boolean starting, int waitSeconds, String path) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SERVER_PORT", String.valueOf(port));
        environment.put("HEALTH_CHECK_PATH", path);
        environment.put("HEALTH_CHECK_START_WINDOW", starting ? "1000000000" : "0");
        environment.put("HEALTH_CHECK_WAIT", String.valueOf(waitSeconds));
        return Tools.run(30, List.of("bash", SCRIPT.toString()), environment);
    }

    @Test
    void aServiceIsHealthyOnlyWhenItsHealthAnswers200() {
        assertThat(check(false, 5, null).exitCode()).as("UP").isZero();
        healthStatus.set(503);
        long before = System.nanoTime();
        assertThat(check(false, 5, null).exitCode()).as("DOWN").isEqualTo(1);
        assertThat((System.nanoTime() - before) / 1_000_000).as("a check past the start asks once, ms").isLessThan(4_000);
        assertThat(healthAsked).hasValue(2);
        assertThat(check(false, 5, "/actuator/health/readiness").exitCode()).as("the path it is given").isZero();
    }

    @Test
    void nothingListeningIsUnhealthy() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Tools.Result result = check(closed, false, 5, null);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).as("no noise in Docker's health log").isEmpty();
    }

    @Test
    void aStartingContainersCheckWaitsForTheServiceThenPasses() throws InterruptedException {
        healthStatus.set(503);
        Thread becomesHealthy = new Thread(() -> {
            try {
                Thread.sleep(1_500);
            } catch (InterruptedException e) {
                return;
            }
            healthStatus.set(200);
        });
        becomesHealthy.start();
        long before = System.nanoTime();
        Tools.Result result = check(true, 20, null);
        long tookMillis = (System.nanoTime() - before) / 1_000_000;
        becomesHealthy.join();
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(tookMillis).as("passes within half a second of the service's being healthy, ms").isBetween(1_500L, 6_000L);
        assertThat(healthAsked.get()).as("asked about twice a second meanwhile").isBetween(3, 12);
    }

    @Test
    void aStartingContainersCheckGivesUpAfterItsWait() {
        healthStatus.set(503);
        long before = System.nanoTime();
        Tools.Result result = check(true, 2, null);
        long tookMillis = (System.nanoTime() - before) / 1_000_000;
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(tookMillis).as("gives up after its wait, ms").isBetween(1_000L, 8_000L);
    }
}
