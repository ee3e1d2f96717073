package dev.clocksync.berkeleymaster.round;

import dev.clocksync.berkeleymaster.MasterProperties;
import dev.clocksync.berkeleymaster.registry.SlaveRegistry;
import dev.clocksync.berkeleymaster.registry.SlaveRegistry.Slave;
import dev.clocksync.clock.ClockReading;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.berkeley.FaultTolerantAverage;
import dev.clocksync.clock.berkeley.FaultTolerantAverage.Clock;
import dev.clocksync.clock.berkeley.FaultTolerantAverage.Decision;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Runs Berkeley rounds, one at a time: read every live slave's clock ({@code berkeley.parallelism} at
 * a time; several samples, the quickest quarter averaged, offsets relative to where the master's clock is heading),
 * take the fault-tolerant average with the master's own clock among them, send every reachable slave
 * its own adjustment in parallel, adjust the master, and optionally read the adjusted clocks once more
 * to measure the spread after. A dead or hung slave costs each phase at most one connect or read timeout:
 * a slave that fails once is not called again in that round.
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
     * The threads that call slaves: {@code berkeley.parallelism} of them read and {@link #SENDERS} send, one phase
     * after the other, so the pool has as many as the larger of the two. Two pools, one for each, kept eight
     * threads (stacks, thread-local buffers) idle in each phase.
     */
    private final ExecutorService callers;

    private final SlaveRegistry registry;
    private final SlaveClockClient slaves;
    private final VirtualClock clock;
    private final NodeProperties node;
    private final MasterProperties properties;
    private final String instance;
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<RoundView> history = new ArrayDeque<>();
    private final Duration lockWait;
    private final Timer duration;
    private final Counter unreachableCount;
    private long rounds;
    private volatile RoundView latest;
    private volatile long latestMonotonic = Long.MIN_VALUE;

    RoundService(SlaveRegistry registry, SlaveClockClient slaves, VirtualClock clock, NodeProperties node,
            MasterProperties properties, MeterRegistry meters) {
        this.registry = registry;
        this.slaves = slaves;
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
        TimeGauge.builder("berkeley.spread.before", this, TimeUnit.NANOSECONDS, s -> s.latestValue(RoundView::spreadBeforeNanos))
                .description("Spread of the included clocks before the last round").register(meters);
        TimeGauge.builder("berkeley.spread.after", this, TimeUnit.NANOSECONDS, s -> s.latestValue(RoundView::spreadAfterNanos))
                .description("Spread of the included clocks after the last round, as read again").register(meters);
    }

    /**
     * Slaves are called on platform threads of their own, started as needed up to {@code size} and kept,
     * never on virtual ones (a round on demand runs in a virtual request thread). Reading: a virtual thread
     * blocked reading the answer is resumed by a poller and then waits for a carrier thread, which delays t3
     * by tens to hundreds of microseconds, on the return leg only, and so biases the measured offset (against
     * a warmed slave on loopback, the worst error of 300 four-sample readings was 23 µs from a platform thread
     * and 175 µs from a virtual one). Sending: a virtual thread that blocks on a socket moves its stack into
     * the heap, 8 KB each, alive as long as the call; with 100 slaves those stacks and what the young
     * collections promoted with them grew the master's old generation by 12-15 MB in 20 rounds, 3-4 MB from
     * a pool of platform threads (docs/benchmarks.md, Berkeley, eighth round).
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
     * @throws org.springframework.web.ErrorResponseException (409) if another round holds the lock for too long
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
            RoundView round = round(++rounds, trigger);
            remember(round);
            return round;
        } finally {
            lock.unlock();
        }
    }

    private static ErrorResponseException inProgress() {
        return Problems.exception(HttpStatus.CONFLICT, "round-in-progress", "Round in progress",
                "Another round is still running; try again when it has finished.");
    }

    private RoundView round(long number, String trigger) {
        long startNanos = clock.monotonicNanos();
        ClockReading start = clock.read();
        List<Slave> live = registry.live();

        Map<Slave, Attempt<SlaveClockClient.Measurement>> readings = inParallel(live, slaves::measure, properties.parallelism());
        List<Clock> clocks = new ArrayList<>();
        clocks.add(Clock.master(node.name()));
        readings.forEach((slave, attempt) -> attempt.value().ifPresent(reading ->
                clocks.add(Clock.slave(slave.name(), reading.offsetNanos()))));
        FaultTolerantAverage.Result average = FaultTolerantAverage.compute(clocks, properties.tolerance().toNanos());
        Map<String, Decision> decisions = new LinkedHashMap<>();
        average.decisions().forEach(decision -> decisions.put(decision.clock().name(), decision));

        List<Slave> reachable = live.stream().filter(slave -> readings.get(slave).value().isPresent()).toList();
        Map<Slave, Attempt<String>> sent = inParallel(reachable, slave ->
                slaves.adjust(slave, decisions.get(slave.name()).adjustmentNanos(), number, instance), SENDERS);
        clock.adjust(average.averageNanos());

        Map<Slave, Attempt<SlaveClockClient.Measurement>> verified = Map.of();
        if (properties.verify()) {
            List<Slave> adjusted = reachable.stream().filter(slave -> sent.get(slave).value().isPresent()).toList();
            verified = inParallel(adjusted, slave -> slaves.measure(slave, 1), properties.parallelism());
        }

        List<RoundView.Participant> participants = new ArrayList<>();
        Decision self = decisions.get(node.name());
        participants.add(new RoundView.Participant(node.name(), "master", null, 0L, 0L, 0L, self.included(), self.reason(),
                self.adjustmentNanos(), "adjusted", null, properties.verify() ? 0L : null));
        int unreachable = 0;
        List<Long> before = new ArrayList<>(List.of(0L));
        List<Long> after = new ArrayList<>(List.of(0L));
        for (Slave slave : live) {
            Attempt<SlaveClockClient.Measurement> reading = readings.get(slave);
            if (reading.value().isEmpty()) {
                unreachable++;
                participants.add(new RoundView.Participant(slave.name(), "slave", slave.url().toString(), null, null, null,
                        false, "not measured", null, reading.failure().status(), reading.failure().getMessage(), null));
                continue;
            }
            TimeExchange exchange = reading.value().get().best().sample().exchange();
            Decision decision = decisions.get(slave.name());
            Attempt<String> adjustment = sent.get(slave);
            Long verifiedOffset = Optional.ofNullable(verified.get(slave)).flatMap(Attempt::value)
                    .map(SlaveClockClient.Measurement::offsetNanos).orElse(null);
            if (decision.included()) {
                before.add(decision.clock().offsetNanos());
                if (verifiedOffset != null) {
                    after.add(verifiedOffset);
                }
            }
            participants.add(new RoundView.Participant(slave.name(), "slave", slave.url().toString(),
                    decision.clock().offsetNanos(), exchange.roundTripNanos(), exchange.errorBoundNanos(),
                    decision.included(), decision.reason(), decision.adjustmentNanos(),
                    adjustment.value().orElseGet(() -> adjustment.failure().status()),
                    adjustment.failure() == null ? null : adjustment.failure().getMessage(), verifiedOffset));
        }
        long elapsed = clock.monotonicNanos() - startNanos;
        duration.record(elapsed, TimeUnit.NANOSECONDS);
        unreachableCount.increment(unreachable);
        RoundView view = new RoundView(number, instance, trigger, start.instant(), Duration.ofNanos(elapsed).toMillis(),
                properties.tolerance().toNanos(), average.medianNanos(), average.averageNanos(), spread(before),
                properties.verify() ? spread(after) : null, unreachable, participants);
        log.info("round {}: {} clocks, average {} ns, spread {} ns -> {} ns, {} unreachable, {} ms", number, participants.size(),
                view.averageOffsetNanos(), view.spreadBeforeNanos(), view.spreadAfterNanos(), unreachable, view.durationMillis());
        return view;
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
