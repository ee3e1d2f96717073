package dev.clocksync.electionservice.node;

import dev.clocksync.clock.TimeSource;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.election.Algorithm;
import dev.clocksync.election.ElectionEvent;
import dev.clocksync.election.Message;
import dev.clocksync.election.MessageType;
import dev.clocksync.election.NodeState;
import dev.clocksync.election.Output;
import dev.clocksync.election.Role;
import dev.clocksync.election.Timer;
import dev.clocksync.election.node.ElectionNode;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.extern.slf4j.Slf4j;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Drives this node's {@link ElectionNode} state machine. One thread, {@code election-loop}, owns it:
 * every input (a message handed over by the HTTP endpoint, a timer, a message that could not be
 * delivered, a request to start an election, crash or recover) is queued to that thread, so the
 * state machine is never entered concurrently and no request thread ever runs an election. Timers
 * are that thread's scheduled tasks, on the monotonic clock. Messages the state machine emits go out
 * through the {@link MessageSender}, asynchronously; one that cannot be delivered comes back as an
 * input. After every input the node's state is published for readers.
 * <p>
 * Started after the web server (so that answers can reach it), stopped before it.
 */
@Slf4j
@Component
public class ElectionDriver implements SmartLifecycle {

    /** More inputs than this waiting, and incoming messages are refused with 503. */
    static final int MAX_WAITING_INPUTS = 10_000;

    private final ElectionNode node;
    private final ElectionGroup group;
    private final ElectionProperties properties;
    private final MessageSender sender;
    private final TimeSource time;
    private final VirtualClock clock;
    private final ElectionHistory history;
    private final ElectionMetrics metrics;
    private final ScheduledThreadPoolExecutor loop;
    private final AtomicInteger waiting = new AtomicInteger();
    /** Timers set and not yet fired or cancelled; used only on the loop thread. */
    private final Map<Timer, ScheduledFuture<?>> timers = new HashMap<>();
    private volatile NodeState state;
    private volatile boolean running;

