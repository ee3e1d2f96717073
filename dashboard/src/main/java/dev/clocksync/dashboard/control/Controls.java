package dev.clocksync.dashboard.control;

import dev.clocksync.dashboard.DashboardProperties;
import dev.clocksync.dashboard.watch.Watched;
import dev.clocksync.support.access.ClusterProperties;
import dev.clocksync.support.http.PeerClients;
import dev.clocksync.support.problem.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.extern.slf4j.Slf4j;
import org.springframework.http.HttpHeaders;
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
                throw refused(target, status, answer, response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
            });
        } catch (RestClientException unreachable) {
            // Refused, timed out (connect or read, within dashboard.action-timeout), or the answer broke off.
            throw Problems.exception(HttpStatus.BAD_GATEWAY, "service-unreachable", "The service did not answer",
                    target + " (" + base + ") did not answer: " + Watched.reason(unreachable));
        }
    }

    /** @return the answer as JSON; null if it is empty or not JSON (reading it may time out: IOException) */
    private JsonNode read(InputStream body) throws IOException {
        byte[] bytes = body.readAllBytes();
        try {
            return bytes.length == 0 ? null : json.readTree(bytes);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /**
     * A refusal as the page should see it. What the service refuses because of its state keeps the service's
     * status and detail: 409 (already crashed, not crashed), 422 (an adjustment too large) and 429 (a sync too
     * soon, with its Retry-After). Anything else is not the page's doing and is 502: the service refused the
     * dashboard (401, 403: its token, or its address), failed (5xx), or answered what the dashboard did not
     * expect (another 4xx or a 3xx: a wrong URL in its configuration, say).
     */
    private ErrorResponseException refused(String target, HttpStatusCode status, JsonNode answer, String retryAfter) {
        String detail = answer != null && answer.hasNonNull("detail") ? answer.get("detail").asString() : null;
        String said = target + " answered " + status.value() + (detail == null ? "" : ": " + detail);
        int code = status.value();
        if (code == 409 || code == 422 || code == 429) {
            ErrorResponseException refused = Problems.exception(HttpStatus.valueOf(code), "service-refused",
                    "The service refused", said);
            if (retryAfter != null) {
                refused.getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfter);
            }
            return refused;
        }
        if (code == 401 || code == 403) {
            return Problems.exception(HttpStatus.BAD_GATEWAY, "dashboard-refused", "The service refused the dashboard",
                    said + " (is the dashboard's CLUSTER_TOKEN the cluster's, and may it call this service?)");
        }
        return Problems.exception(HttpStatus.BAD_GATEWAY, "service-failed", "The service could not do it", said);
    }
}
