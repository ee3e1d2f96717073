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
import java.util.Arrays;
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

    /** Measurements of a slave whose least delays make its usual delay. */
    private static final int USUAL_OF = 4;

    private final RestClient rest;
    private final int samples;
    private final int initialSamples;
    private final ClusterProperties cluster;
    private final Map<String, RecentDelays> usualDelay = new ConcurrentHashMap<>();

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
     * What a round takes of a slave's clock: its offset, the mean over the quickest quarter of the readings
     * ({@link ClockFilter#leastDelayMean}; the least-delay reading alone for fewer than eight), and that
     * quickest reading, whose round trip and error bound the round reports.
     *
     * @param best        the reading with the least delay
     * @param offsetNanos the slave's clock minus the master's, both as they are heading (pending slews included)
     * @param averaged    how many readings the offset is the mean of
     */
    record Measurement(Reading best, long offsetNanos, int averaged) {
    }

    /**
     * Reads the slave's clock {@code count} times; its offset is the mean over the quarter of the readings
     * with the least delay (at least one). Offsets of single exchanges on a small host differ at random by
     * about ±50 µs even among the quickest, more than the least delay tells them apart, and on loopback the
     * very quickest are often lopsided (a request that finds the slave's server still finishing the previous
     * answer skips a thread wake-up): averaging sixteen of a first round's 64 readings took the agreement
     * after round 1 from 16-245 µs (mean 116) with the least-delay reading alone to 18-70 (mean 40), on the
     * same readings (docs/benchmarks.md, Berkeley, ninth round).
     * If even the quickest reading took more than twice the slave's usual delay (the largest of the least
     * delays of its last four measurements), something held up all of them (a pause for garbage collection in
     * the slave or here, another process on the CPU): the slave is read {@code count} times more, once, and the
     * quickest quarter of {@code count} is taken from all of them. The largest of four, not the last one alone:
     * with slaves read eight at a time on two cores, the least delay of four readings of one slave ranged
     * 0.2-2 ms from round to round, and twice the last one sent a quarter of 100 slaves into a second burst
     * every round (626 of 2 500 bursts), about 15 % of a round's calls; twice the largest of the last four
     * would have sent 5 % (on the same delays), and a pause that holds up a whole burst still trips it (docs/benchmarks.md,
     * Berkeley, tenth round). Stops at the first failure: a slave that times out once is not given the chance
     * to do it again this round.
     *
     * @throws SlaveCallException if the slave could not be read, or its readings were too far apart to average
     */
    Measurement measure(Slave slave, int count) {
        List<Reading> readings = read(slave, count, new ArrayList<>(2 * count));
        Reading best = leastDelay(readings);
        String key = slave.url().toString();
        RecentDelays recent = usualDelay.get(key);
        if (count > 1 && recent != null && delay(best) > 2 * recent.usual()) {
            read(slave, count, readings);
            best = leastDelay(readings);
        }
        if (count > 1) {
            if (usualDelay.size() >= MAX_REMEMBERED && !usualDelay.containsKey(key)) {
                usualDelay.clear();
            }
            long delay = delay(best);
            usualDelay.compute(key, (url, delays) -> delays == null ? RecentDelays.of(delay) : delays.with(delay));
        }
        int share = Math.max(1, count / 4);
        try {
            long offset = ClockFilter.leastDelayMean(readings, share, reading -> reading.sample().exchange(),
                    Reading::effectiveOffsetNanos).orElseThrow();
            return new Measurement(best, offset, Math.min(share, readings.size()));
        } catch (ArithmeticException e) {
            throw SlaveCallException.failed("the slave's readings are too far apart to average");
        }
    }

    /**
     * The least delays of a slave's last four measurements (at most), oldest first.
     */
    record RecentDelays(long[] delays) {

        static RecentDelays of(long delay) {
            return new RecentDelays(new long[] {delay});
        }

        /** @return these with {@code delay} added as the newest, the oldest dropped if there were four */
        RecentDelays with(long delay) {
            int kept = Math.min(delays.length, USUAL_OF - 1);
            long[] next = Arrays.copyOfRange(delays, delays.length - kept, delays.length + 1);
            next[kept] = delay;
            return new RecentDelays(next);
        }

        /** @return the slave's usual delay: the largest of these */
        long usual() {
            long largest = delays[0];
            for (long delay : delays) {
                largest = Math.max(largest, delay);
            }
            return largest;
        }
    }

    private List<Reading> read(Slave slave, int count, List<Reading> into) {
        for (int i = 0; i < count; i++) {
            into.add(read(slave));
        }
        return into;
    }

    private static Reading leastDelay(List<Reading> readings) {
        return ClockFilter.minimumDelay(readings, reading -> reading.sample().exchange()).orElseThrow();
    }

    private static long delay(Reading reading) {
        return reading.sample().exchange().roundTripNanos();
    }

    /**
     * Reads the slave {@code berkeley.samples} times, or {@code berkeley.initial-samples} times if its usual
     * delay is not known yet (it was never measured, or its last measurement failed).
     */
    Measurement measure(Slave slave) {
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
