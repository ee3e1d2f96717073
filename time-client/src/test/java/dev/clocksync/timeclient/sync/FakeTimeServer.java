package dev.clocksync.timeclient.sync;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.clocksync.clock.TimeSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A time server in the test's own JVM that can be told to misbehave. */
final class FakeTimeServer implements AutoCloseable {

    enum Mode { GOOD, RATE_LIMITED, HANG, EMPTY, BACKWARDS, BROKEN }

    private final HttpServer server;
    private volatile Mode mode = Mode.GOOD;
    private volatile long offsetNanos;
    private final AtomicInteger delayed = new AtomicInteger();
    private volatile Duration delayBy = Duration.ZERO;

    FakeTimeServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/time", this::time);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    void offset(Duration offset) {
        this.offsetNanos = offset.toNanos();
    }

    /** The next {@code count} good answers are sent {@code by} late, after their timestamps are taken. */
    void delayNextAnswers(int count, Duration by) {
        delayBy = by;
        delayed.set(count);
    }

    private void time(HttpExchange exchange) throws IOException {
        long received = TimeSource.system().wallEpochNanos() + offsetNanos;
        switch (mode) {
            case RATE_LIMITED -> {
                exchange.getResponseHeaders().set("Retry-After", "7");
                send(exchange, 429, "{\"status\":429}");
            }
            case HANG -> {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, 200, "{}");
            }
            case EMPTY -> send(exchange, 200, "{}");
            case BROKEN -> send(exchange, 200, "{\"receiveEpochNanos\":");
            case BACKWARDS -> send(exchange, 200, "{\"receiveEpochNanos\":" + received + ",\"transmitEpochNanos\":" + (received - 1_000_000) + "}");
            case GOOD -> {
                long transmitted = TimeSource.system().wallEpochNanos() + offsetNanos;
                if (delayed.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                    try {
                        Thread.sleep(delayBy.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                send(exchange, 200, "{\"receiveEpochNanos\":" + received + ",\"transmitEpochNanos\":" + transmitted + "}");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
