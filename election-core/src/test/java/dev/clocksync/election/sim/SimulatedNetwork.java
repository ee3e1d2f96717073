package dev.clocksync.election.sim;

import dev.clocksync.election.Algorithm;
import dev.clocksync.election.ElectionEvent;
import dev.clocksync.election.ElectionSettings;
import dev.clocksync.election.Message;
import dev.clocksync.election.MessageType;
import dev.clocksync.election.Output;
import dev.clocksync.election.Role;
import dev.clocksync.election.node.ElectionNode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Election nodes on an in-memory network, in virtual time: a priority queue of what happens next,
 * and one seeded {@link Random} for every delay, loss and choice, so that a seed replays exactly.
 * <p>
 * The network behaves as the HTTP transport does: a message to a node that is down (crashed, or its
 * process killed) is refused, and the sender learns it after {@code refusalNanos}; a message to a live
 * node arrives after a random delay; one slower than {@code timeoutNanos} (the transport's read timeout)
 * times out at its sender and still arrives. With {@link #loss(double)} above zero, a message may instead be
 * lost: half the time silently (the receiver took it and lost it), half the time the sender times out
 * after {@code timeoutNanos}, and then the message still arrives late in half of those cases. With
 * {@link #warmUp(long, long)}, a process that has just started is slow to send and to answer, as a JVM is
 * in its first seconds. With {@link #stall(int, long)}, a process is starved of CPU for a while, as one of a dozen
 * JVMs starting on two cores is: it handles nothing (its timers and the messages sent to it wait), and then
 * everything that waited at once.
 * With {@link #cut(int, int)}, the link between two processes is cut (a partition) until {@link #heal()}.
 * Requests of the test's own between members and other processes (a Berkeley master adjusting its slaves) travel
 * the same network ({@link #request}).
 * <p>
 * A node can crash and recover (it keeps its memory, as {@code POST /admin/crash} does) or be killed
 * and restarted (a new node, as {@code kill -9} and a new process). Timers and messages of a killed
 * node's earlier incarnation are not delivered to the new one.
 * <p>
 * It checks as it goes that no node ever believes two coordinators in one term.
 */
final class SimulatedNetwork {

    /** How the network delays and fails messages, in nanoseconds. */
    record Network(long minDelayNanos, long maxDelayNanos, double slowFraction, long slowMaxDelayNanos,
            long refusalNanos, long timeoutNanos) {

        /** Loopback-like: 0.2–2 ms, one message in ten up to 20 ms; refusal 0.5 ms; timeout 300 ms (the read timeout). */
        static Network loopback() {
            return new Network(200_000, 2_000_000, 0.1, 20_000_000, 500_000, 300_000_000);
        }

        /** Every message takes exactly {@code delayNanos}; a refusal takes a tenth of that. */
        static Network constant(long delayNanos) {
            return new Network(delayNanos, delayNanos, 0, delayNanos, delayNanos / 10, 300_000_000);
        }
    }

    private record Scheduled(long at, long sequence, Runnable action) {
    }

    private final Random random;
    private final Network network;
    private final List<Integer> members;
    private final IntFunction<ElectionSettings> settings;
    private final IntFunction<Algorithm> algorithms;
    private final Map<Integer, ElectionNode> nodes = new HashMap<>();
    private final Map<Integer, Integer> incarnations = new HashMap<>();
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>((a, b) ->
            a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.sequence, b.sequence));
    private final Map<String, Map<Long, Integer>> beliefs = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<MessageType, Integer> sent = new EnumMap<>(MessageType.class);
    private final List<Observed> events = new ArrayList<>();
    private final Map<Integer, Long> startedAt = new HashMap<>();
    private final Map<Integer, Long> stalledUntil = new HashMap<>();
    private final Set<Long> cut = new HashSet<>();
    private double loss;
    private long warmUpNanos;
    private long warmUpMaxDelayNanos;
    private long now;
    private long sequence;
    private Runnable afterEachStep = () -> { };

    /** An event of one node. */
    record Observed(int node, ElectionEvent event) {
    }

    SimulatedNetwork(long seed, Network network, List<Integer> members, IntFunction<Algorithm> algorithms,
            IntFunction<ElectionSettings> settings) {
        this.random = new Random(seed);
        this.network = network;
        this.members = List.copyOf(new TreeSet<>(members));
        this.algorithms = algorithms;
        this.settings = settings;
    }

    SimulatedNetwork(long seed, Network network, int size, Algorithm algorithm, ElectionSettings settings) {
        this(seed, network, range(size), id -> algorithm, id -> settings);
    }

    static List<Integer> range(int size) {
        List<Integer> ids = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            ids.add(id);
        }
        return ids;
    }

    Random random() {
        return random;
    }

    long now() {
        return now;
    }

    List<Integer> members() {
        return members;
    }

    /** Runs after every step (to watch for agreement, for example). */
    void afterEachStep(Runnable check) {
        this.afterEachStep = check;
    }

    // ---- what the test does --------------------------------------------------------------------

    /** Starts every member's process now. */
    void startAll() {
        members.forEach(this::startProcess);
    }

    /** Starts a new process (a new node, with no memory) for this id, now. */
    void startProcess(int id) {
        int incarnation = incarnations.merge(id, 1, Integer::sum);
        startedAt.put(id, now);
        ElectionNode node = new ElectionNode(id, members, algorithms.apply(id), settings.apply(id));
        nodes.put(id, node);
        apply(id, incarnation, node.start(now));
    }

    /** Kills the node's process ({@code kill -9}): it is gone until {@link #startProcess}. */
    void kill(int id) {
        nodes.remove(id);
    }

    /** Crashes the node ({@code POST /admin/crash}): it keeps its memory and ignores everything. */
    void crash(int id) {
        ElectionNode node = nodes.get(id);
        if (node != null) {
            apply(id, incarnations.get(id), node.crash(now));
        }
    }

    /** Recovers a crashed node ({@code POST /admin/recover}). */
    void recover(int id) {
        ElectionNode node = nodes.get(id);
        if (node != null) {
            apply(id, incarnations.get(id), node.recover(now));
        }
    }

    /** Asks the node to hold an election ({@code POST /election?algorithm=...}). */
    void startElection(int id, Algorithm algorithm) {
        ElectionNode node = nodes.get(id);
        if (node != null) {
            apply(id, incarnations.get(id), node.startElection(algorithm, now));
        }
    }

    /**
     * Starves the node's process of CPU for {@code durationNanos} from now: what falls due for it meanwhile (its
     * timers, messages to it) happens when the stall ends; its senders time out as usual.
     */
    void stall(int id, long durationNanos) {
        stalledUntil.merge(id, now + durationNanos, Math::max);
    }

    /**
     * Cuts the link between two processes (members, or others the test names by ids of its own), both ways: from now
     * on what one sends the other times out at its sender, as a connection to an unreachable host does.
     */
    void cut(int a, int b) {
        cut.add(link(a, b));
    }

    /** Restores every cut link. */
    void heal() {
        cut.clear();
    }

    private boolean isCut(int a, int b) {
        return cut.contains(link(a, b));
    }

    private static long link(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }

    /**
     * Runs {@code action} on the node's process in {@code delayNanos}, if the same process still runs then (not
     * killed and restarted meanwhile); while it is stalled, when the stall ends. For what the test adds to a node
     * (a Berkeley master's rounds); the action sees whether the node is up.
     */
    void onProcess(int id, long delayNanos, Runnable action) {
        Integer incarnation = incarnations.get(id);
        at(now + delayNanos, () -> whenRunning(id, () -> {
            if (incarnation != null && nodes.get(id) != null && incarnation.equals(incarnations.get(id))) {
                action.run();
            }
        }));
    }

    /** @return how many times the member's process has been started */
    int incarnation(int id) {
        return incarnations.getOrDefault(id, 0);
    }

    /**
     * Carries one request of the test's own (not election traffic) from {@code from} to {@code to} and its answer
     * back: a random delay each way, each way lost with the loss probability, and neither crossing a cut link. No
     * timeout is modelled: the sender does not wait, and an answer that arrives, however late, is taken.
     * {@code request} runs at the receiver (when a member, once it is up and not stalled) and returns the answer, or
     * null for none; {@code answered} runs at the sender with it, if the same process is still up.
     */
    <T> void request(int from, int to, Supplier<T> request, Consumer<T> answered) {
        if (isCut(from, to) || (loss > 0 && random.nextDouble() < loss)) {
            return;
        }
        Integer senderIncarnation = incarnations.get(from);
        long there = delay();
        at(now + there, () -> whenRunning(to, () -> {
            if (members.contains(to) && !isUp(to)) {
                return;
            }
            T answer = request.get();
            if (answer == null || isCut(from, to) || (loss > 0 && random.nextDouble() < loss)) {
                return;
            }
            at(now + delay(), () -> whenRunning(from, () -> {
                boolean sameProcess = !members.contains(from)
                        || (isUp(from) && Objects.equals(senderIncarnation, incarnations.get(from)));
                if (sameProcess) {
                    answered.accept(answer);
                }
            }));
        }));
    }

    /** Tells the node a slave fenced it off, having accepted {@code term} ({@link ElectionNode#onFenced}), now. */
    void fenced(int id, long term) {
        ElectionNode node = nodes.get(id);
        if (node != null) {
            apply(id, incarnations.get(id), node.onFenced(term, now));
        }
    }

    /** Sets the probability that a message is lost, from now on. */
    void loss(double probability) {
        this.loss = probability;
    }

    /**
     * From now on, a message to or from a process that started less than {@code durationNanos} ago takes
     * up to {@code maxDelayNanos} (a JVM that is still warming up); one slower than the timeout times out at
     * its sender and still arrives, as an HTTP request does that the receiver handles after the client gave up.
     */
    void warmUp(long durationNanos, long maxDelayNanos) {
        this.warmUpNanos = durationNanos;
        this.warmUpMaxDelayNanos = maxDelayNanos;
    }

    /** Processes everything due up to and including {@code until}, then sets the time to it. */
    void runUntil(long until) {
        while (!queue.isEmpty() && queue.peek().at <= until) {
            Scheduled next = queue.poll();
            now = next.at;
            next.action.run();
            afterEachStep.run();
        }
        now = until;
    }

    void runFor(long nanos) {
        runUntil(now + nanos);
    }

    /** Runs an action at a time in the future. */
    void at(long time, Runnable action) {
        queue.add(new Scheduled(time, ++sequence, action));
    }

    // ---- what the test observes ----------------------------------------------------------------

    /** @return whether the node's process runs and it has not crashed */
    boolean isUp(int id) {
        ElectionNode node = nodes.get(id);
        return node != null && node.role() != Role.CRASHED;
    }

    ElectionNode node(int id) {
        return nodes.get(id);
    }

    List<Integer> upNodes() {
        return members.stream().filter(this::isUp).toList();
    }

    /**
     * @return the leader if every node that is up names it, in the same term, it is the highest id up,
     *         and it knows it leads; else null
     */
    Integer agreedLeader() {
        Integer highest = null;
        Long term = null;
        for (int id : members) {
            if (!isUp(id)) {
                continue;
            }
            highest = id;
            ElectionNode node = nodes.get(id);
            if (node.leader() == null || (term != null && node.term() != term)) {
                return null;
            }
            term = node.term();
        }
        if (highest == null) {
            return null;
        }
        for (int id : upNodes()) {
            if (!nodes.get(id).leader().equals(highest)) {
                return null;
            }
        }
        return nodes.get(highest).role() == Role.LEADER ? highest : null;
    }

    /** @return the highest term of any node that has started (0 before any has) */
    long highestTerm() {
        return members.stream().filter(id -> nodes.get(id) != null).mapToLong(id -> nodes.get(id).term()).max().orElse(0);
    }

    /** @return every election message (ELECTION, ANSWER, COORDINATOR) sent so far, refused ones included */
    int electionMessagesSent() {
        return sent.entrySet().stream().filter(e -> e.getKey().isElectionTraffic()).mapToInt(Map.Entry::getValue).sum();
    }

    /** @return messages sent so far, by type, refused ones included */
    Map<MessageType, Integer> sentByType() {
        return Map.copyOf(sent);
    }

    void resetCounts() {
        sent.clear();
        events.clear();
    }

    List<Observed> events() {
        return List.copyOf(events);
    }

    /** @return every time a node believed a second coordinator in a term (must stay empty) */
    List<String> violations() {
        return List.copyOf(violations);
    }

    // ---- the network ---------------------------------------------------------------------------

    private void apply(int id, int incarnation, Output output) {
        for (ElectionEvent event : output.events()) {
            events.add(new Observed(id, event));
            if (event.kind() == ElectionEvent.Kind.LEADER_ELECTED) {
                Integer earlier = beliefs.computeIfAbsent(id + "#" + incarnation, k -> new HashMap<>())
                        .putIfAbsent(event.term(), event.leader());
                if (earlier != null && !earlier.equals(event.leader())) {
                    violations.add("node " + id + " believed " + earlier + " and then " + event.leader()
                            + " in term " + event.term() + " at " + now);
                }
            }
        }
        for (Output.TimerSet timer : output.timersSet()) {
            at(now + timer.delayNanos(), () -> whenRunning(id, () -> {
                ElectionNode node = current(id, incarnation);
                if (node != null) {
                    apply(id, incarnation, node.onTimer(timer.timer(), now));
                }
            }));
        }
        for (Message message : output.messages()) {
            send(message, incarnation);
        }
    }

    private ElectionNode current(int id, int incarnation) {
        return incarnations.getOrDefault(id, 0) == incarnation ? nodes.get(id) : null;
    }

    private void send(Message message, int senderIncarnation) {
        sent.merge(message.type(), 1, Integer::sum);
        if (isCut(message.from(), message.to())) {
            at(now + network.timeoutNanos(), () -> undelivered(message, senderIncarnation));
        } else if (!isUp(message.to())) {
            at(now + network.refusalNanos(), () -> refused(message, senderIncarnation));
        } else if (loss > 0 && random.nextDouble() < loss) {
            if (random.nextBoolean()) {
                at(now + network.timeoutNanos(), () -> undelivered(message, senderIncarnation));
                if (random.nextBoolean()) {
                    at(now + delay(), () -> deliver(message, senderIncarnation, false));
                }
            } // else: lost without a trace
        } else {
            long delay = delay(message);
            long stalled = stalledUntil.getOrDefault(message.to(), 0L) - now;
            if (Math.max(delay, stalled) > network.timeoutNanos()) {
                at(now + network.timeoutNanos(), () -> undelivered(message, senderIncarnation));
                at(now + delay, () -> whenRunning(message.to(), () -> deliver(message, senderIncarnation, false)));
            } else {
                at(now + delay, () -> whenRunning(message.to(), () -> deliver(message, senderIncarnation, true)));
            }
        }
    }

    private long delay(Message message) {
        long delay = delay();
        if (warmUpNanos > 0 && (warmingUp(message.from()) || warmingUp(message.to()))) {
            delay = Math.max(delay, uniform(network.minDelayNanos(), warmUpMaxDelayNanos));
        }
        return delay;
    }

    /** Runs the action now, or when the node's stall ends. */
    private void whenRunning(int id, Runnable action) {
        long until = stalledUntil.getOrDefault(id, 0L);
        if (now < until) {
            at(until, action);
        } else {
            action.run();
        }
    }

    private boolean warmingUp(int id) {
        Long started = startedAt.get(id);
        return started != null && now - started < warmUpNanos;
    }

    private void deliver(Message message, int senderIncarnation, boolean senderWaits) {
        ElectionNode receiver = nodes.get(message.to());
        if (receiver == null || receiver.role() == Role.CRASHED) {
            if (senderWaits) {
                at(now + network.refusalNanos(), () -> refused(message, senderIncarnation));
            }
            return;
        }
        apply(message.to(), incarnations.get(message.to()), receiver.onMessage(message, now));
    }

    /** Refused, as a killed process's port refuses connections (and a crashed node answers 503 at once). */
    private void refused(Message message, int senderIncarnation) {
        ElectionNode sender = current(message.from(), senderIncarnation);
        if (sender != null) {
            apply(message.from(), senderIncarnation, sender.onRefused(message, now));
        }
    }

    private void undelivered(Message message, int senderIncarnation) {
        ElectionNode sender = current(message.from(), senderIncarnation);
        if (sender != null) {
            apply(message.from(), senderIncarnation, sender.onUndelivered(message, now));
        }
    }

    private long delay() {
        if (network.slowFraction() > 0 && random.nextDouble() < network.slowFraction()) {
            return uniform(network.maxDelayNanos(), network.slowMaxDelayNanos());
        }
        return uniform(network.minDelayNanos(), network.maxDelayNanos());
    }

    private long uniform(long min, long max) {
        return max <= min ? min : min + (long) (random.nextDouble() * (max - min));
    }
}
