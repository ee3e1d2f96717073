package dev.clocksync.systemtest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml, checked without a Docker engine: Debian's {@code docker-compose config} must accept
 * it, and it must describe the same topology as {@code ./cluster} (which the other system tests run as
 * local processes): the same services, modules, ports and clock skews, each with a health check and a
 * memory limit, all started at once with the clients pointing at their servers by name, and every service
 * given the cluster's token from the environment, without which compose refuses to start anything. And
 * docker-stack.yml, what a swarm reads beside it, covering every service.
 */
class ComposeFileTests {

    private static final Path ROOT = Path.of(System.getProperty("clocksync.root", "..")).toAbsolutePath().normalize();
    private static final Pattern CLUSTER_ARGUMENT = Pattern.compile("--([a-z.-]+)=(\\S+)");
    private static final String TOKEN = "compose-file-test-token-0123456789";

    /** A service of the local cluster: name, module, port, and its command-line properties. */
    record ClusterService(String name, String module, int port, Map<String, String> properties) {
    }

    private static Map<String, Object> compose;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void resolveTheComposeFile() {
        Tools.require("docker-compose", "docker-compose.yml");
        Tools.Result quiet = compose(TOKEN, "config", "-q");
        assertThat(quiet.exitCode()).as("docker-compose config -q: %s", quiet.output()).isZero();
        Tools.Result resolved = compose(TOKEN, "config");
        assertThat(resolved.exitCode()).as(resolved.output()).isZero();
        compose = new Yaml().load(resolved.output());
    }

