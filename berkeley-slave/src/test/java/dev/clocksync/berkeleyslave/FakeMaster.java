package dev.clocksync.berkeleyslave;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A master in the test's own JVM that records registrations, and can be told to refuse them. */
public final class FakeMaster implements AutoCloseable {

    private final HttpServer server;
    private final List<String> registrations = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile int status = 201;

    public FakeMaster() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/slaves", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "none" : authorization);
            int answer = status;
            if (answer < 300) {
                registrations.add(body);
            }
            byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<String> registrations() {
        return registrations;
    }

    /** @return the Authorization header of every registration received ("none" where there was none) */
    public List<String> authorizations() {
        return authorizations;
    }

    public void answer(int status) {
        this.status = status;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
