package dev.clocksync.berkeleymaster.round;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.clocksync.clock.ClockReading;
import dev.clocksync.clock.ClockSettings;
import dev.clocksync.clock.TimeSource;
import dev.clocksync.clock.VirtualClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A slave clock in the test's own JVM, on the host's clocks like every other node, that can be told to misbehave. */
final class FakeSlave implements AutoCloseable {

    /** FENCE: refuse adjustments as a slave that follows a master of term {@link #acceptedTerm} does. */
    enum Mode { GOOD, HANG, REJECT, FAIL, FENCE }

    private static final Pattern ADJUSTMENT = Pattern.compile("\"adjustmentNanos\":(-?\\d+)");
    private static final Pattern TERM = Pattern.compile("\"term\":(\\d+)");

    private final HttpServer server;
    private final VirtualClock clock;
    private final List<Long> adjustments = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<Long> terms = new CopyOnWriteArrayList<>();
    private volatile long acceptedTerm;
    private volatile Mode mode = Mode.GOOD;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger slowReads = new AtomicInteger();
    private volatile Duration slowBy = Duration.ZERO;

    FakeSlave(Duration offset) {
        clock = new VirtualClock(TimeSource.system(), ClockSettings.defaults().withInitialOffset(offset).withMaxSlewRatePpm(900_000));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/clock", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    /** @return where the clock is heading: its offset from the host clock once pending slews are absorbed */
    long targetOffsetNanos() {
        ClockReading reading = clock.read();
        return reading.offsetNanos() + reading.pendingSlewNanos();
    }

    /** The next {@code count} reads of the clock are answered {@code by} late (the reading itself is taken first). */
    void slowDownNextReads(int count, Duration by) {
        slowBy = by;
        slowReads.set(count);
    }

    /** @return how many times the clock has been read */
    int reads() {
        return reads.get();
    }

    /** @param term the term FENCE says it has accepted */
    void fence(long term) {
        acceptedTerm = term;
        mode = Mode.FENCE;
    }

    /** @return the term every adjustment received carried, applied or not */
    List<Long> terms() {
        return terms;
    }

    List<Long> adjustments() {
        return adjustments;
    }

    /** @return the Authorization header of every adjustment received ("none" where there was none) */
    List<String> authorizations() {
        return authorizations;
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (mode == Mode.HANG) {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (exchange.getRequestURI().getPath().equals("/clock/adjustments")) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "none" : authorization);
            Matcher term = TERM.matcher(body);
            terms.add(term.find() ? Long.parseLong(term.group(1)) : -1);
            if (mode == Mode.FENCE) {
                exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                byte[] problem = ("{\"type\":\"urn:clocksync:problem:stale-term\",\"status\":409,\"detail\":\"deposed\","
                        + "\"acceptedTerm\":" + acceptedTerm + "}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(409, problem.length);
                exchange.getResponseBody().write(problem);
                exchange.close();
                return;
            }
            if (mode == Mode.REJECT) {
                send(exchange, 422, "{\"status\":422}");
                return;
            }
            if (mode == Mode.FAIL) {
                send(exchange, 500, "{\"status\":500,\"detail\":\"An unexpected error occurred.\"}");
                return;
            }
            Matcher adjustment = ADJUSTMENT.matcher(body);
            if (!adjustment.find()) {
                send(exchange, 400, "{\"status\":400}");
                return;
            }
            long nanos = Long.parseLong(adjustment.group(1));
            clock.adjust(nanos);
            adjustments.add(nanos);
            send(exchange, 200, "{\"replayed\":false}");
            return;
        }
        reads.incrementAndGet();
        ClockReading reading = clock.read();
        if (slowReads.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            try {
                Thread.sleep(slowBy.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        send(exchange, 200, "{\"epochNanos\":" + reading.epochNanos() + ",\"pendingSlewNanos\":" + reading.pendingSlewNanos() + "}");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
