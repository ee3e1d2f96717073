package dev.clocksync.berkeleymaster.lead;

import dev.clocksync.berkeleymaster.MasterProperties;
import dev.clocksync.support.access.ClusterProperties;
import dev.clocksync.support.clock.NodeProperties;
import dev.clocksync.support.http.PeerClients;
import dev.clocksync.support.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.IOException;

import java.net.URI;
import java.time.Duration;

/**
 * How any master answers the rounds endpoints ({@code /rounds}, {@code /rounds/**}): the leading one (or one not
 * elected) answers itself and says so with {@value #SERVED_BY}; a standby passes the request on to the leading master
 * and its answer back, status, body and {@value #SERVED_BY} unchanged, with {@code Via} naming the standby. A master
 * that knows no live leader, or whose leader does not answer, says 503 with {@code Retry-After}. A request that was passed on once is not passed on again: two masters
 * that each briefly believe the other leads answer 503 instead of passing a request back and forth.
 */
@Component
class LeaderForwarding implements HandlerInterceptor {

    /** The response header that names the master whose rounds an answer shows: the leader's {@code node.name}. */
    static final String SERVED_BY = "Served-By";

    /**
     * The request header a master adds when it passes a request on, so that the leader never passes it on again
     * ({@code Via} is not enough: any HTTP proxy on the way adds one).
     */
    static final String FORWARDED_BY = "Berkeley-Forwarded-By";

    /** A round asked of the leader may take up to this long. */
    private static final Duration ROUND_READ_TIMEOUT = Duration.ofSeconds(30);

    private final Leadership leadership;
    private final NodeProperties node;
    private final ClusterProperties cluster;
    private final RestClient reads;
    private final RestClient rounds;

    LeaderForwarding(RestClient.Builder builder, Leadership leadership, NodeProperties node, ClusterProperties cluster,
            MasterProperties properties) {
        this.leadership = leadership;
        this.node = node;
        this.cluster = cluster;
        this.reads = builder.clone().requestFactory(PeerClients.requestFactory(properties.connectTimeout(),
                properties.readTimeout())).build();
        Duration roundRead = properties.readTimeout().compareTo(ROUND_READ_TIMEOUT) > 0 ? properties.readTimeout() : ROUND_READ_TIMEOUT;
        this.rounds = builder.clone().requestFactory(PeerClients.requestFactory(properties.connectTimeout(), roundRead)).build();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        if (leadership.leadingTerm().isPresent()) {
            response.setHeader(SERVED_BY, node.name());
            return true;
        }
        ResponseEntity<byte[]> answer = forward(request);
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        if (answer.getBody() != null) {
            response.getOutputStream().write(answer.getBody());
        }
        return false;
    }

    /**
     * Passes the request on to the leading master.
     *
     * @throws ErrorResponseException 503 if this master is crashed, knows no live leader, was passed the request by
     *                                another master, or the leader did not answer
     */
    ResponseEntity<byte[]> forward(HttpServletRequest request) {
        if (leadership.crashed()) {
            throw Leadership.retryAfterASecond(Leadership.crashedAnswer());
        }
        if (request.getHeader(FORWARDED_BY) != null) {
            throw noLeader("This master does not lead, and the request came from another master that believes it does: "
                    + "the masters are electing.");
        }
        Leadership.Leader leader = leadership.leader().orElseThrow(() ->
                noLeader("This master does not lead and knows no live leading master: the masters are electing."));
        String query = request.getQueryString();
        URI target = URI.create(leader.url() + request.getRequestURI() + (query == null ? "" : "?" + query));
        boolean post = HttpMethod.POST.matches(request.getMethod());
        try {
            return (post ? rounds : reads).method(HttpMethod.valueOf(request.getMethod())).uri(target)
                    .headers(headers -> {
                        headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
                        headers.set(HttpHeaders.VIA, "1.1 " + node.name());
                        headers.set(FORWARDED_BY, node.name());
                        if (post) {
                            cluster.authorize(headers);
                        }
                    })
                    .exchange((sent, answer) -> {
                        HttpHeaders headers = new HttpHeaders();
                        copy(answer.getHeaders(), headers, HttpHeaders.CONTENT_TYPE);
                        copy(answer.getHeaders(), headers, HttpHeaders.RETRY_AFTER);
                        copy(answer.getHeaders(), headers, SERVED_BY);
                        headers.set(HttpHeaders.VIA, "1.1 " + node.name());
                        return ResponseEntity.status(answer.getStatusCode()).headers(headers)
                                .body(StreamUtils.copyToByteArray(answer.getBody()));
                    });
        } catch (RestClientException e) {
            throw noLeader("This master does not lead, and the leading master (" + leader.url() + ", term " + leader.term()
                    + ") did not answer in time.");
        }
    }

    private static void copy(HttpHeaders from, HttpHeaders to, String name) {
        String value = from.getFirst(name);
        if (value != null) {
            to.set(name, value);
        }
    }

    private static ErrorResponseException noLeader(String detail) {
        return Leadership.retryAfterASecond(Problems.exception(HttpStatus.SERVICE_UNAVAILABLE, "no-leader", "No leading master", detail));
    }
}
