package dev.clocksync.systemtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Running the machine's own tools (ip, chronyd, ntpdig) from tests. */
final class Tools {

    private Tools() {
    }

    record Result(int exitCode, String output) {
    }

    /** @return the tool's exit code and output; it is killed if it takes longer than the timeout */
    static Result run(long timeoutSeconds, List<String> command) {
        return run(timeoutSeconds, command, Map.of());
    }

    /**
     * As {@link #run(long, List)}, with changes to this JVM's environment: each entry is set, or removed
     * where its value is null.
     */
    static Result run(long timeoutSeconds, List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            environment.forEach((name, value) -> {
                if (value == null) {
                    builder.environment().remove(name);
                } else {
                    builder.environment().put(name, value);
                }
            });
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }

    /**
     * Ends a process this test started: asks it to stop, and kills it if it has not within the grace period.
     * Returns once it is gone (or after 10 s more), also when interrupted, keeping the interrupt.
     */
    static void stop(Process process, long graceSeconds) {
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static Result run(String... command) {
        return run(60, List.of(command));
    }

    /** Skips the test where the tool is missing, except in CI, which installs it (.ci/run): there a missing tool fails. */
    static void require(String tool, String why) {
        boolean present = run("sh", "-c", "command -v " + tool).exitCode() == 0;
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(tool + " is missing in CI: .ci/run should install it (" + why + ")");
        }
        assumeTrue(present, tool + " is not installed: not testing " + why);
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