    ElectionDriver(ElectionGroup group, ElectionProperties properties, MessageSender sender, TimeSource time,
            VirtualClock clock, MeterRegistry registry) {
        this.group = group;
        this.properties = properties;
        this.sender = sender;
        this.time = time;
        this.clock = clock;
        // A service that is not elected keeps a node of its own that is never started: its state reads as before any election.
        this.node = new ElectionNode(group.self(), group.elected() ? group.members().keySet() : List.of(group.self()),
                properties.algorithm(), properties.toSettings());
        this.state = node.state();
        this.history = new ElectionHistory(properties.historySize());
        this.metrics = new ElectionMetrics(registry, () -> state);
        this.loop = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "election-loop");
            thread.setDaemon(true);
            return thread;
        });
        this.loop.setRemoveOnCancelPolicy(true);
        this.loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    // ---- lifecycle ------------------------------------------------------------------------------

    @Override
    public void start() {
        running = true;
        if (!group.elected()) {
            return;
        }
        log.info("Node {} of {} starting, {} by default", group.self(), group.members().keySet(),
                properties.algorithm().label());
        submit(() -> step(n -> n.start(now())));
    }

    @Override
    public void stop() {
        running = false;
        loop.shutdownNow();
        try {
            loop.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    // ---- inputs ---------------------------------------------------------------------------------

    /**
     * Hands a message from another node to the state machine and returns at once.
     *
     * @throws NodeUnavailableException if too many inputs are waiting
     */
    public void deliver(Message message) {
        metrics.received(message);
        if (!submit(() -> step(n -> n.onMessage(message, now())))) {
            throw NodeUnavailableException.overloaded();
        }
    }

    /**
     * Starts an election with this algorithm. Waits only for the state machine to take the request
     * (not for the election), and returns the state right after: a new term, electing.
     */
    public NodeState startElection(Algorithm algorithm) {
        return await(n -> n.startElection(algorithm, now()));
    }

    /**
     * Tells the state machine that a slave has accepted a master of this term: a higher one than the node's, or its own
     * term led by another master (fencing, see {@link ElectionNode#onFenced}). Returns at once; a node overloaded with
     * inputs drops it, as the next refused adjustment says it again.
     */
    public void fenced(long acceptedTerm) {
        submit(() -> step(n -> n.onFenced(acceptedTerm, now())));
    }

    /** Crashes the node: it behaves as dead until {@link #recover()}. @return the state right after */
    public NodeState crash() {
        return await(n -> n.crash(now()));
    }

    /** Recovers a crashed node: it holds an election. @return the state right after */
    public NodeState recover() {
        return await(n -> n.recover(now()));
    }

    // ---- reading --------------------------------------------------------------------------------

    /** @return the node's state after its latest input */
    public NodeState state() {
        return state;
    }

    /** @return whether the node is crashed */
    public boolean crashed() {
        return state.role() == Role.CRASHED;
    }

    /** @return whether the node leads, or follows a coordinator it heard from within the failure timeout */
    public boolean knowsLiveLeader() {
        return state.knowsLiveLeader(now());
    }

    /** @return how long ago the node last heard from its coordinator, in milliseconds, or null */
    public Long millisSinceLeaderHeard() {
        Long heard = state.lastHeardNanos();
        return heard == null || state.role() != Role.FOLLOWER ? null : TimeUnit.NANOSECONDS.toMillis(now() - heard);
    }

    /** @return up to {@code limit} most recent events, newest first */
    public List<ElectionHistory.Entry> history(int limit) {
        return history.recent(limit);
    }

    public ElectionProperties properties() {
        return properties;
    }

    /** @return who takes part in the elections */
    public ElectionGroup group() {
        return group;
    }

    /** @return whether this service takes part in elections at all (it has {@code election.peers}) */
    public boolean elected() {
        return group.elected();
    }

    // ---- the loop -------------------------------------------------------------------------------

    private long now() {
        return time.monotonicNanos();
    }

    private boolean submit(Runnable input) {
        if (waiting.incrementAndGet() > MAX_WAITING_INPUTS) {
            waiting.decrementAndGet();
            return false;
        }
        try {
            loop.execute(() -> {
                waiting.decrementAndGet();
                input.run();
            });
            return true;
        } catch (RejectedExecutionException shutDown) {
            waiting.decrementAndGet();
            return false;
        }
    }

    private NodeState await(Function<ElectionNode, Output> input) {
        CompletableFuture<NodeState> after = new CompletableFuture<>();
        if (!submit(() -> {
            step(input);
            after.complete(state);
        })) {
            throw NodeUnavailableException.overloaded();
        }
        try {
            return after.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return state;
        } catch (ExecutionException | TimeoutException e) {
            return state; // taken, not yet handled: the caller sees the state as it is
        }
    }

    /** Runs one input on the loop thread and carries out what the state machine wants done. */
    private void step(Function<ElectionNode, Output> input) {
        try {
            carryOut(input.apply(node));
        } catch (RuntimeException e) {
            log.error("Election step failed", e);
        } finally {
            state = node.state();
        }
    }

    private void carryOut(Output output) {
        for (Timer timer : output.timersCancelled()) {
            ScheduledFuture<?> scheduled = timers.remove(timer);
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
        for (Output.TimerSet set : output.timersSet()) {
            Timer timer = set.timer();
            timers.put(timer, loop.schedule(() -> {
                timers.remove(timer);
                step(n -> n.onTimer(timer, now()));
            }, set.delayNanos(), TimeUnit.NANOSECONDS));
        }
        for (ElectionEvent event : output.events()) {
            history.add(event, clock.read().instant());
            metrics.event(event, group.self());
            logEvent(event);
        }
        for (Message message : output.messages()) {
            metrics.sent(message);
            sender.send(message, this::undelivered);
        }
    }

    private void undelivered(Message message, boolean refused) {
        metrics.undelivered(message);
        // A lost heartbeat or pre-vote reply changes nothing for its sender.
        if (message.type() == MessageType.PRE_VOTE || message.type().isElectionTraffic()) {
            submit(() -> step(n -> refused ? n.onRefused(message, now()) : n.onUndelivered(message, now())));
        }
    }

    private void logEvent(ElectionEvent event) {
        switch (event.kind()) {
            case ELECTION_STARTED -> log.info("Term {}: election started ({}, {})", event.term(),
                    event.election().algorithm().label(), event.reason());
            case LEADER_ELECTED -> log.info("Term {}: coordinator is {}", event.term(), event.leader());
            case LEADER_SUSPECTED -> log.info("Term {}: coordinator {} is silent", event.term(), event.leader());
            case COORDINATOR_REJECTED -> log.info("Term {}: {} claims to coordinate; not believed", event.term(), event.leader());
            case CRASHED, RECOVERED -> log.info("Term {}: {}", event.term(), event.kind());
            case FENCED -> log.info("Term {}: a slave follows this term's master; coordinator {} no longer followed",
                    event.term(), event.leader());
            case ELECTION_JOINED -> log.debug("Term {}: joined the election of {}", event.term(), event.election().initiator());
        }
    }
}
