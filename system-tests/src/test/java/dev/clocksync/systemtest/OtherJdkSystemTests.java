package dev.clocksync.systemtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One build, any supported JDK: a service built on one JDK starts through {@code bin/service} on the other,
 * with its threads chosen where it runs (virtual from JDK 21 on), and says in one line that it started
 * without the build's AOT context. The reactor's time server (built on this JDK) runs on the other one; a
 * time server built from a copy of the sources on the other JDK runs on this one. The other JDK is
 * {@code CLOCKSYNC_OTHER_JAVA_HOME}, which {@code .ci/run} sets when the machine has two.
 */
class OtherJdkSystemTests {

    private static final String OTHER = System.getenv("CLOCKSYNC_OTHER_JAVA_HOME");
    private static final Path ROOT = ServiceProcess.ROOT;
    private static final String VERSION = ServiceProcess.VERSION;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Tomcat's request threads are virtual ones by this name, platform ones http-nio-…-exec-N. */
    private static final String VIRTUAL_REQUEST_THREAD = "[tomcat-handler-";

    @Test
    void aJarBuiltOnOneJdkRunsOnTheOther(@TempDir Path work) throws IOException {
        assumeTrue(OTHER != null && !OTHER.isBlank(), "CLOCKSYNC_OTHER_JAVA_HOME names no second JDK: not testing a build on one JDK run on another");
        Path otherJava = Path.of(OTHER, "bin", "java");
        assertThat(otherJava).as("CLOCKSYNC_OTHER_JAVA_HOME's java").isExecutable();
        Path thisJdk = Path.of(System.getProperty("java.home"));
        int here = Runtime.version().feature();
        int other = featureOf(otherJava);
        assertThat(other).as("the other JDK is another version than this one, %s", here).isNotEqualTo(here);

        Path builtHere = work.resolve("built-here/time-server.jar");
        Files.createDirectories(builtHere.getParent());
        Files.copy(ROOT.resolve("time-server/target/time-server-" + VERSION + ".jar"), builtHere);
        String onOther = startAndStop(builtHere, Path.of(OTHER), work.resolve("built-here.log"));
        assertThat(onOther).contains("this jar was built on JDK " + here + " and runs on JDK " + other);
        assertThat(onOther.contains(VIRTUAL_REQUEST_THREAD)).as("virtual request threads on JDK %s", other).isEqualTo(other >= 21);

        Path sources = work.resolve("sources");
        copySources(ROOT, sources);
        Tools.Result build = Tools.run(600, List.of("bash", "-c", "cd \"$0\" && ./mvnw -B -q -o -pl time-server -am -DskipTests package",
                sources.toString()), Map.of("JAVA_HOME", OTHER));
        assertThat(build.exitCode()).as("the time server built on JDK %s: %s", other, build.output()).isZero();
        Path builtThere = sources.resolve("time-server/target/time-server-" + VERSION + ".jar");
        String onThis = startAndStop(builtThere, thisJdk, work.resolve("built-there.log"));
        assertThat(onThis).contains("this jar was built on JDK " + other + " and runs on JDK " + here);
        assertThat(onThis.contains(VIRTUAL_REQUEST_THREAD)).as("virtual request threads on JDK %s", here).isEqualTo(here >= 21);
    }

    /**
     * Starts the jar through {@code bin/service} on that JDK (the first start makes its class-data cache beside
     * the jar), waits until it is ready and answers {@code GET /clock}, and stops it.
     *
     * @return its log
     */
    private static String startAndStop(Path jar, Path javaHome, Path log) throws IOException {
        int port = ServiceProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("bin/service").toString(), jar.toString(),
                "--server.port=" + port, "--server.address=127.0.0.1", "--ntp.port=0")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("CLUSTER_TOKEN", ServiceProcess.TOKEN);
        Process service = builder.start();
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .failFast("the service exited", () -> !service.isAlive())
                    .until(() -> status(port, "/actuator/health/readiness") == 200);
            assertThat(status(port, "/clock")).isEqualTo(200);
        } catch (RuntimeException | AssertionError notReady) {
            List<String> lines = Files.readAllLines(log);
            throw new AssertionError(jar + " on " + javaHome + " is not ready; its log ends:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())), notReady);
        } finally {
            Tools.stop(service, 20);
        }
        return Files.readString(log);
    }

    private static int status(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static int featureOf(Path java) {
        Tools.Result version = Tools.run(30, List.of(java.toString(), "-version"));
        Matcher feature = Pattern.compile("version \"(\\d+)").matcher(version.output());
        assertThat(feature.find()).as("%s -version: %s", java, version.output()).isTrue();
        return Integer.parseInt(feature.group(1));
    }

    /** The project's files without what builds leave (target/) and without its history. */
    private static void copySources(Path from, Path to) throws IOException {
        Set<String> skipped = Set.of("target", ".git", "node_modules");
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                if (!directory.equals(from) && skipped.contains(directory.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(directory).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
