package dev.clocksync.support.clock;

import dev.clocksync.support.http.JsonOnlyConverters;
import dev.clocksync.support.http.PeerClients;
import dev.clocksync.support.timestamp.TimestampedPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reads the service's own {@code GET /clock}, and every other path whose answers carry clock timestamps
 * ({@link TimestampedPaths}: a time server's {@code /time}), over loopback {@code clock.warm-up-reads} times each at
 * start-up, in turn, before the service reports ready. A peer that measures this clock (a Berkeley master reading a slave)
 * times the exchange and assumes both legs take as long; a cold JVM runs the serving path interpreted,
 * for milliseconds and unevenly, which makes the legs differ by hundreds of microseconds. After about a
 * thousand reads the JIT has compiled it and an exchange takes a few hundred microseconds. The warm-up
 * stops at the count, after {@link #LIMIT}, or when the clock stops answering.
 */
public class ClockWarmUp implements ApplicationRunner {

    /**
     * However slow the machine, the warm-up never holds the service back longer than this. A quiet machine is done
     * in 1–4 s; one too busy to be done in 5 s (14 services starting on two cores read their clocks about a hundred
     * times in 10 s) would not have compiled the path in 10 s either, and the wait only delays its start.
     */
    public static final Duration LIMIT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(ClockWarmUp.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final int reads;
    private final ApplicationContext context;

    /** @param context the application; the warm-up runs only in one with a web server (not in a mock web environment) */
    public ClockWarmUp(int reads, ApplicationContext context) {
        this.reads = reads;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (reads == 0 || !(context instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        RestClient self = RestClient.builder()
                .configureMessageConverters(JsonOnlyConverters::apply)
                .baseUrl("http://127.0.0.1:" + web.getWebServer().getPort())
                .requestFactory(PeerClients.requestFactory(TIMEOUT, TIMEOUT))
                .build();
        List<String> paths = timestampedPaths();
        int[] next = {0};
        Outcome outcome = repeat(reads * paths.size(), () -> {
            try {
                self.get().uri(paths.get(next[0]++ % paths.size())).retrieve().toBodilessEntity();
                return true;
            } catch (RestClientException e) {
                return false;
            }
        });
        log.info("GET {} warmed up: {}", String.join(", ", paths), outcome);
    }

    /** @return {@code /clock} and the other timestamped paths that name one resource (no wildcards) */
    private List<String> timestampedPaths() {
        List<String> paths = new ArrayList<>(List.of("/clock"));
        context.getBeanProvider(TimestampedPaths.class).orderedStream()
                .flatMap(declared -> declared.patterns().stream())
                .filter(path -> !path.contains("*") && !paths.contains(path))
                .forEach(paths::add);
        return paths;
    }

    /**
     * Calls {@code read} {@code reads} times, or until {@link #LIMIT} has passed on the monotonic clock, or until
     * it has failed ten times in a row.
     *
     * @param read one read; {@code true} if it succeeded
     */
    public static Outcome repeat(int reads, BooleanSupplier read) {
        long start = System.nanoTime();
        long deadline = start + LIMIT.toNanos();
        int done = 0;
        int failedInARow = 0;
        while (done < reads && failedInARow < 10 && System.nanoTime() - deadline < 0) {
            failedInARow = read.getAsBoolean() ? 0 : failedInARow + 1;
            done++;
        }
        return new Outcome(done, Duration.ofNanos(System.nanoTime() - start), failedInARow >= 10);
    }

    /**
     * What a warm-up did.
     *
     * @param reads  how many reads it made
     * @param took   how long they took
     * @param gaveUp whether it stopped because the reads kept failing
     */
    public record Outcome(int reads, Duration took, boolean gaveUp) {

        @Override
        public String toString() {
            return reads + " reads of its own clock in " + took.toMillis() + " ms"
                    + (gaveUp ? " (stopped: its own clock does not answer)" : "");
        }
    }
}
