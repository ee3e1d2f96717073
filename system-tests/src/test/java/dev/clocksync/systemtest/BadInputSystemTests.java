package dev.clocksync.systemtest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input everywhere: for every operation each service lists in its own {@code /v3/api-docs}, with the
 * cluster's token (so that the input itself is judged, not the caller), the test sends malformed JSON,
 * wrong types, missing and unknown fields, absurd numbers, an oversized body, wrong content types and
 * bad path and query values; and to every service unknown paths and wrong methods. Every answer must
 * be a 4xx {@code application/problem+json}, none a 5xx, and the state each service shows must be the
 * same afterwards. What was sent and how it was answered goes to
 * {@code target/reliability/bad-input.tsv} for docs/reliability.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputSystemTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Path FIGURES = Path.of("target/reliability/bad-input.tsv");
    private static final List<String> BODY_METHODS = List.of("post", "put", "patch");

    private final Services services = new Services();
    private final Map<String, ServiceProcess> byModule = new LinkedHashMap<>();

    @BeforeAll
    void startOneOfEach() throws IOException {
        Files.deleteIfExists(FIGURES);
        ServiceProcess server = services.start("time-server", "bad-input-time-server", "--ntp.port=0");
        // An elected master (a group of one, which leads): its election endpoints are walked too.
        int masterPort = ServiceProcess.freePort();
        ServiceProcess master = services.start("berkeley-master", "bad-input-master", masterPort, "--berkeley.scheduled=false",
                "--berkeley.warm-up-reads=0", "--election.node-id=1", "--election.peers.1=http://127.0.0.1:" + masterPort);
        int nodePort = ServiceProcess.freePort();
        byModule.put("time-server", server);
        byModule.put("berkeley-master", master);
        byModule.put("time-client", services.start("time-client", "bad-input-client", "--cristian.server-url=" + server.url(),
                "--cristian.interval=1h"));
        byModule.put("berkeley-slave", services.start("berkeley-slave", "bad-input-slave", "--berkeley.master-url=" + master.url(),
                "--berkeley.node-name=KMC", "--clock.warm-up-reads=0"));
        byModule.put("election-node", services.start("election-node", "bad-input-node", nodePort, "--election.node-id=1",
                "--election.peers.1=http://127.0.0.1:" + nodePort));
        // The dashboard watches the others: bad input to its buttons must reach none of them.
        byModule.put("dashboard", services.start("dashboard", "bad-input-dashboard",
                "--dashboard.time-server.name=time-server", "--dashboard.time-server.url=" + server.url(),
                "--dashboard.clients[0].name=mobile", "--dashboard.clients[0].url=" + byModule.get("time-client").url(),
                "--dashboard.master.name=master", "--dashboard.master.url=" + master.url(),
                "--dashboard.slaves[0].name=KMC", "--dashboard.slaves[0].url=" + byModule.get("berkeley-slave").url(),
                "--dashboard.nodes[0].id=1", "--dashboard.nodes[0].url=http://127.0.0.1:" + nodePort));
        byModule.values().forEach(ServiceProcess::awaitReady);
    }

    @AfterAll
    void stop() {
        services.close();
    }

    @Test
    void timeServer() {
        walk("time-server");
    }

    @Test
    void timeClient() {
        ServiceProcess client = byModule.get("time-client");
        await().atMost(Duration.ofSeconds(60)).until(() -> client.json("/sync/history?limit=1").size() == 1);
        walk("time-client");
    }

    @Test
    void berkeleyMaster() {
        ServiceProcess master = byModule.get("berkeley-master");
        await().atMost(Duration.ofSeconds(60)).until(() -> master.json("/slaves").size() == 1
                && "LEADER".equals(master.json("/election").get("state").asString()));
        assertThat(master.post("/rounds").statusCode()).isEqualTo(200);
        walk("berkeley-master");
    }

    @Test
    void berkeleySlave() {
        walk("berkeley-slave");
    }

    @Test
    void electionNode() {
        ServiceProcess node = byModule.get("election-node");
        await().atMost(Duration.ofSeconds(60)).until(() -> "LEADER".equals(node.json("/election").get("state").asString()));
        walk("election-node");
    }

    @Test
    void dashboard() {
        ServiceProcess node = byModule.get("election-node");
        await().atMost(Duration.ofSeconds(60)).until(() -> "LEADER".equals(node.json("/election").get("state").asString()));
        walk("dashboard");
    }

    // ------------------------------------------------------------------------------------------ the walk

    /** One request of the walk. */
    private record Probe(String method, String path, String contentType, String body, String what, int expected) {

        /** A request that must get some 4xx. */
        Probe(String method, String path, String contentType, String body, String what) {
            this(method, path, contentType, body, what, 0);
        }
    }

    private void walk(String module) {
        ServiceProcess service = byModule.get(module);
        String before = state(module, service);
        JsonNode docs = service.json("/v3/api-docs");
        Map<String, List<Probe>> byOperation = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = docs.get("paths").properties().iterator(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<String> listed = new ArrayList<>();
            path.getValue().properties().forEach(entry -> listed.add(entry.getKey()));
            List.of("delete", "patch", "put").stream().filter(m -> !listed.contains(m)).findFirst().ifPresent(unlisted ->
                    byOperation.put(unlisted.toUpperCase() + " " + path.getKey() + " (not an operation)", List.of(new Probe(
                            unlisted.toUpperCase(), path.getKey().replaceAll("\\{[^}]+}", "1"), "application/json", "{}",
                            "a method the path does not take", 405))));
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().properties().iterator(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                List<Probe> probes = probes(docs, path.getKey(), operation.getKey(), operation.getValue());
                if (!probes.isEmpty()) {
                    byOperation.put(operation.getKey().toUpperCase() + " " + path.getKey(), probes);
                }
            }
        }
        // A read every service has (the dashboard's is its snapshot), asked with methods it does not take.
        String read = docs.get("paths").has("/clock") ? "/clock" : "/api/snapshot";
        byOperation.put("unknown paths and wrong methods", List.of(
                new Probe("GET", "/no/such/path", null, null, "unknown path", 404),
                new Probe("POST", "/no/such/path", "application/json", "{}", "unknown path", 404),
                new Probe("DELETE", read, null, null, "wrong method", 405),
                new Probe("PUT", read, "application/json", "{}", "wrong method", 405)));
        assertThat(docs.get("paths").size()).as("operations %s lists in /v3/api-docs", module).isPositive();

        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<Probe>> operation : byOperation.entrySet()) {
            int fourXx = 0;
            int fiveXx = 0;
            for (Probe probe : operation.getValue()) {
                HttpResponse<String> answer = send(service, probe);
                int status = answer.statusCode();
                String type = answer.headers().firstValue("Content-Type").orElse("");
                if (status >= 500) {
                    fiveXx++;
                }
                boolean expected = probe.expected() == 0 ? status >= 400 && status < 500 : status == probe.expected();
                if (expected && type.startsWith("application/problem+json")) {
                    fourXx++;
                } else {
                    failures.add(probe.method() + " " + probe.path() + " (" + probe.what() + "): " + status
                            + (probe.expected() == 0 ? "" : " (expected " + probe.expected() + ")") + " " + type
                            + " " + abbreviate(answer.body()));
                }
            }
            record(module, operation.getKey(), operation.getValue().size(), fourXx, fiveXx);
        }
        assertThat(failures).as("answers that were not a 4xx problem document").isEmpty();
        assertThat(state(module, service)).as("what %s shows after the walk", module).isEqualTo(before);
    }

    /** @return the requests that get this operation's input wrong; none if it takes no input */
    private static List<Probe> probes(JsonNode docs, String path, String method, JsonNode operation) {
        List<Probe> probes = new ArrayList<>();
        String concrete = path;
        List<JsonNode> pathParameters = new ArrayList<>();
        List<JsonNode> queryParameters = new ArrayList<>();
        if (operation.has("parameters")) {
            for (JsonNode parameter : operation.get("parameters")) {
                if ("path".equals(parameter.get("in").asString())) {
                    pathParameters.add(parameter);
                    concrete = concrete.replace("{" + parameter.get("name").asString() + "}", validValue(parameter.get("schema")));
                } else if ("query".equals(parameter.get("in").asString())) {
                    queryParameters.add(parameter);
                }
            }
        }
        String verb = method.toUpperCase();
        for (JsonNode parameter : pathParameters) {
            String name = parameter.get("name").asString();
            for (String bad : badValues(parameter.get("schema"))) {
                String bent = path.replace("{" + name + "}", URLEncoder.encode(bad, StandardCharsets.UTF_8));
                for (JsonNode other : pathParameters) {
                    bent = bent.replace("{" + other.get("name").asString() + "}", validValue(other.get("schema")));
                }
                probes.add(new Probe(verb, bent, null, null, "path " + name + "=" + abbreviate(bad)));
            }
        }
        for (JsonNode parameter : queryParameters) {
            String name = parameter.get("name").asString();
            for (String bad : badValues(parameter.get("schema"))) {
                probes.add(new Probe(verb, concrete + "?" + name + "=" + URLEncoder.encode(bad, StandardCharsets.UTF_8), null, null,
                        "query " + name + "=" + abbreviate(bad)));
            }
        }
        JsonNode content = operation.path("requestBody").path("content").path("application/json");
        if (BODY_METHODS.contains(method) && !content.isMissingNode()) {
            JsonNode schema = resolve(docs, content.get("schema"));
            ObjectNode valid = validBody(docs, schema);
            probes.add(new Probe(verb, concrete, "application/json", "{", "malformed JSON"));
            probes.add(new Probe(verb, concrete, "application/json", "[]", "an array, not an object"));
            probes.add(new Probe(verb, concrete, "application/json", "null", "null"));
            probes.add(new Probe(verb, concrete, "application/json", "", "no body"));
            probes.add(new Probe(verb, concrete, "application/json", "{}", "no fields"));
            probes.add(new Probe(verb, concrete, "text/plain", valid.toString(), "text/plain", 415));
            probes.add(new Probe(verb, concrete, "application/xml", "<a/>", "application/xml", 415));
            ObjectNode extra = valid.deepCopy();
            extra.put("unexpected", 1);
            probes.add(new Probe(verb, concrete, "application/json", extra.toString(), "an unknown field"));
            // YAML is a superset of JSON: a YAML converter would read this body, and take the unknown field
            probes.add(new Probe(verb, concrete, "application/yaml", extra.toString(), "application/yaml", 415));
            ObjectNode oversized = valid.deepCopy();
            oversized.put("padding", "x".repeat(1 << 20));
            probes.add(new Probe(verb, concrete, "application/json", oversized.toString(), "a 1 MB body", 413));
            JsonNode required = schema.path("required");
            for (JsonNode field : required) {
                ObjectNode missing = valid.deepCopy();
                missing.remove(field.asString());
                probes.add(new Probe(verb, concrete, "application/json", missing.toString(), "without " + field.asString()));
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").properties().iterator(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode fieldSchema = resolve(docs, field.getValue());
                List<String> wrong = new ArrayList<>(List.of("true", "{}", "[[]]"));
                if (isNumber(fieldSchema)) {
                    wrong.addAll(List.of("\"x\"", "9223372036854775808", "-9223372036854775809", "99999999999999999999", "1e30",
                            "1.5", "\"12\""));
                    wrong.addAll(outOfRange(fieldSchema));
                    if (field.getKey().endsWith("Nanos")) {
                        wrong.addAll(List.of("3155760000000000000", "-3155760000000000000"));  // 100 years
                    }
                } else if ("string".equals(fieldSchema.path("type").asString())) {
                    wrong.addAll(List.of("12", "1.5", "\"" + "x".repeat(5_000) + "\"", "\"\"", "\"\\u0000\""));
                }
                for (String value : wrong) {
                    String body = valid.deepCopy().put(field.getKey(), 0).toString()
                            .replace("\"" + field.getKey() + "\":0", "\"" + field.getKey() + "\":" + value);
                    if (!sameAsValid(valid, field.getKey(), value)) {
                        probes.add(new Probe(verb, concrete, "application/json", body, field.getKey() + "=" + abbreviate(value)));
                    }
                }
            }
        }
        return probes;
    }

    /** A wrong value that happens to be a valid one (0 where 0 is valid) is not sent. */
    private static boolean sameAsValid(ObjectNode valid, String field, String value) {
        return valid.has(field) && valid.get(field).toString().equals(value);
    }

    /** @return values just outside the minimum and maximum the schema declares, if it declares them */
    private static List<String> outOfRange(JsonNode schema) {
        List<String> values = new ArrayList<>();
        if (schema.has("minimum")) {
            long minimum = schema.get("minimum").asLong();
            values.add(Long.toString(schema.path("exclusiveMinimum").asBoolean(false) ? minimum : minimum - 1));
        }
        if (schema.has("exclusiveMinimum") && schema.get("exclusiveMinimum").isNumber()) {
            values.add(Long.toString(schema.get("exclusiveMinimum").asLong()));
        }
        if (schema.has("maximum")) {
            values.add(Long.toString(schema.get("maximum").asLong() + 1));
        }
        if ("int32".equals(schema.path("format").asString())) {
            values.add("2147483648");
        }
        return values;
    }

    private static boolean isNumber(JsonNode schema) {
        String type = schema.path("type").asString();
        return "integer".equals(type) || "number".equals(type);
    }

    private static List<String> badValues(JsonNode schema) {
        if (isNumber(schema)) {
            // -1 and 0 are bad values unless the schema's minimum admits them (dashboard's after=0 is every row).
            long minimum = schema.has("minimum") ? schema.get("minimum").asLong() : Long.MAX_VALUE;
            return Stream.of("x", "-1", "0", "1.5", "99999999999999999999", "9223372036854775807 ")
                    .filter(value -> !(value.equals("-1") && minimum <= -1) && !(value.equals("0") && minimum <= 0)).toList();
        }
        return List.of("x".repeat(5_000), "..", "a b", "%", "\u0000");
    }

    private static String validValue(JsonNode schema) {
        return isNumber(schema) ? "1" : "KMC";
    }

    /** @return a body the operation would take: every property at a plausible value, from its schema */
    private static ObjectNode validBody(JsonNode docs, JsonNode schema) {
        ObjectNode body = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").properties().iterator(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode fieldSchema = resolve(docs, field.getValue());
            if (fieldSchema.has("example")) {
                body.set(field.getKey(), fieldSchema.get("example"));
            } else if (fieldSchema.has("enum")) {
                body.set(field.getKey(), fieldSchema.get("enum").get(0));
            } else if (isNumber(fieldSchema)) {
                body.put(field.getKey(), 1);
            } else if ("array".equals(fieldSchema.path("type").asString())) {
                body.putArray(field.getKey()).add(1);
            } else {
                body.put(field.getKey(), "KMC");
            }
        }
        return body;
    }

    private static JsonNode resolve(JsonNode docs, JsonNode schema) {
        if (schema != null && schema.has("$ref")) {
            String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
            return docs.get("components").get("schemas").get(name);
        }
        return schema == null ? JSON.createObjectNode() : schema;
    }

    private static HttpResponse<String> send(ServiceProcess service, Probe probe) {
        HttpRequest.BodyPublisher body = probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(probe.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url() + probe.path()))
                .timeout(Duration.ofSeconds(10))
                .method(probe.method(), body)
                .header("Authorization", "Bearer " + ServiceProcess.TOKEN);
        if (probe.contentType() != null) {
            request.header("Content-Type", probe.contentType());
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(probe.method() + " " + probe.path() + " (" + probe.what() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return what the service shows of its state: its clock's heading and, per module, what bad input could change */
    private String state(String module, ServiceProcess service) {
        if (module.equals("dashboard")) {
            // It has no state of its own that a button changes: the services it would call must not change.
            StringBuilder others = new StringBuilder();
            byModule.forEach((other, process) -> {
                if (!other.equals("dashboard")) {
                    others.append(other).append(": ").append(state(other, process)).append("; ");
                }
            });
            return others.toString();
        }
        JsonNode clock = service.json("/clock");
        StringBuilder state = new StringBuilder("heading " + (clock.get("offsetNanos").asLong() + clock.get("pendingSlewNanos").asLong()));
        switch (module) {
            case "time-client" -> state.append(" syncs ").append(service.json("/sync/history?limit=100").size());
            case "berkeley-master" -> state.append(" slaves ").append(service.json("/slaves").size())
                    .append(" rounds ").append(service.json("/rounds/latest").get("round").asLong());
            case "berkeley-slave" -> state.append(" adjustments ").append(adjustments(service));
            case "election-node" -> {
                JsonNode election = service.json("/election");
                state.append(" term ").append(election.get("term").asLong()).append(" leader ")
                        .append(election.get("leaderId")).append(" ").append(election.get("state").asString());
            }
            default -> {
            }
        }
        return state.toString();
    }

    private static String adjustments(ServiceProcess slave) {
        String metrics = slave.get("/actuator/prometheus").body();
        // applied and replayed ones; refusals (422 for a too large adjustment) are counted, and change nothing
        return metrics.lines().filter(line -> line.startsWith("berkeley_adjustments_total"))
                .filter(line -> line.contains("outcome=\"applied\"") || line.contains("outcome=\"replayed\""))
                .sorted().toList().toString();
    }

    private static synchronized void record(String module, String operation, int inputs, int fourXx, int fiveXx) {
        try {
            Files.createDirectories(FIGURES.getParent());
            Files.writeString(FIGURES, module + "\t" + operation + "\t" + inputs + "\t" + fourXx + "\t" + fiveXx + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
