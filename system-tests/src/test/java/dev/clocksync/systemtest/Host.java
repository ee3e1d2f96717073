package dev.clocksync.systemtest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * A host of the fault suite: a network namespace of its own with one address, running one service on
 * {@link #PORT}. The test reaches the service from inside the host (curl on the host's loopback), so it
 * can watch a host whose cable is cut, and sends the cluster token with every request that changes
 * something.
 */
final class Host {

    /** Every service listens on this port, each on its own host. */
    static final int PORT = 8100;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String namespace;
    private final String address;
    private final String token;

    Host(String namespace, String address, String token) {
        this.namespace = namespace;
        this.address = address;
        this.token = token;
    }

    String namespace() {
        return namespace;
    }

    /** @return the base URL other hosts reach this one at */
    String url() {
        return "http://" + address + ":" + PORT;
    }

    /** An HTTP answer; status 0 if there was none within the timeout. */
    record Answer(int status, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    Answer get(String path) {
        return call("GET", path);
    }

    Answer post(String path) {
        return call("POST", path);
    }

    /** @return the JSON answer to GET path, or null if the service did not answer 200 */
    JsonNode json(String path) {
        Answer answer = get(path);
        return answer.status() == 200 ? answer.json() : null;
    }

    private Answer call(String method, String path) {
        List<String> command = new ArrayList<>(NetworkNamespaces.in(namespace));
        command.addAll(List.of("curl", "-s", "--max-time", "3", "-o", "-", "-w", "\n%{http_code}", "-X", method));
        if (!"GET".equals(method)) {
            command.addAll(List.of("-H", "Authorization: Bearer " + token));
        }
        command.add("http://127.0.0.1:" + PORT + path);
        Tools.Result result = Tools.run(15, command);
        String output = result.output();
        int newline = output.lastIndexOf('\n');
        if (newline < 0) {
            return new Answer(0, output);
        }
        String code = output.substring(newline + 1).trim();
        return new Answer(code.matches("\\d{3}") ? Integer.parseInt(code) : 0, output.substring(0, newline));
    }
}
