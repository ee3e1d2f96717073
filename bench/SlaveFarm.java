import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.clocksync.clock.ClockReading;
import dev.clocksync.clock.ClockSettings;
import dev.clocksync.clock.TimeSource;
import dev.clocksync.clock.VirtualClock;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many lightweight Berkeley slaves in one process, for the 100-slave benchmark: slave i listens on a
 * loopback port of its own, answers GET /s/i/clock and POST /s/i/clock/adjustments like a berkeley-slave
 * (virtual clock from clock-core, skewed by up to ±5 s), and registers with the master as "farm-i" every
 * 2 s, with the cluster's token from CLUSTER_TOKEN.
 * <p>
 * A port each, as real slaves have an address each: the JDK's HTTP client keeps at most five idle
 * connections per host and port, so 100 slaves behind one port made the master open and close dozens of
 * connections every round, which no deployment of separate slaves does.
 *
 *   CLUSTER_TOKEN=... java -cp clock-core/target/classes bench/SlaveFarm.java COUNT MASTER_URL
 */
public class SlaveFarm {

    private static final Pattern ADJUSTMENT = Pattern.compile("\"adjustmentNanos\"\\s*:\\s*(-?\\d+)");

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        String master = args[1];
        Random random = new Random(42);
        VirtualClock[] clocks = new VirtualClock[count];
        int[] ports = new int[count];
        ExecutorService handlers = Executors.newFixedThreadPool(16);
        for (int i = 0; i < count; i++) {
            clocks[i] = new VirtualClock(TimeSource.system(), ClockSettings.defaults()
                    .withInitialOffset(Duration.ofMillis(random.nextInt(10_000) - 5_000)).withMaxSlewRatePpm(900_000));
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.createContext("/s/", exchange -> handle(exchange, clocks));
            server.setExecutor(handlers);
            server.start();
            ports[i] = server.getAddress().getPort();
        }

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        while (true) {
            for (int i = 0; i < count; i++) {
                String body = "{\"name\":\"farm-" + i + "\",\"url\":\"http://127.0.0.1:" + ports[i] + "/s/" + i + "\"}";
                try {
                    client.send(HttpRequest.newBuilder(URI.create(master + "/slaves")).timeout(Duration.ofSeconds(2))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + System.getenv("CLUSTER_TOKEN"))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                } catch (IOException e) {
                    // the master is not up yet; try again next time
                }
            }
            Thread.sleep(2_000);
        }
    }

    private static void handle(HttpExchange exchange, VirtualClock[] clocks) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        int index = Integer.parseInt(path[2]);
        VirtualClock clock = clocks[index];
        if (path.length > 4 && path[4].equals("adjustments")) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher adjustment = ADJUSTMENT.matcher(body);
            if (!adjustment.find()) {
                send(exchange, 400, "{\"status\":400}");
                return;
            }
            clock.adjust(Long.parseLong(adjustment.group(1)));
            send(exchange, 200, "{\"replayed\":false}");
            return;
        }
        ClockReading reading = clock.read();
        send(exchange, 200, "{\"epochNanos\":" + reading.epochNanos() + ",\"pendingSlewNanos\":" + reading.pendingSlewNanos()
                + ",\"offsetNanos\":" + reading.offsetNanos() + "}");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
