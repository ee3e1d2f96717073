import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed lab's scenarios, played against a running local cluster ({@code ./cluster up}), with every
 * figure read from the services. Run by {@code ./cluster demo}; a single-file program, so that it needs
 * nothing but the JDK. Exits 1 if a scenario does not end as the algorithm says it must (clocks that do
 * not converge, a coordinator that is not replaced), so that tests can run it too. Its changes (syncs,
 * rounds, crashes) carry the cluster's token, from the environment variable {@code CLUSTER_TOKEN}
 * ({@code ./cluster demo} sets it).
 *
 * <pre>CLUSTER_TOKEN=... java bin/Demo.java [host]</pre>
 */
public class Demo {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final int[] NODES = {8101, 8102, 8103, 8104, 8105};
    /** The Berkeley masters' ports by their election id: 8080 (id 2) leads while both are up. */
    private static final Map<Integer, Integer> MASTERS = Map.of(2, 8080, 1, 8090);
    private static final List<String> LINES = List.of("KMC", "MIT", "TAPMI", "SOLS");
    private static String host = "127.0.0.1";
    private static final List<String> failures = new ArrayList<>();
    private static final String TOKEN = System.getenv("CLUSTER_TOKEN");

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            host = args[0];
        }
        if (TOKEN == null || TOKEN.isBlank()) {
            System.err.println("CLUSTER_TOKEN is not set: the demo's changes need the cluster's token (./cluster demo sets it)");
            System.exit(2);
        }
        cristian();
        berkeley();
        masterCrash();
        election();
        System.out.println();
        if (failures.isEmpty()) {
            System.out.println("Every scenario ended as the algorithms say it must.");
        } else {
            System.out.println("Not as expected:");
            failures.forEach(failure -> System.out.println("  - " + failure));
            System.exit(1);
        }
    }

    // ---- the scenarios --------------------------------------------------------------------------

    /** Mobile and laptop synchronize with the time server by Cristian's algorithm. */
    static void cristian() throws Exception {
        heading("1. Cristian's algorithm: mobile and laptop ask the time server");
        long server = offset(8011);
        System.out.printf("The time server's clock is %s from the host clock.%n", millis(server));
        System.out.printf("%-8s %14s %12s %12s %14s %14s%n", "client", "offset before", "round trip", "error bound", "adjustment", "offset after");
        for (int port : new int[] {8021, 8022}) {
            Map<String, Object> clock = json("GET", port, "/clock");
            long before = number(clock, "offsetNanos") + number(clock, "pendingSlewNanos");
            Map<String, Object> sync = json("POST", port, "/sync");
            long bound = number(sync, "errorBoundNanos");
            awaitSlewed(port);
            long after = offset(port);
            System.out.printf("%-8s %14s %12s %12s %14s %14s%n", clock.get("node"), millis(before - server),
                    micros(number(sync, "roundTripNanos")), micros(bound), millis(number(sync, "adjustmentNanos")), micros(after - server));
            check(Math.abs(after - server) <= bound + 1_000_000,
                    clock.get("node") + " is " + micros(after - server) + " from the server, outside its error bound " + micros(bound));
        }
        System.out.println("Offsets are relative to the time server; each client ends within its error bound (round trip / 2).");
    }

    /** The master brings KMC, MIT, TAPMI and SOLS together. */
    static void berkeley() throws Exception {
        heading("2. The Berkeley algorithm: the master and the production lines");
        int[] ports = {8080, 8081, 8082, 8083, 8084};
        awaitSlewed(ports);
        Map<String, Long> before = new LinkedHashMap<>();
        for (int port : ports) {
            Map<String, Object> clock = json("GET", port, "/clock");
            before.put((String) clock.get("node"), number(clock, "offsetNanos"));
        }
        Map<String, Object> round = roundOn(8080);
        awaitSlewed(ports);
        Map<String, Long> after = new LinkedHashMap<>();
        for (int port : ports) {
            Map<String, Object> clock = json("GET", port, "/clock");
            after.put((String) clock.get("node"), number(clock, "offsetNanos"));
        }
        System.out.printf("Round %s: average offset %s from the master's clock, in %s ms.%n", round.get("round"),
                millis(number(round, "averageOffsetNanos")), round.get("durationMillis"));
        System.out.printf("%-8s %16s %10s %16s %16s%n", "clock", "before (host)", "included", "adjustment", "after (host)");
        for (Object item : (List<?>) round.get("participants")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> participant = (Map<String, Object>) item;
            String name = (String) participant.get("name");
            System.out.printf("%-8s %16s %10s %16s %16s%n", name, before.containsKey(name) ? millis(before.get(name)) : "?",
                    participant.get("included"), participant.get("adjustmentNanos") == null ? participant.get("status")
                            : millis(number(participant, "adjustmentNanos")), after.containsKey(name) ? millis(after.get(name)) : "?");
        }
        long spreadBefore = spread(before.values());
        long spreadAfter = spread(after.values());
        System.out.printf("Spread of the five clocks: %s before, %s after.%n", millis(spreadBefore), micros(spreadAfter));
        check(spreadAfter < 5_000_000, "the Berkeley clocks are still " + micros(spreadAfter) + " apart after a round");
    }

    /**
     * The leading Berkeley master crashes: the other takes over in a higher term and its rounds adjust every
     * production line; the old one comes back and, with the higher id, leads again.
     */
    static void masterCrash() throws Exception {
        heading("3. The Berkeley master crashes");
        List<Integer> both = List.of(8080, 8090);
        int leader = agreedLeader(both, Duration.ofSeconds(10));
        int leaderPort = MASTERS.get(leader);
        int otherPort = leaderPort == 8080 ? 8090 : 8080;
        long term = number(json("GET", leaderPort, "/election"), "term");
        System.out.printf("Both masters name master %d (port %d) as the leader, term %d.%n", leader, leaderPort, term);
        long crashed = System.nanoTime();
        json("POST", leaderPort, "/admin/crash");
        Map<String, Object> round = awaitRoundByLeaderOf(otherPort, term, Duration.ofSeconds(20));
        long elapsed = (System.nanoTime() - crashed) / 1_000_000;
        if (round != null) {
            System.out.printf("%d ms later %s leads term %s, and its round %s adjusted %s.%n", elapsed, round.get("leader"),
                    round.get("term"), round.get("round"), String.join(", ", LINES));
        }
        check(round != null, "after the master on " + leaderPort + " crashed, no round by the other adjusted every line within 20 s");

        json("POST", leaderPort, "/admin/recover");
        long recovered = System.nanoTime();
        // master 2 has the higher id: back, it takes over from master 1 (Bully)
        int back = agreedLeader(both, Duration.ofSeconds(10), leader == 2 ? 1 : null);
        System.out.printf("The master on %d is back; %d ms later both name master %d, term %s.%n", leaderPort,
                (System.nanoTime() - recovered) / 1_000_000, back, json("GET", 8080, "/election").get("term"));
        check(back == 2, "after the master on " + leaderPort + " recovered the masters named " + back + ", not master 2 (8080)");
    }

    /**
     * @return the latest round, as the master on this port answers it, once it is one run by that master in a term
     *         above {@code term} that adjusted every production line; null if none comes within the time
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitRoundByLeaderOf(int port, long term, Duration within) throws Exception {
        String name = (String) json("GET", port, "/clock").get("node");
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() - deadline < 0) {
            HttpResponse<String> answer = get(port, "/rounds/latest");
            if (answer.statusCode() == 200) {
                Map<String, Object> round = (Map<String, Object>) new Json(answer.body()).value();
                Map<String, Object> statuses = new LinkedHashMap<>();
                for (Object item : (List<?>) round.get("participants")) {
                    Map<String, Object> participant = (Map<String, Object>) item;
                    statuses.put((String) participant.get("name"), participant.get("status"));
                }
                if (name.equals(round.get("leader")) && number(round, "term") > term
                        && LINES.stream().allMatch(line -> "adjusted".equals(statuses.get(line)))) {
                    return round;
                }
            }
            Thread.sleep(50);
        }
        return null;
    }

    /**
     * @return a round run now, through the master on this port: while the masters elect their leader (a master has
     *         just recovered, say) each answers 503 with Retry-After, and the round is asked again, for up to 10 s
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> roundOn(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/rounds"))
                    .timeout(READ_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", "Bearer " + TOKEN.trim()).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 503 || System.nanoTime() - deadline > 0) {
                if (answer.statusCode() / 100 != 2) {
                    throw new IllegalStateException("POST /rounds on port " + port + " answered " + answer.statusCode() + ": " + answer.body());
                }
                return (Map<String, Object>) new Json(answer.body()).value();
            }
            Thread.sleep(1_000 * Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1")));
        }
    }

    /** The coordinator crashes, Bully elects the next, a Ring election, and the old one comes back. */
    static void election() throws Exception {
        heading("4. Elections: the coordinator crashes");
        int leader = agreedLeader(allNodes(), Duration.ofSeconds(10));
        System.out.printf("Every node names node %d as the coordinator.%n", leader);
        int leaderPort = 8100 + leader;
        long crashed = System.nanoTime();
        json("POST", leaderPort, "/admin/crash");
        List<Integer> live = new ArrayList<>();
        for (int port : NODES) {
            if (port != leaderPort) {
                live.add(port);
            }
        }
        int next = agreedLeader(live, Duration.ofSeconds(10), leader);
        long elapsed = (System.nanoTime() - crashed) / 1_000_000;
        Map<String, Object> state = json("GET", 8100 + next, "/election");
        System.out.printf("Node %d crashed; %d ms later the four others name node %d. %s%n", leader, elapsed, next, describe(state));
        check(next == maxExcept(leader), "after node " + leader + " crashed the others named " + next + ", not the highest live id");

        heading("5. A Ring election, started by node 2");
        json("POST", 8102, "/election?algorithm=ring");
        int ring = agreedLeader(live, Duration.ofSeconds(10));
        Map<String, Object> ringState = json("GET", 8102, "/election");
        System.out.printf("The ring names node %d. %s%n", ring, describe(ringState));
        check(ring == next, "the ring named " + ring + ", not " + next);

        heading("6. The old coordinator recovers");
        json("POST", leaderPort, "/admin/recover");
        long recovered = System.nanoTime();
        int back = agreedLeader(allNodes(), Duration.ofSeconds(10));
        System.out.printf("Node %d is back; %d ms later every node names node %d. %s%n", leader,
                (System.nanoTime() - recovered) / 1_000_000, back, describe(json("GET", 8100 + back, "/election")));
        check(back == leader, "after node " + leader + " recovered every node named " + back);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static List<Integer> allNodes() {
        List<Integer> ports = new ArrayList<>();
        for (int port : NODES) {
            ports.add(port);
        }
        return ports;
    }

    private static int maxExcept(int id) {
        return id == 5 ? 4 : 5;
    }

    @SuppressWarnings("unchecked")
    private static String describe(Map<String, Object> state) {
        Map<String, Object> last = (Map<String, Object>) state.get("lastElection");
        if (last == null) {
            return "";
        }
        return String.format("Last election: term %s, %s, started by node %s%s, %s ms, messages node %s sent in it: %s.",
                last.get("term"), last.get("algorithm"), last.get("initiator"),
                last.get("reason") == null ? "" : " (" + last.get("reason") + ")",
                last.get("durationMillis"), state.get("nodeId"), last.get("messagesSent"));
    }

    /** @return the leader every node on these ports names, once they agree; fails the demo if they do not in time */
    private static int agreedLeader(List<Integer> ports, Duration within) throws Exception {
        return agreedLeader(ports, within, null);
    }

    /** @return the leader every node on these ports names, once they agree on one other than {@code not} */
    private static int agreedLeader(List<Integer> ports, Duration within, Integer not) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String seen = "";
        while (System.nanoTime() - deadline < 0) {
            List<Object> leaders = new ArrayList<>();
            for (int port : ports) {
                leaders.add(json("GET", port, "/election").get("leaderId"));
            }
            seen = leaders.toString();
            if (leaders.get(0) != null && leaders.stream().allMatch(leaders.get(0)::equals)
                    && (not == null || ((BigDecimal) leaders.get(0)).intValue() != not)) {
                return ((BigDecimal) leaders.get(0)).intValue();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the nodes on " + ports + " did not agree on a coordinator within " + within + ": " + seen);
    }

    /** Waits until the clocks on these ports have no correction left to slew (at most 20 s). */
    private static void awaitSlewed(int... ports) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (int port : ports) {
            while (number(json("GET", port, "/clock"), "pendingSlewNanos") != 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(100);
            }
        }
    }

    private static long offset(int port) throws Exception {
        return number(json("GET", port, "/clock"), "offsetNanos");
    }

    private static long spread(Iterable<Long> values) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return max - min;
    }

    private static void check(boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
            System.out.println("  !! " + failure);
        }
    }

    private static void heading(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    private static String millis(long nanos) {
        return String.format("%+.3f ms", nanos / 1e6);
    }

    private static String micros(long nanos) {
        return String.format("%+.1f µs", nanos / 1e3);
    }

    private static long number(Map<String, Object> json, String field) {
        Object value = json.get(field);
        if (!(value instanceof BigDecimal number)) {
            throw new IllegalStateException("no number " + field + " in " + json);
        }
        return number.longValue();
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path)).timeout(READ_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String method, int port, String path) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                .timeout(READ_TIMEOUT).method(method, HttpRequest.BodyPublishers.noBody());
        if (!method.equals("GET")) {
            builder.header("Authorization", "Bearer " + TOKEN.trim());
        }
        HttpRequest request = builder.build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " on port " + port + " answered " + response.statusCode() + ": " + response.body());
        }
        return (Map<String, Object>) new Json(response.body()).value();
    }

    /**
     * A small JSON parser (RFC 8259): objects (as ordered maps), arrays, strings, numbers (as BigDecimal),
     * true, false and null. Anything else, trailing text included, is an error.
     */
    static final class Json {

        private final String text;
        private int at;

        Json(String text) {
            this.text = text;
        }

        /** @return the one value the whole text holds */
        Object value() {
            Object value = next();
            space();
            if (at != text.length()) {
                throw error("end of text");
            }
            return value;
        }

        private Object next() {
            space();
            if (at >= text.length()) {
                throw error("a value");
            }
            char c = text.charAt(at);
            if (c == '{') {
                return object();
            } else if (c == '[') {
                return array();
            } else if (c == '"') {
                return string();
            } else if (c == '-' || c >= '0' && c <= '9') {
                return number();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (text.startsWith(word, at)) {
                    at += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            throw error("a value");
        }

        private Map<String, Object> object() {
            Map<String, Object> object = new LinkedHashMap<>();
            expect('{');
            space();
            if (peek() == '}') {
                at++;
                return object;
            }
            do {
                space();
                String key = string();
                space();
                expect(':');
                object.put(key, next());
                space();
            } while (take(','));
            expect('}');
            return object;
        }

        private List<Object> array() {
            List<Object> array = new ArrayList<>();
            expect('[');
            space();
            if (peek() == ']') {
                at++;
                return array;
            }
            do {
                array.add(next());
                space();
            } while (take(','));
            expect(']');
            return array;
        }

        private String string() {
            expect('"');
            StringBuilder string = new StringBuilder();
            while (true) {
                char c = peek();
                at++;
                if (c == '"') {
                    return string.toString();
                } else if (c < 0x20) {
                    throw error("no control character in a string");
                } else if (c != '\\') {
                    string.append(c);
                    continue;
                }
                char escaped = peek();
                at++;
                switch (escaped) {
                    case '"', '\\', '/' -> string.append(escaped);
                    case 'b' -> string.append('\b');
                    case 'f' -> string.append('\f');
                    case 'n' -> string.append('\n');
                    case 'r' -> string.append('\r');
                    case 't' -> string.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length() || !text.substring(at, at + 4).matches("[0-9a-fA-F]{4}")) {
                            throw error("four hex digits");
                        }
                        // a character outside the BMP comes as two escapes, a surrogate pair, one char each
                        string.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw error("an escape");
                }
            }
        }

        private BigDecimal number() {
            int start = at;
            take('-');
            if (!take('0')) {
                digits();
            }
            if (take('.')) {
                digits();
            }
            if (take('e') || take('E')) {
                if (!take('+')) {
                    take('-');
                }
                digits();
            }
            return new BigDecimal(text.substring(start, at));
        }

        private void digits() {
            int start = at;
            while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                at++;
            }
            if (at == start) {
                throw error("a digit");
            }
        }

        private void space() {
            while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        private char peek() {
            if (at >= text.length()) {
                throw error("more text");
            }
            return text.charAt(at);
        }

        private boolean take(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("'" + c + "'");
            }
            at++;
        }

        private IllegalStateException error(String expected) {
            return new IllegalStateException("JSON: expected " + expected + " at " + at + " in " + text);
        }
    }

    private Demo() {
    }
}
