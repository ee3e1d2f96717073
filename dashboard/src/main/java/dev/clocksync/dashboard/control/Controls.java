package dev.clocksync.dashboard.control;

import dev.clocksync.dashboard.DashboardProperties;
import dev.clocksync.support.access.ClusterProperties;
import dev.clocksync.support.http.PeerClients;
import dev.clocksync.support.problem.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.extern.slf4j.Slf4j;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * The page's controls: each is one POST to a service's own endpoint, carrying the cluster's token, which
 * stays here and never goes to the browser. A service's refusal comes back as a problem with its own detail;
 * a service that does not answer within {@code dashboard.action-timeout}, as 502.
 */
@Slf4j
@Component
class Controls {

    private final DashboardProperties properties;
    private final ClusterProperties cluster;
    private final RestClient.Builder builder;
    private final JsonMapper json;
    private final MeterRegistry meters;

    Controls(DashboardProperties properties, ClusterProperties cluster, RestClient.Builder builder, JsonMapper json,
            MeterRegistry meters) {
        this.meters = meters;
        this.properties = properties;
        this.cluster = cluster;
        this.builder = builder;
        this.json = json;
    }

    ActionResult post(String action, String target, URI base, String path) {
        String outcome = "failed";
        try {
            ActionResult result = call(action, target, base, path);
            outcome = "done";
            return result;
        } catch (ErrorResponseException refused) {
            outcome = refused.getStatusCode().value() == HttpStatus.BAD_GATEWAY.value() ? "failed" : "refused";
            throw refused;
        } finally {
            meters.counter("dashboard.actions", "action", action, "outcome", outcome).increment();
        }
    }

    private ActionResult call(String action, String target, URI base, String path) {
        if (!properties.controls()) {
            throw Problems.exception(HttpStatus.FORBIDDEN, "controls-off", "Controls are off",
                    "This dashboard is a view only (dashboard.controls=false)");
        }
        RestClient client = PeerClients.create(builder, base.toString(), properties.connectTimeout(), properties.actionTimeout());
        log.info("{} {}: POST {}{}", action, target, base, path);
        try {
            return client.post().uri(path).headers(cluster::authorize).exchange((request, response) -> {
                HttpStatusCode status = response.getStatusCode();
                JsonNode answer = read(response.getBody());
                if (status.is2xxSuccessful()) {
                    return new ActionResult(action, target, status.value(), answer);
                }
                throw refused(target, status, answer);
            });
        } catch (RestClientException unreachable) {
            throw Problems.exception(HttpStatus.BAD_GATEWAY, "service-unreachable", "The service did not answer",
                    target + " (" + base + ") did not answer within " + properties.actionTimeout().toMillis() + " ms");
        }
    }

    private JsonNode read(InputStream body) {
        try {
            byte[] bytes = body.readAllBytes();
            return bytes.length == 0 ? null : json.readTree(bytes);
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /**
     * A refusal as the page should see it: the service's own status and detail for what it refused (409 already
     * crashed, 422, 429 ...), but 502 where the fault is not the page's request: the service failed (5xx) or
     * refused the dashboard's token (401, 403).
     */
    private ErrorResponseException refused(String target, HttpStatusCode status, JsonNode answer) {
        String detail = answer != null && answer.hasNonNull("detail") ? answer.get("detail").asString() : null;
        String said = target + " answered " + status.value() + (detail == null ? "" : ": " + detail);
        if (status.value() == 401 || status.value() == 403) {
            return problem(HttpStatus.BAD_GATEWAY, "token-refused", "The service refused the dashboard's token",
                    said + " (is the dashboard's CLUSTER_TOKEN the cluster's?)");
        }
        if (status.is5xxServerError() || HttpStatus.resolve(status.value()) == null) {
            return problem(HttpStatus.BAD_GATEWAY, "service-failed", "The service could not do it", said);
        }
        HttpStatus same = HttpStatus.valueOf(status.value());
        return problem(same, "service-refused", "The service refused", said);
    }

    private static ErrorResponseException problem(HttpStatus status, String type, String title, String detail) {
        return Problems.exception(status, type, title, detail);
    }
}
