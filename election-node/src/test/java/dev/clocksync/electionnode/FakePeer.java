package dev.clocksync.electionnode;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Another member, in the test's JVM: records every message the node sends it, and can refuse or hang. */
public final class FakePeer implements AutoCloseable {

    public enum Mode {
        /** Answers 202, as a live node does. */
        ACCEPT,
        /** Answers 503, as a crashed node does. */
        REFUSE,
        /** Answers after 3 s, as a hung node (longer than any read timeout in the tests). */
        HANG
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.ACCEPT;

    public FakePeer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/election/messages", this::message);
        server.setExecutor(executor);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** @return every message received so far (whatever the mode), oldest first */
    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** @return the Authorization header of every message received so far ("none" where there was none) */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** @return the messages of this type received so far */
    public List<JsonNode> received(String type) {
        return received.stream().filter(m -> type.equals(m.get("type").asString())).toList();
    }

    private void message(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "none" : authorization);
        try (InputStream body = exchange.getRequestBody()) {
            received.add(JSON.readTree(body.readAllBytes()));
        }
        switch (mode) {
            case ACCEPT -> send(exchange, 202, "");
            case REFUSE -> send(exchange, 503, "{\"status\":503}");
            case HANG -> {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, 202, "");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
