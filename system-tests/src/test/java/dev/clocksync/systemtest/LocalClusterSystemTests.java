package dev.clocksync.systemtest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole system as the README runs it: {@code ./cluster up}, then every curl example of the README as
 * printed (with {@code CLUSTER_TOKEN} set to the token {@code ./cluster up} wrote, as the README tells its
 * reader to), then {@code ./cluster demo}, then the dashboard and each kind of service's Swagger UI in a
 * real headless Chromium; and {@code ./cluster down} must leave none of the processes it started behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterSystemTests {

    private static final Path ROOT = ReadmeExamplesTests.ROOT;
    /** The cluster's fixed ports, which ./cluster and docker-compose.yml both publish. */
    static final List<Integer> PORTS = List.of(8000, 8011, 8021, 8022, 8080, 8081, 8082, 8083, 8084, 8090, 8101,
            8102, 8103, 8104, 8105);
    private static final Path STATE = ROOT.resolve("system-tests/target/readme-cluster");
    private static final Path LOGS = ROOT.resolve("system-tests/target/readme-examples");
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private static String token;
    /** Whether this run started the cluster: only then does it stop it (pid files of an earlier run are not ours). */
    private static boolean started;

    static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    record Result(int exitCode, String output) {
    }

    /** Runs the command with the cluster's state in {@link #STATE}, and with CLUSTER_TOKEN set to {@code token} or unset. */
    private static Result run(Path log, String token, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("CLUSTER_STATE", STATE.toString());
        if (token == null) {
            builder.environment().remove("CLUSTER_TOKEN");
        } else {
            builder.environment().put("CLUSTER_TOKEN", token);
        }
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish; see " + log);
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** @return the pids ./cluster up recorded */
    private static List<Long> startedPids() throws IOException {
        Path pids = STATE.resolve("pids");
        if (!Files.isDirectory(pids)) {
            return List.of();
        }
        List<Long> started = new ArrayList<>();
        try (var files = Files.list(pids)) {
            for (Path file : files.filter(file -> file.toString().endsWith(".pid")).toList()) {
                try {
                    started.add(Long.parseLong(Files.readString(file).trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("unreadable pid file " + file, e);
                }
            }
        }
        return started;
    }

    @BeforeAll
    static void up() throws Exception {
        assumeTrue(PORTS.stream().allMatch(LocalClusterSystemTests::free),
                "one of the README's ports " + PORTS + " is taken (is ./cluster up running?); not running the cluster");
        Files.createDirectories(LOGS);
        started = true;
        Result up = run(LOGS.resolve("cluster-up.log"), null, "./cluster", "up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("export CLUSTER_TOKEN=").contains("http://localhost:8000/");
        Path tokenFile = STATE.resolve("token");
        assertThat(Files.getPosixFilePermissions(tokenFile)).as("permissions of the token file")
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        token = Files.readString(tokenFile).trim();
        assertThat(token).matches("[0-9a-f]{64}");
    }

    @AfterAll
    static void down() throws Exception {
        if (!started) {
            return;
        }
        List<Long> started = startedPids();
        Result down = run(LOGS.resolve("cluster-down.log"), null, "./cluster", "down");
        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(started).as("processes ./cluster up started").isNotEmpty()
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                        .as("process %d after ./cluster down", pid).isEmpty());
    }

    @Test
    @Order(1)
    void everyCurlExampleWorksAsPrinted() throws Exception {
        List<ReadmeExamplesTests.Example> examples = ReadmeExamplesTests.examples(Files.readAllLines(ROOT.resolve("README.md")));
        int i = 0;
        for (ReadmeExamplesTests.Example example : examples) {
            Result result = run(LOGS.resolve("example-" + ++i + ".log"), token, "bash", "-o", "pipefail", "-c",
                    example.command());
            assertThat(result.exitCode()).as("%s%n%s", example.command(), result.output()).isZero();
            assertThat(result.output()).as(example.command()).isNotBlank();
            Matcher status = ReadmeExamplesTests.STATUS.matcher(result.output());
            if (example.expectedStatus() != null) {
                assertThat(status.find() ? Integer.valueOf(status.group(1)) : null)
                        .as("%s%n%s", example.command(), result.output()).isEqualTo(example.expectedStatus());
            } else if (result.output().startsWith("{\"") && result.output().contains("\"title\":")) {
                assertThat(status.find()).as("%s answered a problem: %s", example.command(), result.output()).isFalse();
            }
        }
    }

    @Test
    @Order(2)
    void theDemoPlaysEveryScenario() throws Exception {
        Result demo = run(LOGS.resolve("cluster-demo.log"), null, "./cluster", "demo");
        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("Every scenario ended as the algorithms say it must.")
                .contains("the four others name node 4").contains("every node names node 5");
    }

    @Test
    @Order(3)
    void theDashboardShowsTheClusterLiveAndItsButtonsWork() throws Exception {
        Tools.require("chromium", "the dashboard in a browser");
        Tools.require("chromedriver", "the dashboard in a browser");
        Path screenshots = Files.createDirectories(ROOT.resolve("system-tests/target/dashboard"));
        try (DashboardPage page = DashboardPage.open("http://127.0.0.1:8000/", LOGS.resolve("chromedriver.log"))) {
            // Nine clocks, every one up; two masters, 8080 leading; five nodes, and a coordinator every live node agrees on.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                page.assertShowsTheWholeClusterLive();
                assertThat(page.coordinatorText()).contains("every live node agrees");
                assertThat(page.leaderCard()).isEqualTo(5);
                assertThat(page.chartSeries()).isEqualTo(9);
            });
            page.screenshot(screenshots.resolve("dashboard.png"));

            // A round on click: the master answers with its round, and the table shows it (or a later one).
            long before = page.roundNumber();
            page.click("#run-round");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(page.log()).anyMatch(line -> line.matches(".*✓ Berkeley round: round #\\d+, 5 clocks.*")));
            long clicked = page.loggedRound();
            assertThat(clicked).isGreaterThan(before);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(page.roundNumber()).isGreaterThanOrEqualTo(clicked);
                assertThat(page.roundRows()).hasSize(5);
            });

            // Crash the leading master: the other takes over and runs the rounds; recovered, 8080 leads again.
            page.click("#masters .master[data-master='master'] button[data-action='crash-master']");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(page.masterStatus("master")).isEqualTo("crashed");
                assertThat(page.masterStatus("master-2")).isEqualTo("leader");
                assertThat(page.leadingMaster()).startsWith("♛ leading master: master-2, term ");
                assertThat(page.text("#round-summary")).contains("by master-2");
            });
            page.screenshot(screenshots.resolve("dashboard-master-crashed.png"));
            page.click("#masters .master[data-master='master'] button[data-action='recover-master']");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(page.masterStatuses()).containsExactly("leader", "standby"));

            // Crash the coordinator: the page greys it and crowns another within seconds.
            page.click(".node[data-node-id='5'] button[data-action='crash']");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(page.nodeStatus(5)).isEqualTo("crashed");
                assertThat(page.coordinator()).isEqualTo(4);
                assertThat(page.leaderCard()).isEqualTo(4);
            });
            page.screenshot(screenshots.resolve("dashboard-node-5-crashed.png"));

            // Recover it: Bully gives it the crown back.
            page.click(".node[data-node-id='5'] button[data-action='recover']");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(page.nodeStatus(5)).isEqualTo("up");
                assertThat(page.coordinator()).isEqualTo(5);
            });

            // A Ring election from node 2 also ends with node 5, and the page says it was a ring one.
            page.selectElectionFrom(2);
            page.click("button[data-action='election'][data-algorithm='ring']");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(page.lastElection()).contains("ring").contains("started by node 2").contains("elected");
                assertThat(page.coordinator()).isEqualTo(5);
            });
            assertThat(page.log()).noneMatch(line -> line.contains("✗"));

            // A service that hangs (its process frozen with SIGSTOP) is shown down, and the page goes on.
            long mit = Long.parseLong(Files.readString(STATE.resolve("pids/mit.pid")).trim());
            assertThat(Tools.run("kill", "-STOP", Long.toString(mit)).exitCode()).isZero();
            try {
                String updatedBefore = page.updated();
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                    assertThat(page.clockStatus("MIT")).isEqualTo("down");
                    assertThat(page.clockStatus("KMC")).isEqualTo("up");
                    assertThat(page.connection()).isEqualTo("live");
                    assertThat(page.updated()).isNotEqualTo(updatedBefore);
                });
                page.screenshot(screenshots.resolve("dashboard-mit-frozen.png"));
            } finally {
                assertThat(Tools.run("kill", "-CONT", Long.toString(mit)).exitCode()).isZero();
            }
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(page.clockStatus("MIT")).isEqualTo("up"));
            assertThat(page.consoleErrors()).isEmpty();
        }
    }

    @Test
    @Order(4)
    void everyServicesSwaggerUiShowsEachOperationOfItsDocument() throws Exception {
        Tools.require("chromium", "Swagger UI in a browser");
        Tools.require("chromedriver", "Swagger UI in a browser");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JsonMapper json = JsonMapper.builder().build();
        Path screenshots = Files.createDirectories(ROOT.resolve("system-tests/target/swagger-ui"));
        // one service of each module: the dashboard, the time server, a client, the master, a slave, a node
        List<Integer> ports = List.of(8000, 8011, 8021, 8080, 8081, 8101);
        try (DashboardPage page = DashboardPage.open("about:blank", LOGS.resolve("chromedriver-swagger-ui.log"))) {
            for (int port : ports) {
                URI docs = URI.create("http://127.0.0.1:" + port + "/v3/api-docs");
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(docs).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as("GET /v3/api-docs on %d", port).isEqualTo(200);
                JsonNode document = json.readTree(answer.body());
                long operations = document.get("paths").valueStream()
                        .mapToLong(path -> path.propertyNames().stream().filter(OPERATIONS::contains).count()).sum();
                assertThat(operations).as("operations on %d", port).isPositive();

                page.go("http://127.0.0.1:" + port + "/swagger-ui.html");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(page.count(".opblock")).as("operations Swagger UI shows on %d", port).isEqualTo(operations);
                    assertThat(page.text(".information-container .title")).as("title on %d", port)
                            .startsWith(document.get("info").get("title").asString());
                });
                page.screenshot(screenshots.resolve(port + ".png"));
            }
            assertThat(page.consoleErrors()).isEmpty();
        }
    }
}
