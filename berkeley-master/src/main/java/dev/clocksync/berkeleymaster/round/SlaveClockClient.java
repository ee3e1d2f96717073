package dev.clocksync.berkeleymaster.round;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.clocksync.berkeleymaster.MasterProperties;
import dev.clocksync.berkeleymaster.registry.SlaveRegistry.Slave;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.cristian.CristianSample;
import dev.clocksync.clock.cristian.ExchangeTimer;
import dev.clocksync.clock.exchange.ClockFilter;
import dev.clocksync.support.access.ClusterProperties;
import dev.clocksync.support.http.ExchangeTiming;
import dev.clocksync.support.http.PeerClients;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The master's calls to a slave: reading its clock, timed by {@link ExchangeTiming} like a Cristian
 * exchange (the slave's {@code GET /clock} carries t1, when the request arrived, and its reading as t2;
 * a slave that only gives its reading is taken with t1 = t2), and sending it its adjustment. Every call
 * has the configured connect and read timeouts; an adjustment carries the cluster's token. URIs are
 * passed whole, not as templates. These calls are not observed (no {@code http.client.requests} timer):
 * a round makes about 700 of them with 100 slaves, and starting and stopping an observation for each took
 * 14 % of the master's CPU in a round (JFR); without it, 100-slave rounds took p50 233-237 ms instead of
 * 249-259 (bench/berkeley's farm, 2026-11-28). A round is measured as a whole instead:
 * {@code berkeley.round.duration}, {@code berkeley.slaves.unreachable}, {@code berkeley.spread.*}.
 */
@Component
class SlaveClockClient {

    /** Slaves whose usual delay is remembered, at most (the registry holds at most 1 000). */
    private static final int MAX_REMEMBERED = 4_096;

    private final RestClient rest;
    private final int samples;
    private final int initialSamples;
    private final ClusterProperties cluster;
    private final Map<String, Long> usualDelay = new ConcurrentHashMap<>();

    SlaveClockClient(RestClient.Builder builder, VirtualClock clock, MasterProperties properties, ClusterProperties cluster) {
        this.rest = builder.clone()
                .requestFactory(PeerClients.requestFactory(properties.connectTimeout(), properties.readTimeout()))
                .requestInterceptor(ExchangeTiming.interceptor(clock))
                .observationRegistry(ObservationRegistry.NOOP)
                .build();
        this.samples = properties.samples();
        this.initialSamples = Math.max(properties.initialSamples(), properties.samples());
        this.cluster = cluster;
    }

    /**
     * One reading of a slave's clock.
     *
     * @param sample           the exchange, against the master's clock as it was at t0
     * @param slavePendingNanos what the slave still had to slew
     */
    record Reading(CristianSample sample, long slavePendingNanos) {

        /** @return the slave's clock minus the master's, both as they are heading (pending slews included) */
        long effectiveOffsetNanos() {
            return sample.correctionNanos() + slavePendingNanos;
        }
    }

    /**
     * Reads the slave's clock {@code count} times and keeps the least-delay reading. If even that one took
     * more than twice the slave's usual delay (the least delay of its previous measurement), something
     * held up all of them (a pause for garbage collection in the slave or here, another process on the
     * CPU): the slave is read {@code count} times more, once, and the least delay of all is kept. Stops
     * at the first failure: a slave that times out once is not given the chance to do it again this round.
     *
     * @throws SlaveCallException if the slave could not be read
     */
    Reading measure(Slave slave, int count) {
        Reading best = leastDelay(slave, count);
        String key = slave.url().toString();
        Long usual = usualDelay.get(key);
        if (count > 1 && usual != null && delay(best) > 2 * usual) {
            Reading again = leastDelay(slave, count);
            if (delay(again) < delay(best)) {
                best = again;
            }
        }
        if (count > 1) {
            if (usualDelay.size() >= MAX_REMEMBERED && !usualDelay.containsKey(key)) {
                usualDelay.clear();
            }
            usualDelay.put(key, delay(best));
        }
        return best;
    }

    private Reading leastDelay(Slave slave, int count) {
        List<Reading> readings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            readings.add(read(slave));
        }
        return ClockFilter.minimumDelay(readings, reading -> reading.sample().exchange()).orElseThrow();
    }

    private static long delay(Reading reading) {
        return reading.sample().exchange().roundTripNanos();
    }

    /**
     * Reads the slave {@code berkeley.samples} times, or {@code berkeley.initial-samples} times if its usual
     * delay is not known yet (it was never measured, or its last measurement failed).
     */
    Reading measure(Slave slave) {
        String key = slave.url().toString();
        try {
            return measure(slave, usualDelay.containsKey(key) ? samples : initialSamples);
        } catch (SlaveCallException e) {
            usualDelay.remove(key);
            throw e;
        }
    }

    private Reading read(Slave slave) {
        ExchangeTiming.Slot slot = new ExchangeTiming.Slot();
        SlaveClock body;
        try {
            body = rest.get().uri(URI.create(slave.url() + "/clock"))
                    .accept(MediaType.APPLICATION_JSON)
                    .attribute(ExchangeTiming.ATTRIBUTE, slot)
                    .retrieve()
                    .body(SlaveClock.class);
        } catch (ResourceAccessException e) {
            throw SlaveCallException.unreachable(e);
        } catch (HttpStatusCodeException e) {
            throw SlaveCallException.failed("the slave answered " + e.getStatusCode().value() + " to GET /clock");
        } catch (RestClientException e) {
            throw SlaveCallException.failed("the slave's clock reading is unreadable");
        }
        ExchangeTimer timer = slot.timer();
        if (body == null || body.epochNanos() == null || body.pendingSlewNanos() == null || timer == null) {
            throw SlaveCallException.failed("the slave's clock reading lacks epochNanos or pendingSlewNanos");
        }
        long receive = body.receiveEpochNanos() != null ? body.receiveEpochNanos() : body.epochNanos();
        try {
            return new Reading(timer.sample(receive, body.epochNanos()), body.pendingSlewNanos());
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
    String adjust(Slave slave, long adjustmentNanos, long round, String master) {
        try {
            Adjusted answer = rest.post().uri(URI.create(slave.url() + "/clock/adjustments"))
                    .headers(cluster::authorize)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new Adjustment(adjustmentNanos, round, master))
                    .retrieve()
                    .body(Adjusted.class);
            return answer != null && Boolean.TRUE.equals(answer.replayed()) ? "replayed" : "adjusted";
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.UNPROCESSABLE_CONTENT)) {
                throw SlaveCallException.rejected("the slave refused the adjustment (422): larger than its berkeley.max-adjustment");
            }
            if (e.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT)) {
                throw SlaveCallException.conflict("the slave had applied this round with another adjustment (409)");
            }
            throw SlaveCallException.failed("the slave answered " + e.getStatusCode().value() + " to the adjustment");
        } catch (ResourceAccessException e) {
            throw SlaveCallException.unreachable(e);
        } catch (RestClientException e) {
            throw SlaveCallException.failed("the slave's answer to the adjustment is unreadable or an error");
        }
    }

    /** What the master reads of a slave's {@code GET /clock}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SlaveClock(Long receiveEpochNanos, Long epochNanos, Long pendingSlewNanos) {
    }

    record Adjustment(long adjustmentNanos, long round, String master) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Adjusted(Boolean replayed) {
    }
}
