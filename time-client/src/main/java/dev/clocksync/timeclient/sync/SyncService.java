package dev.clocksync.timeclient.sync;

import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.cristian.CristianSample;
import dev.clocksync.clock.cristian.CristianSynchronizer;
import dev.clocksync.clock.cristian.ImplausibleOffsetException;
import dev.clocksync.clock.cristian.PollInterval;
import dev.clocksync.clock.cristian.SyncResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs syncs: a burst of exchanges with the time server, then the {@link CristianSynchronizer}
 * picks the least-delay sample, estimates the offset from it and the last syncs' and corrects the clock, unless
 * the sample is looser than what is already known of the clock (then the clock is left alone, status {@code left_alone}). One sync at a time; every attempt, good or
 * failed, goes into the history; the poll interval backs off after failures, from a short start-up interval
 * until the first sync within {@code cristian.max-error-bound}.
 */
@Slf4j
@Service
class SyncService {

    private final TimeServer server;
    private final VirtualClock clock;
    private final CristianProperties properties;
    private final CristianSynchronizer synchronizer;
    private final PollInterval poll;
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<SyncView> history = new ArrayDeque<>();
    private final Duration lockWait;
    private final Map<String, Counter> outcomes;
    private final Timer roundTrip;
    private long sequence;
    private volatile LastGoodSync lastGood;
    private volatile String lastError = "no sync yet";

    SyncService(TimeServer server, VirtualClock clock, CristianProperties properties, MeterRegistry registry) {
        this.server = server;
        this.clock = clock;
        this.properties = properties;
        this.synchronizer = new CristianSynchronizer(clock, properties.panicThreshold().toNanos(), properties.trendSyncs());
        this.poll = new PollInterval(properties.interval(), properties.effectiveMaxBackoff());
        this.lockWait = properties.connectTimeout().plus(properties.readTimeout()).plus(properties.sampleSpacing())
                .multipliedBy(properties.samples()).plusSeconds(1);
        this.outcomes = Map.of(
                "synchronized", outcomeCounter(registry, "synchronized"),
                "left_alone", outcomeCounter(registry, "left_alone"),
                "rate_limited", outcomeCounter(registry, "rate_limited"),
                "unreachable", outcomeCounter(registry, "unreachable"),
                "implausible", outcomeCounter(registry, "implausible"));
        this.roundTrip = Timer.builder("cristian.round.trip")
                .description("Round trip (t3 - t0) of the selected sample of each sync")
                .publishPercentileHistogram()
                .register(registry);
        TimeGauge.builder("cristian.offset", this, TimeUnit.NANOSECONDS, s -> s.lastGoodValue(LastGoodSync::offsetNanos))
                .description("Offset measured by the last good sync: server clock minus this clock")
                .register(registry);
        TimeGauge.builder("cristian.error.bound", this, TimeUnit.NANOSECONDS, s -> s.lastGoodValue(LastGoodSync::errorBoundNanos))
                .description("Error bound of the last good sync: the true offset lies within this distance of the offset")
                .register(registry);
        Gauge.builder("cristian.frequency", this, s -> {
                    LastGoodSync good = s.lastGood;
                    return good == null || good.frequencyPpm() == null ? Double.NaN : good.frequencyPpm();
                })
                .baseUnit("ppm")
                .description("How fast this clock runs against the server's, as the last good sync's trend measured it (positive: fast)")
                .register(registry);
        TimeGauge.builder("cristian.poll.interval", poll, TimeUnit.SECONDS, p -> p.current().toMillis() / 1000.0)
                .description("Current interval between syncs (doubles after failures)")
                .register(registry);
    }

    private static Counter outcomeCounter(MeterRegistry registry, String outcome) {
        return Counter.builder("cristian.syncs").tag("outcome", outcome)
                .description("Sync attempts by outcome")
                .register(registry);
    }

