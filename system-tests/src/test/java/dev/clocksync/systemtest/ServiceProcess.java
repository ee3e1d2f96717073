package dev.clocksync.systemtest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service running as a real process from its executable jar (started as {@code bin/service} starts it,
 * from the jar's class-data cache), on a port of its own, with the JVM
 * options the project runs services with ({@code config/jvm.options}, then the module's own
 * {@code config/MODULE.jvm.options} if it has one) and the cluster's token of the
 * tests ({@link #TOKEN}, as {@code CLUSTER_TOKEN}), which {@link #post} sends. Closing it ends exactly that
 * process, by its pid: SIGTERM, then SIGKILL if it has not gone within ten seconds.
 */
final class ServiceProcess implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("clocksync.root", "..")).toAbsolutePath().normalize();
    static final String VERSION = System.getProperty("clocksync.version", "0.1.0-SNAPSHOT");
    private static final Path LOGS = Path.of(System.getProperty("clocksync.logs", "target/service-logs"));
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The cluster's token of every service the system tests start. */
    static final String TOKEN = "system-test-token-" + Long.toHexString(new SecureRandom().nextLong());

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * @param module the Maven module whose jar to run, e.g. {@code time-server}
     * @param name   the instance's name, for its log file
     * @param args   Spring arguments, e.g. {@code --clock.offset=3s}
     */
    static ServiceProcess start(String module, String name, String... args) {
        return start(module, name, freePort(), args);
    }

    /** As {@link #start(String, String, String...)}, on a port chosen beforehand with {@link #freePort()}. */
    static ServiceProcess start(String module, String name, int port, String... args) {
        return start(List.of(), module, name, port, args);
    }

    /**
     * As {@link #start(String, String, int, String...)}, with the JVM started through {@code prefix}
     * (e.g. {@code ip netns exec NAME}, which execs it: the process is still the JVM's). Its HTTP port is
     * then inside whatever the prefix put it in, out of reach of this class's HTTP helpers.
     */
    static ServiceProcess start(List<String> prefix, String module, String name, int port, String... args) {
        Launch launch = launch(module);
        List<String> command = new ArrayList<>(prefix);
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("@" + ROOT.resolve("config/jvm.options"));
        Path own = ROOT.resolve("config").resolve(module + ".jvm.options");
        if (Files.isRegularFile(own)) {
            command.add("@" + own);
        }
        command.addAll(launch.cacheOptions());
        // A service that runs out of heap leaves a dump beside its log (seen once on JDK 17, under load)
        command.add("-XX:+HeapDumpOnOutOfMemoryError");
        command.add("-XX:HeapDumpPath=" + LOGS.resolve(name + "-" + port + ".hprof"));
        command.add("-jar");
        command.add(launch.jar().toString());
        command.add("--server.port=" + port);
        if (prefix.isEmpty()) {
            command.add("--server.address=127.0.0.1");
        }
        command.addAll(List.of(args));
        try {
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve(name + "-" + port + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("CLUSTER_TOKEN", TOKEN);
            Process process = builder.start();
            return new ServiceProcess(name, port, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * How a module's service starts: from the class-data cache {@code bin/service} makes for its jar (the
     * jar extracted, with its JDK 25 AOT cache or, before JDK 25, its AppCDS archive), as {@code ./cluster up}
     * and the Docker image start it; or from the jar as it is where there is none.
     */
    private record Launch(List<String> cacheOptions, Path jar) {
    }

    /** The modules the system tests start services of. */
    private static final List<String> MODULES =
            List.of("time-server", "time-client", "berkeley-master", "berkeley-slave", "election-node", "dashboard");

    private static Map<String, Launch> launches;

    /**
     * A start from the cache costs about half the processor time of a start from the jar, and the system
     * tests start dozens of services. The caches are made by {@code bin/service} itself with the project's
     * options only, so that they are the ones {@code ./cluster up} uses (it keeps them until the jar, the JDK or
     * the options change); this class adds its heap-dump options on the command line, which the cache does not
     * depend on. The first start makes every module's cache, as many at once as there are processors: a
     * training run is largely one thread, so two of them on two cores take little more than one.
     * {@code CLOCKSYNC_CDS=0} starts the jars as they are, as it does for {@code bin/service}.
     */
    private static synchronized Launch launch(String module) {
        if (launches == null) {
            launches = prepareLaunches();
        }
        Launch launch = launches.get(module);
        if (launch == null) {
            throw new IllegalArgumentException(module + " is not one of " + MODULES);
        }
        return launch;
    }

    private static Map<String, Launch> prepareLaunches() {
        Map<String, Path> jars = new HashMap<>();
        for (String module : MODULES) {
            Path jar = ROOT.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " does not exist: build the services first (./mvnw -B verify)");
            }
            jars.put(module, jar);
        }
        Map<String, Launch> prepared = new HashMap<>();
        if ("0".equals(System.getenv("CLOCKSYNC_CDS"))) {
            jars.forEach((module, jar) -> prepared.put(module, new Launch(List.of(), jar)));
            return prepared;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            Map<String, Future<Boolean>> made = new HashMap<>();
            MODULES.forEach(module -> made.put(module, pool.submit(() -> prepareCache(module))));
            for (String module : MODULES) {
                prepared.put(module, launchOf(module, jars.get(module), made.get(module).get()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot make the class-data caches", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return prepared;
    }

    private static Launch launchOf(String module, Path jar, boolean cached) {
        Path cache = ROOT.resolve(module).resolve("target/launch");
        if (!cached) {
            System.err.println("no class-data cache for " + module + " (see " + cache.resolve("training.log")
                    + "): its services start from the jar");
            return new Launch(List.of(), jar);
        }
        Path extracted = cache.resolve("app").resolve(jar.getFileName());
        boolean aot = Runtime.version().feature() >= 25;
        Path archive = cache.resolve(aot ? "app.aot" : "app.jsa");
        if (!Files.isRegularFile(extracted) || !Files.isRegularFile(archive)) {
            throw new IllegalStateException("bin/service made a class-data cache for " + module + " but not "
                    + extracted + " and " + archive + ": has its layout changed?");
        }
        return new Launch(aot ? List.of("-XX:AOTCache=" + archive)
                : List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"), extracted);
    }

    /** @return whether {@code bin/service} has (or now made) the module's class-data cache, for this JDK */
    private static boolean prepareCache(String module) {
        try {
            Files.createDirectories(LOGS);
            ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("bin/service").toString(), module)
                    .redirectErrorStream(true)
                    .redirectOutput(LOGS.resolve(module + "-class-data-cache.log").toFile());
            builder.environment().put("CLOCKSYNC_PREPARE_ONLY", "1");
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().remove("CLOCKSYNC_JVM_OPTS");
            Process prepare = builder.start();
            if (!prepare.waitFor(5, TimeUnit.MINUTES)) {
                prepare.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return false;
            }
            return prepare.exitValue() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run bin/service for " + module, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the service answers its liveness probe. */
    ServiceProcess awaitLive() {
        return awaitProbe("/actuator/health/liveness");
    }

    /** Waits until the service is ready: started, and its start-up runners done. */
    ServiceProcess awaitReady() {
        return awaitProbe("/actuator/health/readiness");
    }

    private ServiceProcess awaitProbe(String probe) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            return status(probe) == 200;
        });
        return this;
    }

    /** @return its {@code GET /clock} once no slew is pending (waiting up to a minute) */
    JsonNode settledClock() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> json("/clock").get("pendingSlewNanos").asLong() == 0);
        return json("/clock");
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    int status(String path) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url() + path)).GET()).statusCode();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    /** @return the fastest of {@code count} round trips of GET path, as this test's client sees them */
    Duration fastestRoundTrip(String path, int count) {
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            get(path);
            fastest = Math.min(fastest, System.nanoTime() - start);
        }
        return Duration.ofNanos(fastest);
    }

    /** @return the JSON answer to GET path */
    JsonNode json(String path) {
        return json(get(path));
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).GET());
    }

    /** @return the answer to POST path, with the cluster's token */
    HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + TOKEN));
    }

    /** @return the answer to POST path without a token */
    HttpResponse<String> postWithoutToken(String path) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the process at once, as {@code kill -9} does (SIGKILL: no shutdown hooks), and waits until it is gone. */
    void kill() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the process a signal by its pid ({@code STOP}, {@code CONT}, {@code KILL}), and asserts that it was sent. */
    void signal(String signal) {
        Tools.Result result = Tools.run("kill", "-" + signal, Long.toString(pid()));
        assertThat(result.exitCode()).as("kill -%s %d: %s", signal, pid(), result.output()).isZero();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        Tools.stop(process, 10);
    }

    /** @return a loopback port that was free a moment ago */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code count} different loopback ports that were free a moment ago */
    static int[] freePorts(int count) {
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < count) {
            ports.add(freePort());
        }
        return ports.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return a UDP port (an NTP port for a time server) that was free a moment ago */
    static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
