package dev.clocksync.systemtest;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole system as a Docker user runs it, on a real engine: {@code docker-compose up -d --build} in the
 * project's directory (Debian ships compose v1; {@code docker compose} reads the same file), every container
 * healthy, the election nodes settled on node 5 without a storm of terms, then NTP from the host, a Berkeley round and Cristian syncs through the published ports, the
 * dashboard in headless Chromium, {@code docker kill} of the coordinator's container, and
 * {@code docker-compose down -v} leaving nothing of the project behind. Then the same image as a stack on a
 * swarm of this one host ({@code docker swarm init}, left again afterwards if this test made it).
 * <p>
 * Where no engine runs, the test starts {@code dockerd} itself (as root) and stops that one, by its pid, at
 * the end. Where the Dockerfile's base images can be neither found nor pulled (no registry), it stands them in
 * with {@code system-tests/docker/stand-in-base-images}; the Dockerfile and the compose file are used as they
 * are. Without an engine or a way to start one it is skipped, saying why, except in CI ({@code CI=true}), where
 * that is a failure. On a failure it prints the last lines of every container's log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerSystemTests {

    private static final Path ROOT = ServiceProcess.ROOT;
    private static final Path LOGS = ROOT.resolve("system-tests/target/docker");
    private static final String TOKEN = ServiceProcess.TOKEN;
    /** The README's stack name. */
    private static final String STACK = "clocksync";
    private static final List<Integer> PORTS = LocalClusterSystemTests.PORTS;
    private static final Pattern CHRONY_OFFSET = Pattern.compile("System clock wrong by (-?\\d+\\.\\d+) seconds");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** A failed check prints the last lines of every container's log. */
    @RegisterExtension
    final TestWatcher containerLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            printLogs();
        }
    };

    /** The engine this test started, if it had to; only that one is stopped afterwards. */
    private Process dockerd;
    private String project;
    /** The compose cluster's containers, listed once after {@code up}: docker-compose takes about a CPU-second a call. */
    private List<String> containers = List.of();
    private boolean up;
    private boolean swarmStartedHere;
    private boolean gatewayBridgeExisted;
    private boolean stackDeployed;
    /** The swarm node this test labelled, if it did. */
    private String labelledNode;

    @BeforeAll
    void upWithDockerCompose() throws Exception {
        Files.createDirectories(LOGS);
        Tools.require("docker", "docker-compose.yml on a Docker engine");
        Tools.require("docker-compose", "docker-compose.yml on a Docker engine");
        if (!engineAnswers()) {
            startEngine();
        }
        boolean free = PORTS.stream().allMatch(LocalClusterSystemTests::free);
        if (ci()) {
            assertThat(free).as("the cluster's ports %s are free for the compose cluster", PORTS).isTrue();
        }
        assumeTrue(free, "one of the cluster's ports " + PORTS + " is taken: not running the compose cluster");

        Tools.Result standIn = Tools.run(900, List.of(ROOT.resolve("system-tests/docker/stand-in-base-images").toString(),
                System.getProperty("java.home")));
        Files.writeString(LOGS.resolve("stand-in-base-images.log"), standIn.output());
        assertThat(standIn.exitCode()).as("the Dockerfile's base images: %s", standIn.output()).isZero();

        Result compose = compose(1_500, "compose-up.log", true, "up", "-d", "--build");
        up = true;
        assertThat(compose.exitCode()).as("docker-compose up -d --build (see %s)", compose.log()).isZero();
        containers = containers();
        assertThat(containers).as("one container per service").hasSize(PORTS.size());
        project = docker("inspect", "-f", "{{ index .Config.Labels \"com.docker.compose.project\" }}", containers.get(0))
                .output().trim();
        try {
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> health().values().stream().allMatch("healthy"::equals));
        } catch (RuntimeException notHealthy) {
            printLogs();
            throw new AssertionError("not every container became healthy: " + health(), notHealthy);
        }
    }

    @AfterAll
    void cleanUpAndStopTheEngine() {
        try {
            if (up) {
                compose(180, "compose-down.log", false, "down", "-v", "--remove-orphans");
            }
            if (stackDeployed) {
                removeTheStack();
            }
            if (labelledNode != null && !swarmStartedHere) {
                docker("node", "update", "--label-rm", "clocksync.time-server", labelledNode);
            }
            if (swarmStartedHere) {
                docker("swarm", "leave", "--force");
                if (!gatewayBridgeExisted) {
                    docker("network", "rm", "docker_gwbridge");
                }
            }
        } finally {
            if (dockerd != null) {
                Tools.stop(dockerd, 30);
            }
        }
    }

    /**
     * All fifteen containers start at once on a machine with two cores: for most of a minute every JVM is starved
     * of CPU and the coordinator's heartbeats come late. No node fails, so each of the five arriving may cost one new
     * term, five in all; before the failure detector followed the machine's pace (adaptive timeout, pre-vote) such a
     * start took 10 to 15 terms, and 35 before that.
     */
    @Test
    @Order(0)
    void theNodesSettleOnNodeFiveWithoutAStormOfTerms() {
        await().atMost(Duration.ofSeconds(60)).until(() -> Elections.agree(this::election, 5, 1, 2, 3, 4, 5));
        long term = election(5).get("term").asLong();
        System.out.println("docker-compose up: the nodes settled on node 5 in term " + term);
        assertThat(term).as("the term the five nodes settled in after docker-compose up: one per arriving node at most")
                .isLessThanOrEqualTo(5);
    }

    @Test
    @Order(1)
    void psLogsAndDownNeedNoToken() {
        Tools.Result ps = Tools.run(60, composeCommand("ps"), Map.of("CLUSTER_TOKEN", ""));
        assertThat(ps.exitCode()).as(ps.output()).isZero();
        assertThat(ps.output()).contains("node-5", "time-server", "dashboard");
        Tools.Result logs = Tools.run(60, composeCommand("logs", "--tail", "5", "time-server"), Map.of("CLUSTER_TOKEN", ""));
        assertThat(logs.exitCode()).as(logs.output()).isZero();
        assertThat(logs.output()).contains("time-server");
    }

    @Test
    @Order(2)
    void chronydOnTheHostReadsTheTimeServerOnUdp1123() {
        Tools.require("chronyd", "chronyd against the time server's container");
        Tools.Result chrony = Tools.run(60, List.of("chronyd", "-Q", "-u", "root", "-t", "30",
                "server 127.0.0.1 port 1123 iburst"));
        Matcher offset = CHRONY_OFFSET.matcher(chrony.output());
        assertThat(offset.find()).as(chrony.output()).isTrue();
        // docker-compose.yml gives the time server no offset of its own: it keeps the host's time. The
        // published port goes through Docker's userland proxy, whose relaying makes the two legs differ by
        // up to a few milliseconds on a busy two-core machine (2 ms seen): the bound is that path's, while
        // NtpClientsSystemTests holds the server itself to 1 ms. A port not published, or a server
        // serving another clock, fails either way (no answer, or seconds off).
        assertThat(Double.parseDouble(offset.group(1))).as(chrony.output())
                .isCloseTo(0.0, Offset.offset(0.010));
    }

    @Test
    @Order(3)
    void aRoundReachesEverySlaveAndTheClientsSync() {
        assertEverySlaveIsReachedAndAdjusted();
        for (int port : List.of(8021, 8022)) {
            HttpResponse<String> sync = post(port, "/sync");
            assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);
            // A sample looser than the scheduled sync's before it leaves the clock alone, and says how well it is known.
            JsonNode synced = JSON.readTree(sync.body());
            assertThat(synced.get("status").asString()).as(sync.body()).isIn("synchronized", "left_alone");
            if ("left_alone".equals(synced.get("status").asString())) {
                assertThat(synced.get("knownWithinNanos").asLong()).as(sync.body()).isPositive();
            }
        }
    }

    @Test
    @Order(4)
    void theDashboardShowsEveryClockAndNode() throws IOException {
        Tools.require("chromium", "the dashboard in a browser");
        Tools.require("chromedriver", "the dashboard in a browser");
        try (DashboardPage page = DashboardPage.open("http://127.0.0.1:8000/", LOGS.resolve("chromedriver.log"))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(page::assertShowsTheWholeClusterLive);
            page.screenshot(LOGS.resolve("dashboard.png"));
        }
    }

    @Test
    @Order(5)
    void killingTheCoordinatorsContainerHandsOverAndStartingItHandsBack() {
        await().atMost(Duration.ofSeconds(60)).until(() -> Elections.agree(this::election, 5, 1, 2, 3, 4, 5));
        String node5 = compose(60, "compose-ps-node-5.log", false, "ps", "-q", "node-5").output().trim();
        long killed = System.nanoTime();
        assertThat(docker("kill", node5).exitCode()).isZero();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> Elections.agree(this::election, 4, 1, 2, 3, 4));
        long failoverMillis = Duration.ofNanos(System.nanoTime() - killed).toMillis();
        System.out.println("docker kill of node-5: the others agreed on node 4 after " + failoverMillis + " ms");

        assertThat(docker("start", node5).exitCode()).isZero();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> Elections.agree(this::election, 5, 1, 2, 3, 4, 5));
    }

    @Test
    @Order(6)
    void downLeavesNothingOfTheProject() {
        Result down = compose(180, "compose-down.log", false, "down", "-v", "--remove-orphans");
        assertThat(down.exitCode()).as("docker-compose down -v (see %s)", down.log()).isZero();
        up = false;
        String label = "label=com.docker.compose.project=" + project;
        assertThat(docker("ps", "-aq", "--filter", label).output().trim()).as("containers left").isEmpty();
        assertThat(docker("network", "ls", "-q", "--filter", label).output().trim()).as("networks left").isEmpty();
        assertThat(docker("volume", "ls", "-q", "--filter", label).output().trim()).as("volumes left").isEmpty();
    }

    /**
     * The image compose built, deployed as a stack on a swarm of this one host by the README's "Across
     * machines" commands, run as printed but for their placeholders (this host's address, the host to pin
     * to): every service healthy, the election nodes and the Berkeley slaves finding their peers by service
     * name on the stack's overlay network, and the time server pinned to the labelled host.
     */
    @Test
    @Order(7)
    void theReadmesSwarmCommandsDeployTheSameImageAsAStack() throws IOException {
        assertThat(up).as("the compose cluster is down first: the stack publishes the same ports").isFalse();
        List<String> commands = bashCommands(Files.readAllLines(ROOT.resolve("README.md")), "## Across machines");
        assertThat(commands).as("the README's swarm commands").hasSize(4);
        assertThat(commands.get(0)).startsWith("docker swarm init ");
        assertThat(commands.get(1)).isEqualTo("docker stack deploy -c docker-compose.yml -c docker-stack.yml " + STACK);
        assertThat(commands.get(3)).contains("--constraint-add").endsWith(STACK + "_time-server");

        if ("active".equals(docker("info", "-f", "{{ .Swarm.LocalNodeState }}").output().trim())) {
            System.out.println("this engine is in a swarm already: not running " + commands.get(0));
        } else {
            gatewayBridgeExisted = docker("network", "inspect", "docker_gwbridge").exitCode() == 0;
            swarmStartedHere = true;
            runAsPrinted(commands.get(0), "<this host's address>", "127.0.0.1");
        }

        stackDeployed = true;
        runAsPrinted(commands.get(1), null, null);
        awaitEveryStackServiceHealthy();
        try {
            // The swarm's health check is the readiness probe; each service's own health says it works with its peers.
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> PORTS.stream().allMatch(port -> healthStatus(port) == 200));
            await().atMost(Duration.ofSeconds(60)).until(() -> Elections.agree(this::election, 5, 1, 2, 3, 4, 5));
            assertEverySlaveIsReachedAndAdjusted();
        } catch (AssertionError | RuntimeException failed) {
            printStackLogs();
            throw failed;
        }

        String node = docker("info", "-f", "{{ .Swarm.NodeID }}").output().trim();
        labelledNode = node;
        runAsPrinted(commands.get(2), "<host>", node);
        runAsPrinted(commands.get(3), null, null);
        assertThat(docker("service", "inspect", "-f", "{{ .Spec.TaskTemplate.Placement.Constraints }}", STACK + "_time-server")
                .output()).contains("node.labels.clocksync.time-server==true");
        awaitEveryStackServiceHealthy();
        assertThat(docker("service", "ps", "-f", "desired-state=running", "--format", "{{ .Node }}", STACK + "_time-server")
                .output().trim()).as("the time server runs on the labelled host")
                .isEqualTo(docker("node", "inspect", "-f", "{{ .Description.Hostname }}", node).output().trim());

        removeTheStack();
    }

    /** Runs one of the README's commands in the project's directory, with the token, a placeholder filled in. */
    private static void runAsPrinted(String command, String placeholder, String value) {
        String filled = placeholder == null ? command : command.replace(placeholder, value);
        assertThat(filled).as("a placeholder left in %s", filled).doesNotContain("<");
        Tools.Result result = Tools.run(300, List.of("bash", "-o", "pipefail", "-c", "cd \"$0\" && " + filled, ROOT.toString()),
                Map.of("CLUSTER_TOKEN", TOKEN));
        assertThat(result.exitCode()).as("%s: %s", filled, result.output()).isZero();
    }

    /** @return the lines of the bash blocks in the README's section with that heading, comments taken off */
    static List<String> bashCommands(List<String> readme, String heading) {
        List<String> commands = new ArrayList<>();
        boolean inSection = false;
        boolean inBash = false;
        for (String line : readme) {
            if (line.startsWith("## ")) {
                inSection = line.equals(heading);
            } else if (inSection && line.startsWith("```")) {
                inBash = !inBash && line.equals("```bash");
            } else if (inSection && inBash && !line.isBlank()) {
                commands.add(line.replaceAll("\\s+#.*$", "").trim());
            }
        }
        return commands;
    }

    /** A task counts as running only once its health check passes. */
    private static void awaitEveryStackServiceHealthy() {
        try {
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> stackReplicas().size() == PORTS.size() && stackReplicas().values().stream().allMatch("1/1"::equals));
        } catch (RuntimeException notHealthy) {
            printStackLogs();
            throw new AssertionError("not every service of the stack became healthy: " + stackReplicas(), notHealthy);
        }
    }

    /**
     * A round on request reaches every slave, and the master has adjusted every slave. The round need not adjust
     * each one itself: the scheduled rounds (every 5 s) came just before, so a slave measured more loosely than the
     * last round put it is left alone (RoundService's CorrectionGate), however many rounds are asked for back to
     * back. That every slave takes adjustments is read from the master's recent rounds instead.
     */
    private static void assertEverySlaveIsReachedAndAdjusted() {
        // Either master answers, the standby through the leader; both say 503 while they elect one (Retry-After).
        HttpResponse<String> round = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> post(8080, "/rounds"), answer -> answer.statusCode() != 503);
        assertThat(round.statusCode()).as(round.body()).isEqualTo(200);
        Map<String, JsonNode> measured = new TreeMap<>();
        JSON.readTree(round.body()).get("participants").forEach(p -> {
            if ("slave".equals(p.get("role").asString())) {
                measured.put(p.get("name").asString(), p);
            }
        });
        assertThat(measured.keySet()).as(round.body()).containsExactly("KMC", "MIT", "SOLS", "TAPMI");
        StringBuilder logsOfTheUnreached = new StringBuilder();
        measured.forEach((name, p) -> {
            String status = p.get("status").asString();
            if ("left alone".equals(status) || "adjusted".equals(status)) {
                assertThat(p.get("roundTripNanos").asLong()).as(p.toString()).isPositive();
            }
            if ("left alone".equals(status)) {
                assertThat(p.get("reason").asString()).as(p.toString()).contains("already known within");
            } else if (!"adjusted".equals(status)) {
                // The stack's logs printed on failure end up far above the CI's tail; these travel with the message.
                logsOfTheUnreached.append("\n--- ").append(name).append(":\n").append(docker("service", "logs", "--no-task-ids",
                        "--tail", "25", STACK + "_" + name.toLowerCase(Locale.ROOT)).output());
            }
        });
        assertThat(logsOfTheUnreached).as("%s%s", round.body(), logsOfTheUnreached).isEmpty();

        Set<String> adjusted = new TreeSet<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> history = get(8080, "/rounds?limit=100");
            assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
            JSON.readTree(history.body()).forEach(r -> r.get("participants").forEach(p -> {
                if ("slave".equals(p.get("role").asString()) && "adjusted".equals(p.get("status").asString())) {
                    adjusted.add(p.get("name").asString());
                }
            }));
            assertThat(adjusted).as("the slaves adjusted by the master's recent rounds").containsExactly("KMC", "MIT", "SOLS", "TAPMI");
        });
    }

    /** @return each service of the stack and its replicas, running of wanted */
    private static Map<String, String> stackReplicas() {
        Map<String, String> replicas = new TreeMap<>();
        docker("stack", "services", STACK, "--format", "{{ .Name }} {{ .Replicas }}").output().lines()
                .map(line -> line.trim().split(" ", 2)).filter(parts -> parts.length == 2)
                .forEach(parts -> replicas.put(parts[0], parts[1]));
        return replicas;
    }

    /** Removes the stack and waits until its containers and network are gone (docker stack rm returns first). */
    private void removeTheStack() {
        assertThat(docker("stack", "rm", STACK).exitCode()).isZero();
        String label = "label=com.docker.stack.namespace=" + STACK;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> docker("ps", "-aq", "--filter", label).output().isBlank()
                        && docker("network", "ls", "-q", "--filter", label).output().isBlank());
        stackDeployed = false;
    }

    private static void printStackLogs() {
        for (String service : stackReplicas().keySet()) {
            System.out.println(docker("service", "logs", "--no-task-ids", "--tail", "40", service).output());
        }
    }

    private JsonNode election(int id) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (8100 + id) + "/election"))
                    .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** @return the status of the service's {@code GET /actuator/health}, 0 if it does not answer */
    private static int healthStatus(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static HttpResponse<String> post(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> get(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Result(int exitCode, String output, Path log) {
    }

    private static List<String> composeCommand(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "--project-directory", ROOT.toString(), "-f",
                ROOT.resolve("docker-compose.yml").toString()));
        command.addAll(Arrays.asList(arguments));
        return command;
    }

    /** Runs docker-compose in the project's directory, its output to a log of its own (a build's is long). */
    private static Result compose(long timeoutSeconds, String logName, boolean withToken, String... arguments) {
        Path log = LOGS.resolve(logName);
        try {
            ProcessBuilder builder = new ProcessBuilder(composeCommand(arguments)).directory(ROOT.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("CLUSTER_TOKEN", withToken ? TOKEN : "");
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, "docker-compose " + String.join(" ", arguments) + " did not finish in "
                        + timeoutSeconds + " s", log);
            }
            return new Result(process.exitValue(), Files.readString(log), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Tools.Result docker(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(Arrays.asList(arguments));
        return Tools.run(120, command);
    }

    private static List<String> containers() {
        return compose(60, "compose-ps.log", false, "ps", "-q").output().lines().map(String::trim)
                .filter(line -> !line.isEmpty()).toList();
    }

    /** @return each container's name and its health as Docker reports it */
    private Map<String, String> health() {
        List<String> arguments = new ArrayList<>(List.of("inspect", "-f", "{{ .Name }} {{ .State.Health.Status }}"));
        arguments.addAll(containers);
        Map<String, String> health = new TreeMap<>();
        docker(arguments.toArray(String[]::new)).output().lines().map(line -> line.trim().split(" ", 2))
                .filter(parts -> parts.length == 2).forEach(parts -> health.put(parts[0], parts[1]));
        return health;
    }

    private static void printLogs() {
        System.out.println(compose(120, "compose-logs.log", false, "logs", "--no-color", "--tail", "40").output());
    }

    private static boolean engineAnswers() {
        return Tools.run(30, List.of("docker", "info")).exitCode() == 0;
    }

    private void startEngine() throws IOException {
        boolean canStart = Tools.isRoot() && Tools.run("sh", "-c", "command -v dockerd").exitCode() == 0;
        if (!canStart) {
            if (ci()) {
                throw new IllegalStateException("no Docker engine answers and dockerd cannot be started (root and "
                        + "docker.io are needed): .ci/run should install docker.io");
            }
            assumeTrue(false, "no Docker engine answers and this test cannot start one (it needs root and dockerd): "
                    + "not running docker-compose.yml");
        }
        dockerd = new ProcessBuilder("dockerd").redirectErrorStream(true)
                .redirectOutput(LOGS.resolve("dockerd.log").toFile()).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!dockerd.isAlive()) {
                throw new IllegalStateException("dockerd exited; see " + LOGS.resolve("dockerd.log"));
            }
            return engineAnswers();
        });
    }


    private static boolean ci() {
        return "true".equals(System.getenv("CI"));
    }
}