    /** Runs docker-compose on the project's compose file with CLUSTER_TOKEN set to {@code token}, or unset if null. */
    private static Tools.Result compose(String token, String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "--project-directory", ROOT.toString(),
                "-f", ROOT.resolve("docker-compose.yml").toString()));
        command.addAll(List.of(arguments));
        Map<String, String> environment = new HashMap<>();
        environment.put("CLUSTER_TOKEN", token);
        return Tools.run(60, command, environment);
    }

    /** @return the services of {@code ./cluster}, from its table */
    static List<ClusterService> clusterServices() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("cluster"));
        List<ClusterService> services = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines) {
            if (line.startsWith("SERVICES=$(cat <<")) {
                inTable = true;
                continue;
            }
            if (inTable && line.equals("TABLE")) {
                break;
            }
            if (inTable) {
                String[] fields = line.trim().split("\\s+", 4);
                Map<String, String> properties = new LinkedHashMap<>();
                Matcher argument = CLUSTER_ARGUMENT.matcher(fields.length > 3 ? fields[3] : "");
                while (argument.find()) {
                    properties.put(argument.group(1), argument.group(2));
                }
                services.add(new ClusterService(fields[0], fields[1], Integer.parseInt(fields[2]), properties));
            }
        }
        assertThat(services).as("the services of ./cluster").hasSizeGreaterThanOrEqualTo(13);
        return services;
    }

    private static Map<String, Object> service(String name) {
        return serviceOf(compose, name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> serviceOf(Map<String, Object> resolved, String name) {
        Map<String, Object> services = (Map<String, Object>) resolved.get("services");
        assertThat(services).as("services of docker-compose.yml").containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> environment = new LinkedHashMap<>();
        ((Map<String, Object>) service.getOrDefault("environment", Map.of()))
                .forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }

    private static final Pattern SHORT_PORT = Pattern.compile("(?:([0-9.]+):)?(\\d+):(\\d+)(?:/(tcp|udp))?");

    /**
     * A published port as a map (published, target, protocol, host_ip): docker-compose 1.29 resolves most to
     * maps, but keeps one bound to a host address as its short form, {@code 127.0.0.1:8000:8000/tcp}.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> port(Object port) {
        if (port instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        Matcher parts = SHORT_PORT.matcher(String.valueOf(port));
        assertThat(parts.matches()).as("a port: %s", port).isTrue();
        Map<String, Object> parsed = new LinkedHashMap<>();
        parsed.put("published", Integer.valueOf(parts.group(2)));
        parsed.put("target", Integer.valueOf(parts.group(3)));
        parsed.put("protocol", parts.group(4) == null ? "tcp" : parts.group(4));
        if (parts.group(1) != null) {
            parsed.put("host_ip", parts.group(1));
        }
        return parsed;
    }

    /** clock.drift-ppm is CLOCK_DRIFT_PPM (Spring Boot also takes CLOCK_DRIFTPPM). */
    private static String variable(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceOfTheLocalClusterIsThereWithItsModulePortSkewHealthCheckAndMemoryLimit() throws IOException {
        List<ClusterService> cluster = clusterServices();
        assertThat(((Map<String, Object>) compose.get("services")).keySet())
                .containsExactlyInAnyOrderElementsOf(cluster.stream().map(ClusterService::name).toList());
        for (ClusterService expected : cluster) {
            Map<String, Object> service = service(expected.name());
            assertThat((List<String>) service.get("command")).as("%s: module", expected.name()).containsExactly(expected.module());
            Map<String, String> environment = environment(service);
            assertThat(environment).as("%s: port", expected.name()).containsEntry("SERVER_PORT", String.valueOf(expected.port()));
            assertThat(((List<Object>) service.get("ports")).stream().map(ComposeFileTests::port)
                    .filter(port -> !"udp".equals(port.get("protocol")))
                    .map(port -> String.valueOf(port.get("published")) + ":" + port.get("target")))
                    .as("%s: published port", expected.name()).contains(expected.port() + ":" + expected.port());
            for (String property : List.of("clock.offset", "clock.drift-ppm", "election.node-id", "berkeley.node-name")) {
                if (expected.properties().containsKey(property)) {
                    assertThat(environment).as("%s: %s", expected.name(), property)
                            .containsEntry(variable(property), expected.properties().get(property));
                }
            }
            Map<String, Object> healthcheck = (Map<String, Object>) service.get("healthcheck");
            assertThat(healthcheck).as("%s: health check", expected.name()).isNotNull();
            // bin/health reads the container's own SERVER_PORT, asserted above (HealthCheckScriptTests tries it).
            assertThat((List<String>) healthcheck.get("test")).as("%s: health check", expected.name())
                    .containsExactly("CMD", "bin/health");
            // deploy.resources, which docker compose and docker stack deploy both read (swarm refuses mem_limit).
            assertThat(service).as("%s: memory limit", expected.name()).extracting("deploy").extracting("resources")
                    .extracting("limits").extracting("memory").isNotNull();
            assertThat(service).as("%s: swarm refuses mem_limit", expected.name()).doesNotContainKey("mem_limit");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void clientsStartWithTheirServersAndPointAtThemByName() throws IOException {
        for (ClusterService expected : clusterServices()) {
            Map<String, String> environment = environment(service(expected.name()));
            String server = switch (expected.module()) {
                case "time-client" -> "time-server";
                case "berkeley-slave" -> "berkeley-master";
                default -> null;
            };
            // Every container starts at once: a client retries until its server answers, and waiting for
            // the server's health check would start the cluster in two waves, one after the other.
            assertThat(service(expected.name())).as("%s starts without waiting", expected.name()).doesNotContainKey("depends_on");
            if (server != null) {
                assertThat(String.join(" ", environment.values())).contains("http://" + server + ":");
            }
            if (expected.module().equals("election-node")) {
                for (int id = 1; id <= 5; id++) {
                    assertThat(environment).containsEntry("ELECTION_PEERS_" + id, "http://node-" + id + ":" + (8100 + id));
                }
            }
        }
        Map<String, String> timeServer = environment(service("time-server"));
        assertThat(timeServer).containsEntry("NTP_PORT", "123");
        assertThat(((List<Object>) service("time-server").get("ports")).stream().map(ComposeFileTests::port))
                .anySatisfy(port -> assertThat(port).containsEntry("protocol", "udp").containsEntry("target", 123));
    }

    @Test
    void everyServiceGetsTheClusterTokenAndWithoutOneComposeStillReadsTheFile() throws IOException {
        for (ClusterService expected : clusterServices()) {
            assertThat(environment(service(expected.name()))).as("%s: the cluster's token", expected.name())
                    .containsEntry("CLUSTER_TOKEN", TOKEN);
        }
        // ps, logs and down work in a shell without the token; a service started without one refuses to
        // (StartUpTests), so the services get an empty one rather than a default.
        Tools.Result withoutToken = compose(null, "config");
        assertThat(withoutToken.exitCode()).as(withoutToken.output()).isZero();
        Map<String, Object> services = new Yaml().load(withoutToken.output());
        assertThat(services).containsKey("services");
        for (ClusterService expected : clusterServices()) {
            assertThat(environment(serviceOf(services, expected.name()))).as("%s without a token", expected.name())
                    .containsEntry("CLUSTER_TOKEN", "");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardWatchesEveryServiceByItsComposeNameAndIsPublishedOnLoopbackOnly() throws IOException {
        Map<String, Object> dashboard = service("dashboard");
        Map<String, String> environment = environment(dashboard);
        List<ClusterService> watched = clusterServices().stream().filter(service -> !service.module().equals("dashboard")).toList();
        for (ClusterService expected : watched) {
            assertThat(environment.values()).as("the dashboard watches %s", expected.name())
                    .contains("http://" + expected.name() + ":" + expected.port());
        }
        assertThat(environment.values()).as("clock names as the local cluster's dashboard has them")
                .contains("time-server", "mobile", "laptop", "master", "KMC", "MIT", "TAPMI", "SOLS");
        assertThat(((List<Object>) dashboard.get("ports")).stream().map(ComposeFileTests::port))
                .singleElement().satisfies(port -> assertThat(port).containsEntry("host_ip", "127.0.0.1"));
    }

    /** docker-stack.yml: every service found by DNS, published on its host, limited in memory, restarted. */
    @Test
    @SuppressWarnings("unchecked")
    void theStackFileCoversEveryServiceWithWhatSwarmReadsDifferently() throws IOException {
        Map<String, Object> stack = new Yaml().load(Files.readString(ROOT.resolve("docker-stack.yml")));
        Map<String, Object> services = (Map<String, Object>) stack.get("services");
        assertThat(services.keySet()).as("the same services as the compose file")
                .containsExactlyInAnyOrderElementsOf(((Map<String, Object>) compose.get("services")).keySet());
        for (ClusterService expected : clusterServices()) {
            Map<String, Object> service = (Map<String, Object>) services.get(expected.name());
            Map<String, Object> deploy = (Map<String, Object>) service.get("deploy");
            assertThat(deploy).as("%s: deploy", expected.name()).containsEntry("endpoint_mode", "dnsrr")
                    .containsKeys("restart_policy", "resources");
            assertThat(environment(service)).as("%s: a swarm's health check is the readiness probe", expected.name())
                    .containsEntry("HEALTH_CHECK_PATH", "/actuator/health/readiness");
            assertThat(((List<Object>) service.get("ports")).stream().map(ComposeFileTests::port))
                    .as("%s: published on its host", expected.name())
                    .allSatisfy(port -> assertThat(port).containsEntry("mode", "host"))
                    .anySatisfy(port -> assertThat(port).containsEntry("published", expected.port())
                            .containsEntry("target", expected.port()));
        }
    }
}