    /**
     * @param trigger {@code scheduled} or {@code manual}
     * @return the completed sync
     * @throws SyncFailedException if another sync holds the lock too long, or the server cannot be used
     */
    SyncView synchronize(String trigger) {
        boolean locked;
        try {
            locked = lock.tryLock(lockWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SyncFailedException.busy();
        }
        if (!locked) {
            throw SyncFailedException.busy();
        }
        try {
            return burst(trigger);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A sync that leaves the clock within the error bound the health asks for settles the client; a looser one,
     * before any such sync, is followed by another soon (PollInterval's start-up pace).
     *
     * @param boundNanos how well the clock is known after the sync, or null if it is not
     */
    private Duration paceAfter(Long boundNanos) {
        return boundNanos != null && boundNanos <= properties.maxErrorBound().toNanos() ? poll.succeeded() : poll.succeededLoosely();
    }

    private SyncView burst(String trigger) {
        long number = ++sequence;
        List<CristianSample> burst = new ArrayList<>(properties.samples());
        try {
            for (int i = 0; i < properties.samples(); i++) {
                if (i > 0 && !properties.sampleSpacing().isZero()) {
                    pause(properties.sampleSpacing());
                }
                burst.add(server.exchange());
            }
            SyncResult result = synchronizer.synchronize(burst);
            roundTrip.record(result.selected().exchange().roundTripNanos(), TimeUnit.NANOSECONDS);
            if (!result.corrected()) {
                // The server answered: the pace is a good sync's, as tight as what is known of the clock (unchanged).
                LastGoodSync good = lastGood;
                Duration next = paceAfter(good == null ? null : good.errorBoundNanos());
                SyncView view = SyncView.leftAlone(number, trigger, result, clock.read().instant(), next.toMillis());
                outcomes.get("left_alone").increment();
                log.info("sync {}: {}", number, result.leftAlone());
                return remember(view);
            }
            Duration next = paceAfter(result.errorBoundNanos());
            SyncView view = SyncView.synchronizedBy(number, trigger, result, next.toMillis());
            lastGood = new LastGoodSync(clock.monotonicNanos(), result.offsetNanos(), result.errorBoundNanos(), result.frequencyPpm());
            outcomes.get("synchronized").increment();
            log.debug("sync {}: offset {} ns ± {} ns, adjusted {} ns", number, view.offsetNanos(), view.errorBoundNanos(), view.adjustmentNanos());
            return remember(view);
        } catch (TimeServerException e) {
            if (e.isRateLimited()) {
                Duration next = poll.rateLimited(e.retryAfter());
                SyncView view = remember(failed(number, trigger, "rate_limited", burst, e.getMessage(), next));
                throw SyncFailedException.rateLimited(view, e.retryAfter());
            }
            Duration next = poll.failed();
            SyncView view = remember(failed(number, trigger, "unreachable", burst, e.getMessage(), next));
            throw SyncFailedException.unavailable(view);
        } catch (ImplausibleOffsetException e) {
            Duration next = poll.failed();
            SyncView view = remember(failed(number, trigger, "implausible", burst, e.getMessage(), next));
            throw SyncFailedException.implausible(view);
        }
    }

    private SyncView failed(long number, String trigger, String status, List<CristianSample> burst, String error, Duration next) {
        outcomes.get(status).increment();
        lastError = error;
        return SyncView.failed(number, trigger, status, clock.read().instant(), burst, error, next.toMillis());
    }

    private static void pause(Duration spacing) {
        try {
            Thread.sleep(spacing.toMillis(), spacing.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TimeServerException.unavailable("interrupted", e);
        }
    }

    private SyncView remember(SyncView view) {
        synchronized (history) {
            history.addFirst(view);
            while (history.size() > properties.historySize()) {
                history.removeLast();
            }
        }
        return view;
    }

    /** @return up to {@code limit} most recent attempts, newest first */
    List<SyncView> history(int limit) {
        synchronized (history) {
            return history.stream().limit(limit).toList();
        }
    }

    /** @return the interval until the next scheduled sync */
    Duration currentInterval() {
        return poll.current();
    }

    /** @return the state the health indicator reports */
    SyncState state() {
        LastGoodSync good = lastGood;
        Duration age = good == null ? null : Duration.ofNanos(clock.monotonicNanos() - good.monotonicNanos());
        boolean fresh = age != null && age.compareTo(properties.effectiveMaxAge()) <= 0;
        boolean tight = good != null && good.errorBoundNanos() <= properties.maxErrorBound().toNanos();
        return new SyncState(fresh && tight, age, good == null ? null : good.errorBoundNanos(), lastError, poll.current());
    }

    private double lastGoodValue(java.util.function.ToLongFunction<LastGoodSync> value) {
        LastGoodSync good = lastGood;
        return good == null ? Double.NaN : value.applyAsLong(good);
    }

    private record LastGoodSync(long monotonicNanos, long offsetNanos, long errorBoundNanos, Double frequencyPpm) {
    }

    /**
     * @param synced        a good sync within the maximum age, with an error bound within the maximum
     * @param age           time since the last good sync, or null if there was none
     * @param errorBoundNanos the last good sync's error bound, or null
     * @param lastError     why the last failed attempt failed
     * @param pollInterval  the current interval between syncs
     */
    record SyncState(boolean synced, Duration age, Long errorBoundNanos, String lastError, Duration pollInterval) {
    }
}
