package dev.clocksync.berkeleymaster.round;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.clocksync.berkeleymaster.MasterProperties;
import dev.clocksync.berkeleymaster.registry.SlaveRegistry.Slave;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.berkeley.SlaveMeasurement;
import dev.clocksync.clock.berkeley.SlaveMeasurement.Reading;
import dev.clocksync.clock.cristian.CristianSample;
import dev.clocksync.clock.cristian.ExchangeTimer;
import dev.clocksync.support.access.ClusterProperties;
import dev.clocksync.support.http.PeerClients;
import dev.clocksync.support.http.TimedGet;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * The master's calls to a slave: reading its clock once, timed by {@link TimedGet} like a Cristian
 * exchange (the slave's {@code GET /clock} carries t1, when the request arrived, and its reading as t2;
 * a slave that only gives its reading is taken with t1 = t2), and sending it its adjustment. How many
 * readings a round takes and what it makes of them is {@link SlaveMeasurement}'s business. Every call
 * has the configured connect and read timeouts; an adjustment carries the cluster's token. URIs are
 * passed whole, not as templates. These calls are not observed (no {@code http.client.requests} timer):
 * a round makes hundreds of them, and an observation each costs the master CPU that lengthens the round;
 * a round is measured as a whole instead: {@code berkeley.round.duration}, {@code berkeley.slaves.unreachable},
 * {@code berkeley.spread.*}.
 */
@Component
class SlaveClockClient {

    private final RestClient rest;
    private final ClusterProperties cluster;
    private final VirtualClock clock;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    SlaveClockClient(RestClient.Builder builder, VirtualClock clock, MasterProperties properties, ClusterProperties cluster) {
        this.rest = builder.clone()
                .requestFactory(PeerClients.requestFactory(properties.connectTimeout(), properties.readTimeout()))
                .observationRegistry(ObservationRegistry.NOOP)
                .build();
        this.cluster = cluster;
        this.clock = clock;
        this.connectTimeout = properties.connectTimeout();
        this.readTimeout = properties.readTimeout();
    }

    /**
     * Reads the slave's clock once.
     *
     * @return the exchange, and the slave's clock minus the master's, both as they are heading (the pending
     *         slews of both included)
     * @throws SlaveCallException if the slave could not be reached or its answer is unusable
     */
    Reading read(Slave slave) {
        TimedGet.Timed<SlaveClock> answer;
        try {
            answer = new TimedGet(URI.create(slave.url() + "/clock"), connectTimeout, readTimeout, clock).exchange(SlaveClock.class);
        } catch (TimedGet.StatusException e) {
            throw SlaveCallException.failed("the slave answered " + e.status() + " to GET /clock");
        } catch (IOException e) {
            throw SlaveCallException.unreachable(e);
        } catch (JacksonException e) {
            throw SlaveCallException.failed("the slave's clock reading is unreadable");
        } catch (IllegalArgumentException e) {
            throw SlaveCallException.failed("the slave's URL cannot be read from: " + e.getMessage());
        }
        SlaveClock body = answer.body();
        ExchangeTimer timer = answer.timer();
        if (body == null || body.epochNanos() == null || body.pendingSlewNanos() == null) {
            throw SlaveCallException.failed("the slave's clock reading lacks epochNanos or pendingSlewNanos");
        }
        long receive = body.receiveEpochNanos() != null ? body.receiveEpochNanos() : body.epochNanos();
        try {
            CristianSample sample = timer.sample(receive, body.epochNanos());
            return new Reading(sample.exchange(), sample.correctionNanos() + body.pendingSlewNanos());
        } catch (IllegalArgumentException inconsistent) {
            throw SlaveCallException.failed("the slave's timestamps are inconsistent: " + inconsistent.getMessage());
        }
    }

    /**
     * Sends the slave its adjustment.
     *
     * @return {@code adjusted}, or {@code replayed} if the slave had this round already
     * @throws SlaveCallException if the slave refused it or could not be reached
     */
    String adjust(Slave slave, long adjustmentNanos, long round, String master, long term) {
        try {
            Adjusted answer = rest.post().uri(URI.create(slave.url() + "/clock/adjustments"))
                    .headers(cluster::authorize)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new Adjustment(adjustmentNanos, round, master, term))
                    .retrieve()
                    .body(Adjusted.class);
            return answer != null && Boolean.TRUE.equals(answer.replayed()) ? "replayed" : "adjusted";
        } catch (HttpStatusCodeException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.UNPROCESSABLE_CONTENT)) {
                throw SlaveCallException.rejected("the slave refused the adjustment (422): larger than its berkeley.max-adjustment");
            }
            if (e.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT)) {
                ProblemDetail problem = problem(e);
                if (problem != null && problem.getType().toString().endsWith(":stale-term")
                        && problem.getProperties() != null && problem.getProperties().get("acceptedTerm") instanceof Number accepted) {
                    throw SlaveCallException.fenced(accepted.longValue(), "the slave refused the adjustment (409)" + detail(e));
                }
                // A round applied with another amount, or one older than a round applied since.
                throw SlaveCallException.conflict("the slave refused the adjustment (409)" + detail(e));
            }
            throw SlaveCallException.failed("the slave answered " + e.getStatusCode().value() + " to the adjustment" + detail(e));
        } catch (ResourceAccessException e) {
            throw SlaveCallException.unreachable(e);
        } catch (RestClientException e) {
            throw SlaveCallException.failed("the slave's answer to the adjustment is unreadable: " + e.getMessage());
        }
    }

    /** The problem's detail a slave gave with an error status, so that a round says why, not only that. */
    private static String detail(HttpStatusCodeException e) {
        ProblemDetail problem = problem(e);
        return problem != null && problem.getDetail() != null ? ": " + problem.getDetail() : "";
    }

    private static ProblemDetail problem(HttpStatusCodeException e) {
        try {
            return e.getResponseBodyAs(ProblemDetail.class);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** What the master reads of a slave's {@code GET /clock}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SlaveClock(Long receiveEpochNanos, Long epochNanos, Long pendingSlewNanos) {
    }

    record Adjustment(long adjustmentNanos, long round, String master, long term) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Adjusted(Boolean replayed) {
    }
}
