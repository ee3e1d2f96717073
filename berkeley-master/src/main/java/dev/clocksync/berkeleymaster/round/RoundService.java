package dev.clocksync.berkeleymaster.round;

import dev.clocksync.berkeleymaster.MasterProperties;
import dev.clocksync.berkeleymaster.lead.Leadership;
import dev.clocksync.berkeleymaster.registry.SlaveRegistry;
import dev.clocksync.berkeleymaster.registry.SlaveRegistry.Slave;
import dev.clocksync.clock.ClockReading;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.berkeley.FaultTolerantAverage;
import dev.clocksync.clock.berkeley.FaultTolerantAverage.Clock;
import dev.clocksync.clock.berkeley.FaultTolerantAverage.Decision;
import dev.clocksync.clock.berkeley.SlaveMeasurement;
import dev.clocksync.clock.berkeley.SlaveMeasurement.Reading;
import dev.clocksync.clock.berkeley.SlaveTrends;
import dev.clocksync.clock.exchange.CorrectionGate;
import dev.clocksync.clock.exchange.TimeExchange;
import dev.clocksync.support.clock.NodeProperties;
import dev.clocksync.support.problem.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import lombok.extern.slf4j.Slf4j;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Runs Berkeley rounds, one at a time, in four steps: measure every live slave's clock by the
 * {@link SlaveMeasurement} rules ({@code berkeley.parallelism} slaves at a time, offsets relative to where
 * the master's clock is heading); leave alone every slave whose measurement is looser than what the master
 * already knows of its clock ({@link CorrectionGate}); decide every other clock's adjustment by the
 * {@link FaultTolerantAverage}, the master's own clock among them; send those slaves their adjustments and
 * adjust the master; report the round. With {@code berkeley.verify}, the adjusted slaves are read once more
 * before the report, to measure the spread after. A dead or hung slave costs each step at most one connect and read timeout: a slave that
 * fails once is not called again in that round.
 */
@Slf4j
@Service
class RoundService {

    /**
     * How many slaves are sent their adjustments at once: sending is not measuring, so no need to take turns
     * as readers do; a slave that hangs on its adjustment holds one sender for at most a connect and a read timeout.
     */
    static final int SENDERS = 8;

    /**
     * The threads that call slaves, for reading and sending alike: at most {@code berkeley.parallelism} of them
     * read and at most {@link #SENDERS} send, one step after the other, so one pool as large as the larger of the
     * two serves both without reads ever running more than {@code berkeley.parallelism} at once.
     */
    private final ExecutorService callers;

    private final SlaveRegistry registry;
    private final Leadership leadership;
    private final SlaveClockClient slaves;
    private final SlaveMeasurement measurement;
    private final VirtualClock clock;
    private final NodeProperties node;
    private final MasterProperties properties;
    private final String instance;
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<RoundView> history = new ArrayDeque<>();
    private final Duration lockWait;
    private final Timer duration;
    private final Counter unreachableCount;
    private final Counter leftAloneCount;
    /**
     * What the master knows of each slave's clock from its last adjustment, by URL. Twice the drift one clock may
     * have, as both the slave's and the master's drift.
     */
    private final CorrectionGate gate = new CorrectionGate(2 * CorrectionGate.DEFAULT_DRIFT_PPM);
    /** Each slave's offsets across rounds, by URL; the same drift as the gate's. */
    private final SlaveTrends trends;
    private long rounds;
    /** The term of the last round run; used under the lock only. */
    private long lastTerm = -1;
    private volatile RoundView latest;
    private volatile long latestMonotonic = Long.MIN_VALUE;

    RoundService(SlaveRegistry registry, Leadership leadership, SlaveClockClient slaves, VirtualClock clock,
            NodeProperties node, MasterProperties properties, MeterRegistry meters) {
        this.registry = registry;
        this.leadership = leadership;
        this.slaves = slaves;
        this.measurement = new SlaveMeasurement(properties.samples(), properties.initialSamples());
        this.trends = new SlaveTrends(properties.trendRounds(), 2 * CorrectionGate.DEFAULT_DRIFT_PPM);
        this.clock = clock;
        this.node = node;
        this.properties = properties;
        this.callers = pool("slave-call-", Math.max(properties.parallelism(), SENDERS));
        byte[] id = new byte[4];
        new SecureRandom().nextBytes(id);
        this.instance = HexFormat.of().formatHex(id);
        Duration call = properties.connectTimeout().plus(properties.readTimeout());
        this.lockWait = call.multipliedBy(properties.maxReadsPerSlave()).plusSeconds(1);
        this.duration = Timer.builder("berkeley.round.duration").description("Duration of Berkeley rounds")
                .publishPercentileHistogram().register(meters);
        this.unreachableCount = Counter.builder("berkeley.slaves.unreachable")
                .description("Slaves that could not be read, summed over rounds").register(meters);
        this.leftAloneCount = Counter.builder("berkeley.slaves.left.alone")
                .description("Slaves measured more loosely than their clocks were already known, and so left alone, summed over rounds")
                .register(meters);
        TimeGauge.builder("berkeley.spread.before", this, TimeUnit.NANOSECONDS, s -> s.latestValue(RoundView::spreadBeforeNanos))
                .description("Spread of the included clocks before the last round").register(meters);
        TimeGauge.builder("berkeley.spread.after", this, TimeUnit.NANOSECONDS, s -> s.latestValue(RoundView::spreadAfterNanos))
                .description("Spread of the included clocks after the last round, as read again").register(meters);
    }

    /**
     * Slaves are called on platform threads of their own, started as needed up to {@code size} and kept,
     * never on virtual ones (a round on demand runs in a virtual request thread). A virtual thread blocked
     * reading an answer is resumed by a poller and then waits for a carrier thread, which delays t3 on the
     * return leg only and so biases the measured offset; and one blocked on a socket moves its stack into the
     * heap for as long as the call, which with many slaves grows the old generation.
     */
    private static ExecutorService pool(String name, int size) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(size, task -> {
            Thread thread = new Thread(task, name + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        callers.shutdownNow();
    }

    /** @return this master instance's id, which changes when the master restarts */
    String instance() {
        return instance;
    }

    /**
     * @param trigger {@code scheduled} or {@code manual}
     * @throws org.springframework.web.ErrorResponseException 409 if another round holds the lock for too long; 503 if
     *         this master does not lead, or stopped leading before it sent the adjustments
     */
    RoundView run(String trigger) {
        boolean locked;
        try {
            locked = lock.tryLock(lockWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw inProgress();
        }
        if (!locked) {
            throw inProgress();
        }
        try {
            OptionalLong term = leadership.leadingTerm();
            if (term.isEmpty()) {
                throw notLeading("This master does not lead; the leading master runs the rounds.");
            }
            RoundView round = round(++rounds, trigger, term.getAsLong());
            remember(round);
            return round;
        } finally {
            lock.unlock();
        }
    }

    static ErrorResponseException notLeading(String detail) {
        return Leadership.retryAfterASecond(Problems.exception(HttpStatus.SERVICE_UNAVAILABLE, "not-leader", "Not the leading master", detail));
    }

    private static ErrorResponseException inProgress() {
        return Problems.exception(HttpStatus.CONFLICT, "round-in-progress", "Round in progress",
                "Another round is still running; try again when it has finished.");
    }

    private RoundView round(long number, String trigger, long term) {
        long startNanos = clock.monotonicNanos();
        ClockReading start = clock.read();

        if (term != lastTerm) {
            // Another master may have led meanwhile, moving the slaves while this one's clock stood still.
            trends.forgetAll();
        }
        Map<Slave, Attempt<SlaveMeasurement.Result>> measured = measure(registry.live());
        // A master that has just taken over was not kept in step while it stood by: its clock does not vote in its
        // first round of the term that measures a slave, it follows the slaves' average (what the last leader kept
        // them at) instead.
        boolean votes = !leadership.elected() || term == lastTerm;
        if (!succeeded(measured).isEmpty()) {
            lastTerm = term;
        }
        Decisions decided = decide(measured, votes);
        Map<Slave, Attempt<String>> sent = send(measured, decided, number, term);
        Map<Slave, Attempt<Reading>> verified = properties.verify() ? verify(sent) : Map.of();

        Duration took = Duration.ofNanos(clock.monotonicNanos() - startNanos);
        RoundView view = report(number, trigger, term, start, took, measured, decided, sent, verified);
        duration.record(took);
        unreachableCount.increment(view.unreachable());
        leftAloneCount.increment(decided.leftAlone().size());
        log.info("round {}: {} clocks, average {} ns, spread {} ns -> {} ns, {} unreachable, {} ms", number,
                view.participants().size(), view.averageOffsetNanos(), view.spreadBeforeNanos(), view.spreadAfterNanos(),
                view.unreachable(), view.durationMillis());
        return view;
    }

    /** Measures every live slave's clock, {@code berkeley.parallelism} at a time. */
    private Map<Slave, Attempt<SlaveMeasurement.Result>> measure(List<Slave> live) {
        return inParallel(live, this::measure, properties.parallelism());
    }

    /**
     * Reads the slave as often as {@link SlaveMeasurement} asks, stopping at the first failure; a slave that
     * failed is forgotten, so that its next measurement takes the initial burst.
     */
    private SlaveMeasurement.Result measure(Slave slave) {
        String key = slave.url().toString();
        SlaveMeasurement.Readings readings = measurement.start(key);
        try {
            while (!readings.complete()) {
                readings.add(slaves.read(slave));
            }
            return readings.result();
        } catch (SlaveCallException e) {
            // It may come back as a new process, with a clock the master knows nothing of.
            measurement.forget(key);
            gate.forget(key);
            trends.forget(key);
            throw e;
        } catch (ArithmeticException e) {
            throw SlaveCallException.failed("the slave's readings are too far apart to average");
        }
    }

    /**
     * Leaves alone every measured slave whose measurement the {@link CorrectionGate} does not let correct its clock,
     * and takes the fault-tolerant average of the master's clock and every other measured slave's, each slave's
     * offset filtered across rounds ({@link SlaveTrends}).
     */
    private Decisions decide(Map<Slave, Attempt<SlaveMeasurement.Result>> measured, boolean masterVotes) {
        long now = clock.monotonicNanos();
        List<Clock> clocks = new ArrayList<>();
        clocks.add(Clock.master(node.name()));
        Map<String, String> leftAlone = new LinkedHashMap<>();
        Map<String, SlaveTrends.Estimate> estimates = new LinkedHashMap<>();
        measured.forEach((slave, attempt) -> attempt.value().ifPresent(result -> {
            String key = slave.url().toString();
            CorrectionGate.Verdict verdict = gate.assess(key, result.offsetNanos(), result.best().exchange().errorBoundNanos(), now);
            if (verdict.correct()) {
                SlaveTrends.Estimate estimate = trends.estimate(key, result.offsetNanos(), result.best(), now);
                estimates.put(slave.name(), estimate);
                clocks.add(Clock.slave(slave.name(), estimate.offsetNanos()));
            } else {
                leftAlone.put(slave.name(), verdict.reason());
            }
        }));
        if (!masterVotes && clocks.size() > 1) {
            clocks.remove(0);
        }
        FaultTolerantAverage.Result average = FaultTolerantAverage.compute(clocks, properties.tolerance().toNanos());
        Map<String, Decision> byName = new LinkedHashMap<>();
        average.decisions().forEach(decision -> byName.put(decision.clock().name(), decision));
        return new Decisions(average, byName, leftAlone, estimates, now);
    }

    /**
     * What the fault-tolerant average decided, each clock's decision found by its name; the slaves left alone, with
     * why; the offsets used for the others, filtered across rounds; and when it was decided, monotonic.
     */
    private record Decisions(FaultTolerantAverage.Result average, Map<String, Decision> byName, Map<String, String> leftAlone,
            Map<String, SlaveTrends.Estimate> estimates, long atNanos) {

        Decision of(String name) {
            return byName.get(name);
        }
    }

    /**
     * Sends every measured slave that is not left alone its adjustment, {@link #SENDERS} at a time, then adjusts the
     * master's own clock. What the master knows of each slave follows: one that took its adjustment is known within
     * the bound of the offset used; one left alone is now as far behind the master as the master moved.
     */
    private Map<Slave, Attempt<String>> send(Map<Slave, Attempt<SlaveMeasurement.Result>> measured, Decisions decided, long round,
            long term) {
        // Measuring takes a while: a master deposed meanwhile sends nothing (and were it frozen here instead, the slaves'
        // fencing would refuse what it sends when it resumes).
        if (!leadership.leads(term)) {
            throw notLeading("This master stopped leading (term " + term + ") during round " + round + ", before sending "
                    + "any adjustment; the leading master runs the rounds.");
        }
        List<Slave> measuredOnes = succeeded(measured);
        List<Slave> adjusted = measuredOnes.stream().filter(slave -> !decided.leftAlone().containsKey(slave.name())).toList();
        Map<Slave, Attempt<String>> sent = inParallel(adjusted, slave ->
                slaves.adjust(slave, decided.of(slave.name()).adjustmentNanos(), round, instance, term), SENDERS);
        sent.values().stream().map(Attempt::failure).filter(failure -> failure != null && failure.acceptedTerm() >= 0)
                .mapToLong(SlaveCallException::acceptedTerm).max()
                .ifPresent(accepted -> {
                    log.warn("round {}: a slave follows term {}, this master leads term {}: stepping down", round, accepted, term);
                    leadership.fenced(accepted);
                });
        long masterMoved = decided.average().averageNanos();
        clock.adjust(masterMoved);
        trends.masterMoved(masterMoved);
        for (Slave slave : measuredOnes) {
            String key = slave.url().toString();
            Attempt<String> adjustment = sent.get(slave);
            if (decided.leftAlone().containsKey(slave.name())) {
                gate.referenceMoved(key, masterMoved);
            } else if (adjustment.value().isPresent()) {
                gate.corrected(key, decided.estimates().get(slave.name()).boundNanos(), decided.atNanos());
                trends.adjusted(key, decided.of(slave.name()).adjustmentNanos());
            } else {
                // Whether the slave applied it is not known: what the master knew of its clock no longer holds.
                gate.forget(key);
                trends.forget(key);
            }
        }
        return sent;
    }

    /** Reads every slave that took its adjustment once more, {@code berkeley.parallelism} at a time: its offset now. */
    private Map<Slave, Attempt<Reading>> verify(Map<Slave, Attempt<String>> sent) {
        return inParallel(succeeded(sent), slaves::read, properties.parallelism());
    }

    private static List<Slave> succeeded(Map<Slave, ? extends Attempt<?>> attempts) {
        return attempts.entrySet().stream().filter(entry -> entry.getValue().value().isPresent()).map(Map.Entry::getKey).toList();
    }

    /**
     * The round as {@code GET /rounds} shows it: every clock, the master's first, what was measured of it, what was
     * decided and what came of sending it; the spreads are of the included clocks, the master's always among them.
     */
    private RoundView report(long number, String trigger, long term, ClockReading start, Duration took,
            Map<Slave, Attempt<SlaveMeasurement.Result>> measured, Decisions decided, Map<Slave, Attempt<String>> sent,
            Map<Slave, Attempt<Reading>> verified) {
        List<RoundView.Participant> participants = new ArrayList<>();
        Decision self = decided.of(node.name());
        if (self == null) {
            self = new Decision(Clock.master(node.name()), false, "just took over: follows the slaves' average (it stood by unadjusted)",
                    decided.average().averageNanos());
        }
        participants.add(new RoundView.Participant(node.name(), "master", null, 0L, 0L, 0L, null, null, self.included(), self.reason(),
                self.adjustmentNanos(), "adjusted", null, properties.verify() ? 0L : null, properties.verify() ? 0L : null));
        int unreachable = 0;
        List<Long> before = new ArrayList<>(self.included() ? List.of(0L) : List.of());
        List<Long> after = new ArrayList<>(List.of(0L));
        // Each reading is within its bound of the truth, so the largest and the smallest each are within the largest bound.
        long largestVerifiedBound = 0;
        for (Map.Entry<Slave, Attempt<SlaveMeasurement.Result>> entry : measured.entrySet()) {
            Slave slave = entry.getKey();
            Attempt<SlaveMeasurement.Result> reading = entry.getValue();
            if (reading.value().isEmpty()) {
                unreachable++;
                participants.add(new RoundView.Participant(slave.name(), "slave", slave.url().toString(), null, null, null, null,
                        null, false, "not measured", null, reading.failure().status(), reading.failure().getMessage(), null, null));
                continue;
            }
            TimeExchange exchange = reading.value().get().best().exchange();
            String leftAlone = decided.leftAlone().get(slave.name());
            if (leftAlone != null) {
                participants.add(new RoundView.Participant(slave.name(), "slave", slave.url().toString(),
                        reading.value().get().offsetNanos(), exchange.roundTripNanos(), exchange.errorBoundNanos(),
                        reading.value().get().offsetNanos(), null, false, leftAlone, null, "left alone", null, null, null));
                continue;
            }
            Decision decision = decided.of(slave.name());
            Attempt<String> adjustment = sent.get(slave);
            Reading verifiedReading = Optional.ofNullable(verified.get(slave)).flatMap(Attempt::value).orElse(null);
            Long verifiedOffset = verifiedReading == null ? null : verifiedReading.offsetNanos();
            Long verifiedBound = verifiedReading == null ? null : verifiedReading.exchange().errorBoundNanos();
            if (decision.included()) {
                before.add(decision.clock().offsetNanos());
                if (verifiedReading != null) {
                    after.add(verifiedOffset);
                    largestVerifiedBound = Math.max(largestVerifiedBound, verifiedBound);
                }
            }
            SlaveTrends.Estimate estimate = decided.estimates().get(slave.name());
            participants.add(new RoundView.Participant(slave.name(), "slave", slave.url().toString(),
                    decision.clock().offsetNanos(), exchange.roundTripNanos(), estimate.boundNanos(),
                    reading.value().get().offsetNanos(), estimate.rounds(), decision.included(), decision.reason(), decision.adjustmentNanos(),
                    adjustment.value().orElseGet(() -> adjustment.failure().status()),
                    adjustment.failure() == null ? null : adjustment.failure().getMessage(), verifiedOffset, verifiedBound));
        }
        FaultTolerantAverage.Result average = decided.average();
        return new RoundView(number, instance, term, node.name(), trigger, start.instant(), took.toMillis(), properties.tolerance().toNanos(),
                average.medianNanos(), average.averageNanos(), spread(before), properties.verify() ? spread(after) : null,
                properties.verify() ? 2 * largestVerifiedBound : null,
                unreachable, participants);
    }

    private static long spread(List<Long> offsets) {
        return offsets.stream().mapToLong(Long::longValue).max().orElse(0) - offsets.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    /**
     * Runs the call for every slave, at most {@code concurrency} at once, in the order given, and waits for all;
     * a failed call is an attempt without a value. That many workers of the callers' pool take the slaves
     * one after another.
     */
    private <T> Map<Slave, Attempt<T>> inParallel(List<Slave> targets, Function<Slave, T> call, int concurrency) {
        @SuppressWarnings("unchecked")
        Attempt<T>[] attempts = new Attempt[targets.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < attempts.length; i = next.getAndIncrement()) {
                attempts[i] = attempt(targets.get(i), call);
            }
        };
        CompletableFuture<?>[] workers = new CompletableFuture<?>[Math.min(concurrency, targets.size())];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = CompletableFuture.runAsync(worker, callers);
        }
        CompletableFuture.allOf(workers).join();
        Map<Slave, Attempt<T>> results = new LinkedHashMap<>();
        for (int i = 0; i < attempts.length; i++) {
            results.put(targets.get(i), attempts[i]);
        }
        return results;
    }

    private static <T> Attempt<T> attempt(Slave slave, Function<Slave, T> call) {
        try {
            return Attempt.of(call.apply(slave));
        } catch (SlaveCallException e) {
            return Attempt.failed(e);
        } catch (RuntimeException e) {
            log.warn("call to slave {} failed unexpectedly", slave.name(), e);
            return Attempt.failed(SlaveCallException.failed("unexpected error: " + e.getClass().getSimpleName()));
        }
    }

    private record Attempt<T>(T result, SlaveCallException failure) {

        static <T> Attempt<T> of(T value) {
            return new Attempt<>(value, null);
        }

        static <T> Attempt<T> failed(SlaveCallException failure) {
            return new Attempt<>(null, failure);
        }

        Optional<T> value() {
            return Optional.ofNullable(result);
        }
    }

    private void remember(RoundView round) {
        synchronized (history) {
            history.addFirst(round);
            while (history.size() > properties.historySize()) {
                history.removeLast();
            }
        }
        latestMonotonic = clock.monotonicNanos();
        latest = round;
    }

    List<RoundView> history(int limit) {
        synchronized (history) {
            return history.stream().limit(limit).toList();
        }
    }

    Optional<RoundView> latest() {
        return Optional.ofNullable(latest);
    }

    Optional<RoundView> round(long number) {
        synchronized (history) {
            return history.stream().filter(round -> round.round() == number).findFirst();
        }
    }

    /** @return time since the last round ended, or null if there was none */
    Duration sinceLatest() {
        long at = latestMonotonic;
        return at == Long.MIN_VALUE ? null : Duration.ofNanos(clock.monotonicNanos() - at);
    }

    private double latestValue(Function<RoundView, Long> value) {
        RoundView round = latest;
        Long v = round == null ? null : value.apply(round);
        return v == null ? Double.NaN : v;
    }
}
