package dev.clocksync.systemtest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every curl example in the README, run as printed against the cluster that {@code ./cluster up}
 * starts: it must succeed, print something, and answer as the README shows (an error example must
 * produce that error, any other example no error at all). An example's expected answer is the
 * {@code json} block right after its {@code bash} block, if there is one. The examples run with
 * {@code CLUSTER_TOKEN} set to the token {@code ./cluster up} wrote, as the README tells its reader to.
 */
class ReadmeExamplesTests {

    private static final Path ROOT = Path.of(System.getProperty("clocksync.root", "..")).toAbsolutePath().normalize();
    private static final Pattern STATUS = Pattern.compile("\"status\":(\\d{3})");
    private static final List<Integer> PORTS = List.of(8011, 8021, 8022, 8080, 8081, 8082, 8083, 8084, 8101, 8102, 8103, 8104, 8105);
    private static final Path STATE = ROOT.resolve("system-tests/target/readme-cluster");
    private static final String AUTHORIZATION = "-H \"Authorization: Bearer $CLUSTER_TOKEN\"";

    record Example(String command, Integer expectedStatus) {
    }

    static List<Example> examples(List<String> readme) {
        List<Example> examples = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        String fence = null;
        StringBuilder json = new StringBuilder();
        for (String line : readme) {
            if (line.startsWith("```")) {
                if (fence == null) {
                    fence = line.substring(3).trim();
                    json.setLength(0);
                    if (!fence.equals("json")) {
                        pending.forEach(command -> examples.add(new Example(command, null)));
                        pending.clear();
                    }
                } else {
                    if (fence.equals("json") && !pending.isEmpty()) {
                        Matcher status = STATUS.matcher(json);
                        Integer expected = status.find() && status.group(1).startsWith("4") ? Integer.valueOf(status.group(1)) : null;
                        pending.forEach(command -> examples.add(new Example(command, expected)));
                        pending.clear();
                    }
                    fence = null;
                }
            } else if ("bash".equals(fence) && line.startsWith("curl ")) {
                pending.add(line.replaceAll("\\s+#.*$", ""));
            } else if ("json".equals(fence)) {
                json.append(line);
            }
        }
        pending.forEach(command -> examples.add(new Example(command, null)));
        return examples;
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
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

    record Result(int exitCode, String output) {
    }

    /** @return the pids ./cluster up recorded */
    private static List<Long> startedPids() throws IOException {
        Path pids = STATE.resolve("pids");
        if (!Files.isDirectory(pids)) {
            return List.of();
        }
        try (var files = Files.list(pids)) {
            return files.filter(file -> file.toString().endsWith(".pid")).map(file -> {
                try {
                    return Long.parseLong(Files.readString(file).trim());
                } catch (IOException | NumberFormatException e) {
                    throw new IllegalStateException("unreadable pid file " + file, e);
                }
            }).toList();
        }
    }

    @Test
    void theReadmeHasExamples() throws IOException {
        List<Example> examples = examples(Files.readAllLines(ROOT.resolve("README.md")));

        assertThat(examples).extracting(Example::command)
                .contains("curl -s localhost:8011/time", "curl -s -X POST localhost:8022/sync " + AUTHORIZATION,
                        "curl -s localhost:8101/election", "curl -s -X POST localhost:8105/admin/crash " + AUTHORIZATION);
        assertThat(examples).filteredOn(example -> example.expectedStatus() != null).isNotEmpty();
        assertThat(examples).as("an example without the token, and one with a wrong token")
                .anySatisfy(example -> assertThat(example.expectedStatus()).isEqualTo(401))
                .anySatisfy(example -> assertThat(example.expectedStatus()).isEqualTo(403));
        assertThat(examples).filteredOn(example -> example.command().contains("-X POST") && example.expectedStatus() == null)
                .as("changes that are meant to work carry the token").isNotEmpty()
                .allSatisfy(example -> assertThat(example.command()).contains(AUTHORIZATION));
    }

    @Test
    void everyCurlExampleWorksAsPrintedAgainstTheClusterAndSoDoesTheDemo() throws Exception {
        assumeTrue(PORTS.stream().allMatch(ReadmeExamplesTests::free),
                "one of the README's ports " + PORTS + " is taken (is ./cluster up running?); not checking the examples");
        List<Example> examples = examples(Files.readAllLines(ROOT.resolve("README.md")));
        Path logs = Files.createDirectories(ROOT.resolve("system-tests/target/readme-examples"));
        try {
            Result up = run(logs.resolve("cluster-up.log"), null, "./cluster", "up");
            assertThat(up.exitCode()).as(up.output()).isZero();
            assertThat(up.output()).contains("export CLUSTER_TOKEN=");
            Path tokenFile = STATE.resolve("token");
            assertThat(Files.getPosixFilePermissions(tokenFile)).as("permissions of the token file")
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String token = Files.readString(tokenFile).trim();
            assertThat(token).matches("[0-9a-f]{64}");

            int i = 0;
            for (Example example : examples) {
                Result result = run(logs.resolve("example-" + ++i + ".log"), token, "bash", "-o", "pipefail", "-c",
                        example.command());
                assertThat(result.exitCode()).as("%s%n%s", example.command(), result.output()).isZero();
                assertThat(result.output()).as(example.command()).isNotBlank();
                Matcher status = STATUS.matcher(result.output());
                if (example.expectedStatus() != null) {
                    assertThat(status.find() ? Integer.valueOf(status.group(1)) : null)
                            .as("%s%n%s", example.command(), result.output()).isEqualTo(example.expectedStatus());
                } else if (result.output().startsWith("{\"") && result.output().contains("\"title\":")) {
                    assertThat(status.find()).as("%s answered a problem: %s", example.command(), result.output()).isFalse();
                }
            }

            Result demo = run(logs.resolve("cluster-demo.log"), null, "./cluster", "demo");
            assertThat(demo.exitCode()).as(demo.output()).isZero();
            assertThat(demo.output()).contains("Every scenario ended as the algorithms say it must.")
                    .contains("the four others name node 4").contains("every node names node 5");
        } finally {
            List<Long> started = startedPids();
            Result down = run(logs.resolve("cluster-down.log"), null, "./cluster", "down");
            assertThat(down.exitCode()).as(down.output()).isZero();
            assertThat(started).as("processes ./cluster up started").isNotEmpty()
                    .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                            .as("process %d after ./cluster down", pid).isEmpty());
        }
    }
}
