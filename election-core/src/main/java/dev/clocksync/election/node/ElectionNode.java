package dev.clocksync.election.node;

import dev.clocksync.election.Algorithm;
import dev.clocksync.election.ElectionContext;
import dev.clocksync.election.ElectionEvent;
import dev.clocksync.election.ElectionProtocol;
import dev.clocksync.election.ElectionSettings;
import dev.clocksync.election.ElectionSummary;
import dev.clocksync.election.Message;
import dev.clocksync.election.MessageType;
import dev.clocksync.election.NodeState;
import dev.clocksync.election.Output;
import dev.clocksync.election.Reason;
import dev.clocksync.election.Role;
import dev.clocksync.election.Timer;
import dev.clocksync.election.TimerKind;
import dev.clocksync.election.bully.BullyElection;
import dev.clocksync.election.ring.RingElection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One node of a group that elects a coordinator, as a pure state machine in the manner of etcd's
 * raft: every input (a message, a timer, a message that could not be delivered, a crash) is a method
 * call with the current monotonic time, and returns an {@link Output}: the messages to send, the
 * timers to set, and what happened. No threads, no clocks, no network, no randomness: a driver
 * (an HTTP service, or a simulated network in the tests) carries the output out and calls back.
 * A driver must not call a node from two threads at once.
 * <p>
 * What both algorithms share lives here:
 * <ul>
 *   <li><b>Terms.</b> Every election has a term number, one higher than the term of the node that
 *       starts it; every message carries its sender's term. A message of an older term is ignored; a
 *       message of a newer term makes the node adopt that term, forgetting its coordinator and any
 *       election of the older term. Nodes drawn into an election take part in its term, so one
 *       election is one term.</li>
 *   <li><b>At most one coordinator per term.</b> Once a node believes a coordinator for its term, a
 *       different claimant for the same term is not believed. Several coordinators of one term (each won by
 *       timeout while a higher one was slow to answer, or not yet started) are sorted out by the highest of
 *       them alone: a coordinator that has heard a lower one claim its term for a heartbeat interval, and no
 *       higher one for as long as it lets a coordinator be silent, holds a new election, in the next term. The
 *       other nodes keep the coordinator they believe until then.</li>
 *   <li><b>The bully rule, for both algorithms.</b> A live node that learns of a coordinator with a lower
 *       id than its own holds a new election: so a node that recovers takes over, with either algorithm.</li>
 *   <li><b>Failure detection.</b> Every heartbeat interval, the coordinator sends HEARTBEAT to every other
 *       node, and each follower checks when it last heard from the coordinator; after a silence longer than
 *       the coordinator's heartbeats have given it reason to expect ({@link HeartbeatTimeout}: the failure
 *       timeout on a quiet network, longer on a starved one) it suspects it, unless its own tick came late (it
 *       was starved itself). Before it holds an election it asks the others (a pre-vote, as in Raft): if any of
 *       them still hears the coordinator, or is it, it holds none and keeps listening; the others' silence, and
 *       no reply within the answer timeout, count as agreement. A heartbeat is a coordinator's claim like a
 *       COORDINATOR, so a node that missed an election, or a coordinator that was away, learns of the new one
 *       from its heartbeats.</li>
 *   <li><b>A refused connection is proof of death.</b> On a starved machine the adaptive timeout lets a
 *       coordinator be silent for up to four failure timeouts. A follower that has not heard its coordinator for
 *       one failure timeout asks it directly meanwhile (a PRE_VOTE addressed to the coordinator itself, which
 *       answers PRE_VOTE_REFUSED while it lives). A process that is gone leaves a port that refuses connections at
 *       once, so a refusal ({@link #onRefused}) lets the follower suspect it then, without waiting out the longer
 *       timeout; a hung or unreachable coordinator refuses nothing and is suspected by the timeout as before. A
 *       follower with that proof does not vouch for the coordinator in others' pre-votes, and one asked about its
 *       coordinator asks it too, so that the asker's next pre-vote finds the proof there. On a quiet machine the
 *       timeout is the failure timeout and nothing changes. Like SWIM's direct probe (Das, Gupta and Motivala
 *       2002), with the transport's refusal as the verdict.</li>
 *   <li><b>Crashes.</b> A crashed node ignores every input and sets no timers; on recovery it holds an
 *       election (keeping its term: a crash here loses no memory, a restarted process starts a new node).</li>
 * </ul>
 * The algorithms themselves are {@link BullyElection} and {@link RingElection}. Every node can run
 * both: {@code algorithm} is the one it uses for elections it starts by itself.
 */
public final class ElectionNode {

    private final int id;
    private final List<Integer> members;
    private final Algorithm algorithm;
    private final ElectionSettings settings;
    private final Map<Algorithm, ElectionProtocol> protocols = new EnumMap<>(Algorithm.class);
    private final Map<TimerKind, Timer> timers = new EnumMap<>(TimerKind.class);
    private final Context context = new Context();
    private final HeartbeatTimeout silenceAllowed;

    private boolean started;
    private boolean crashed;
    private long term;
    private Integer leader;
    private Role role = Role.ELECTING;
    private long electingSinceNanos;
    private Long lastHeardNanos;
    /** When the next tick is due: a tick that comes much later shows this node itself was starved of CPU. */
    private long tickDueNanos;
    /** While this node coordinates: since when a lower node claims its term too, and when a higher one last did. */
    private Long lowerClaimSinceNanos;
    private Long higherClaimHeardNanos;
    /** While this follower asks the others whether they still hear its coordinator: who has not replied yet. */
    private Set<Integer> preVoteAwaiting;
    /** When this follower last asked its coordinator directly whether it lives, and when that was refused. */
    private Long probedNanos;
    private Long leaderRefusedNanos;
    private Election election;
    private long timerSequence;

    private long now;
    private Step step;

    /**
     * @param id        this node's id, positive
     * @param members   every member's id, this node's included
     * @param algorithm the algorithm for elections this node starts by itself
     * @param settings  the timeouts
     */
    public ElectionNode(int id, Collection<Integer> members, Algorithm algorithm, ElectionSettings settings) {
        this.id = id;
        this.members = List.copyOf(new TreeSet<>(members));
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (id <= 0 || this.members.stream().anyMatch(member -> member <= 0)) {
            throw new IllegalArgumentException("node ids must be positive");
        }
        if (!this.members.contains(id)) {
            throw new IllegalArgumentException("the members must include the node itself (" + id + ")");
        }
        this.silenceAllowed = new HeartbeatTimeout(settings);
        protocols.put(Algorithm.BULLY, new BullyElection(context));
        protocols.put(Algorithm.RING, new RingElection(context));
    }

    // ---- inputs ---------------------------------------------------------------------------------

    /** The node has started: it begins to tick, and holds an election, since it knows no coordinator. */
    public Output start(long nowNanos) {
        return step(nowNanos, () -> {
            if (!started && !crashed) {
                started = true;
                startTick();
                startElection(algorithm, Reason.STARTUP);
            }
        });
    }

    /** Somebody asks this node to hold an election now, with the given algorithm. Ignored while crashed. */
    public Output startElection(Algorithm algorithm, long nowNanos) {
        Objects.requireNonNull(algorithm, "algorithm");
        return step(nowNanos, () -> {
            if (!crashed) {
                startElection(algorithm, Reason.MANUAL);
            }
        });
    }

    /** A message has arrived. */
    public Output onMessage(Message message, long nowNanos) {
        return step(nowNanos, () -> receive(message));
    }

    /** A timer this node set has fired. */
    public Output onTimer(Timer timer, long nowNanos) {
        return step(nowNanos, () -> {
            if (crashed || !timer.equals(timers.get(timer.kind()))) {
                return; // cancelled, or set again since
            }
            timers.remove(timer.kind());
            switch (timer.kind()) {
                case TICK -> tick();
                case ANSWER, COORDINATOR -> protocols.get(Algorithm.BULLY).onTimer(timer.kind());
                case RING -> protocols.get(Algorithm.RING).onTimer(timer.kind());
                case PRE_VOTE -> concludePreVote();
            }
        });
    }

    /** A message this node sent could not be delivered: the receiver is down, timed out or answered with an error. */
    public Output onUndelivered(Message message, long nowNanos) {
        return step(nowNanos, () -> undelivered(message));
    }

    /**
     * A message this node sent was refused: the receiver's host refused the connection, which it does when no
     * process listens there. Undelivered, and if the receiver is this follower's coordinator, proof that it is gone.
     */
    public Output onRefused(Message message, long nowNanos) {
        return step(nowNanos, () -> {
            undelivered(message);
            if (crashed || message.from() != id || role != Role.FOLLOWER || message.term() != term
                    || !Objects.equals(message.to(), leader)) {
                return;
            }
            leaderRefusedNanos = now;
            // Asked by its own silence, the follower suspects at once; asked on another's behalf, it only has the proof.
            if (preVoteAwaiting == null && now - lastHeardNanos >= settings.failureTimeoutNanos()) {
                event(ElectionEvent.Kind.LEADER_SUSPECTED, leader, null);
                startPreVote();
            }
        });
    }

    private void undelivered(Message message) {
        if (crashed || message.from() != id) {
            return;
        }
        if (message.type() == MessageType.PRE_VOTE) {
            preVoteUnanswered(message.to(), message.term(), message.leader());
        } else if (message.type().isElectionTraffic()) {
            protocols.get(message.algorithm()).onUndelivered(message);
        }
    }

    /**
     * A Berkeley slave refused this node's adjustment (fencing): it has accepted {@code acceptedTerm} from another
     * master. A newer term than the node's is taken as from a message of it: the node forgets its coordinator (a
     * coordinator steps down) and waits, electing, for that term's coordinator to be heard; if none is (it has died
     * since), it holds an election above it when the electing times out. The node's own term, while it leads, means
     * two coordinators claim the term (Bully and Ring allow that for a moment) and the slave follows the other: the
     * node settles it as it does a conflicting coordinator, by an election in the next term. Either way whoever wins
     * leads in a term the slaves accept. Ignored while crashed, and for an older term.
     */
    public Output onFenced(long acceptedTerm, long nowNanos) {
        return step(nowNanos, () -> {
            // A term that leaves no room for the next election's is not taken: terms come from elections, one at a time.
            if (crashed || acceptedTerm == Long.MAX_VALUE) {
                return;
            }
            if (acceptedTerm == term && role == Role.LEADER) {
                startElection(algorithm, Reason.FENCED);
            } else if (acceptedTerm > term) {
                Integer deposed = leader;
                term = acceptedTerm;
                forgetClaims();
                leader = null;
                role = Role.ELECTING;
                electingSinceNanos = now;
                resetElection();
                election = new Election(term, algorithm, null, null, null);
                event(ElectionEvent.Kind.FENCED, deposed, null);
            }
        });
    }

    /** The node goes down: from now on it ignores everything, until {@link #recover}. */
    public Output crash(long nowNanos) {
        return step(nowNanos, () -> {
            if (crashed) {
                return;
            }
            crashed = true;
            role = Role.CRASHED;
            leader = null;
            lastHeardNanos = null;
            endPreVote();
            new ArrayList<>(timers.keySet()).forEach(this::cancelTimer);
            protocols.values().forEach(ElectionProtocol::reset);
            event(ElectionEvent.Kind.CRASHED, null, null);
        });
    }

    /** The node comes back: it holds an election, and takes over if it has the highest id of the live nodes. */
    public Output recover(long nowNanos) {
        return step(nowNanos, () -> {
            if (!crashed) {
                return;
            }
            crashed = false;
            role = Role.ELECTING;
            event(ElectionEvent.Kind.RECOVERED, null, null);
            if (started) {
                startTick();
                startElection(algorithm, Reason.RECOVERED);
            }
        });
    }

    /** @return what the node knows now */
    public NodeState state() {
        return new NodeState(id, members, algorithm, role, term, leader, lastHeardNanos, silenceAllowed.nanos(),
                election == null ? null : election.summary());
    }

    /** @return this node's id */
    public int id() {
        return id;
    }

    /** @return what the node is doing */
    public Role role() {
        return role;
    }

    /** @return the node's term */
    public long term() {
        return term;
    }

    /** @return the coordinator of the node's term, or null if it knows none */
    public Integer leader() {
        return leader;
    }

    /** @return every member's id, ascending */
    public List<Integer> members() {
        return members;
    }

    /** @return the node's timeouts */
    public ElectionSettings settings() {
        return settings;
    }

    // ---- what both algorithms share -------------------------------------------------------------

    private void receive(Message message) {
        if (crashed || message.to() != id || !members.contains(message.from())) {
            return;
        }
        // The pre-vote changes nothing in the nodes it asks: no term is adopted from it, no election joined.
        switch (message.type()) {
            case PRE_VOTE -> {
                answerPreVote(message);
                return;
            }
            case PRE_VOTE_GRANTED, PRE_VOTE_REFUSED -> {
                preVoteReply(message);
                return;
            }
            default -> {
            }
        }
        if (message.term() < term) {
            return; // stale: its election is over
        }
        if (message.term() > term || election == null) {
            adoptTerm(message);
        }
        ElectionProtocol protocol = protocols.get(message.algorithm());
        switch (message.type()) {
            case ELECTION -> protocol.onElection(message);
            case ANSWER -> protocol.onAnswer(message);
            case COORDINATOR -> {
                if (claim(message)) {
                    protocol.onCoordinator(message);
                }
            }
            case HEARTBEAT -> claim(message);
        }
    }

    /** A newer election is under way: take part in its term, with no coordinator yet. */
    private void adoptTerm(Message message) {
        term = message.term();
        forgetClaims();
        leader = null;
        role = Role.ELECTING;
        electingSinceNanos = now;
        resetElection();
        election = new Election(term, message.algorithm(), message.initiator(), null, null);
    }

    /**
     * A COORDINATOR or HEARTBEAT of this node's term: {@code message.leader()} claims to be its coordinator.
     *
     * @return whether this node believes it
     */
    private boolean claim(Message message) {
        int claimant = message.leader();
        if (leader == null) {
            if (election.initiator == null) {
                election.initiator = message.initiator();
            }
            believe(claimant, message.algorithm(), message.participants());
            if (claimant < id) {
                startElection(algorithm, Reason.LOWER_COORDINATOR);
            }
            return true;
        }
        if (leader == claimant) {
            if (claimant != id) {
                lastHeardNanos = now;
                silenceAllowed.heard(now);
            }
            return true;
        }
        event(ElectionEvent.Kind.COORDINATOR_REJECTED, claimant, null);
        if (leader == id) {
            // Only the highest of a term's coordinators settles it, at its next tick (see tick()): were every
            // node that saw two of them to hold an election, theirs could race and end with two winners again.
            if (claimant < id && lowerClaimSinceNanos == null) {
                lowerClaimSinceNanos = now;
            } else if (claimant > id) {
                higherClaimHeardNanos = now;
            }
        }
        return false;
    }

    private void believe(int coordinator, Algorithm elector, List<Integer> participants) {
        forgetClaims();
        leader = coordinator;
        role = coordinator == id ? Role.LEADER : Role.FOLLOWER;
        lastHeardNanos = now;
        silenceAllowed.following(coordinator, now);
        resetElection();
        election.elected(coordinator, elector, participants, now);
        event(ElectionEvent.Kind.LEADER_ELECTED, coordinator, null);
    }

    private void startElection(Algorithm chosen, Reason reason) {
        term++;
        forgetClaims();
        leader = null;
        role = Role.ELECTING;
        electingSinceNanos = now;
        resetElection();
        election = new Election(term, chosen, id, reason, now);
        election.takingPart = true;
        event(ElectionEvent.Kind.ELECTION_STARTED, null, reason);
        protocols.get(chosen).start();
    }

    private void resetElection() {
        endPreVote();
        cancelTimer(TimerKind.ANSWER);
        cancelTimer(TimerKind.COORDINATOR);
        cancelTimer(TimerKind.RING);
        protocols.values().forEach(ElectionProtocol::reset);
    }

    private void tick() {
        // Cassandra's failure detector convicts nobody right after a local pause: a node that was itself starved
        // of CPU for a heartbeat interval cannot tell a silent coordinator from heartbeats it has not handled yet.
        boolean pausedHere = now - tickDueNanos > settings.heartbeatIntervalNanos();
        silenceAllowed.ticked(now - tickDueNanos + settings.heartbeatIntervalNanos());
        startTick();
        switch (role) {
            case LEADER -> {
                // A lower node has claimed this node's term for a heartbeat interval, so every coordinator of the
                // term has heard every other's heartbeats by now: the one that heard of none higher (in the
                // time a silent coordinator is allowed) holds the new election, the others leave it to that one.
                boolean higherAlive = higherClaimHeardNanos != null
                        && now - higherClaimHeardNanos < silenceAllowed.nanos();
                if (lowerClaimSinceNanos != null && now - lowerClaimSinceNanos >= settings.heartbeatIntervalNanos()
                        && !higherAlive) {
                    startElection(algorithm, Reason.CONFLICTING_COORDINATOR);
                    return;
                }
                for (int member : members) {
                    if (member != id) {
                        send(Message.heartbeat(term, id, member, election.algorithm));
                    }
                }
            }
            case FOLLOWER -> {
                if (!pausedHere && preVoteAwaiting == null && (now - lastHeardNanos >= silenceAllowed.nanos() || leaderRefused())) {
                    event(ElectionEvent.Kind.LEADER_SUSPECTED, leader, null);
                    startPreVote();
                } else if (now - lastHeardNanos >= settings.failureTimeoutNanos()) {
                    probeLeader(); // silent for a failure timeout, but allowed longer on this starved machine
                }
            }
            case ELECTING -> {
                boolean waiting = timers.containsKey(TimerKind.ANSWER) || timers.containsKey(TimerKind.COORDINATOR)
                        || timers.containsKey(TimerKind.RING);
                if (!waiting && now - electingSinceNanos >= settings.failureTimeoutNanos()) {
                    startElection(algorithm, Reason.STALLED);
                }
            }
            case CRASHED -> {
            }
        }
    }

    // ---- the pre-vote ---------------------------------------------------------------------------

    /**
     * Asks every other node, the silent coordinator included (its refusal, if it comes while the others are still
     * answering, is the best proof of life), but waits only for the others: a crashed coordinator's address may take
     * a connect timeout to fail, and a live one that cannot answer sooner than the others is as good as silent.
     */
    private void startPreVote() {
        preVoteAwaiting = new HashSet<>();
        for (int member : members) {
            if (member != id) {
                if (member != leader) {
                    preVoteAwaiting.add(member);
                }
                send(Message.preVote(term, id, member, leader, algorithm));
            }
        }
        if (preVoteAwaiting.isEmpty()) {
            concludePreVote(); // nobody but the coordinator to ask
        } else {
            startTimer(TimerKind.PRE_VOTE, settings.answerTimeoutNanos());
        }
    }

    /**
     * Refuses if this node is the coordinator asked about, or follows it in the asker's term and does not suspect it
     * yet (nor would at its next tick): a coordinator one node cannot hear while others can is slow, or cut off from
     * that node only, and an election would only unseat it. Refuses too if this node knows a newer term (its
     * heartbeats will reach the asker). Grants otherwise.
     */
    private void answerPreVote(Message question) {
        int silent = question.leader();
        if (question.from() != silent && leader != null && leader == silent && leader != id && question.term() == term) {
            probeLeader(); // the asker suspects it: find out for this node too
        }
        boolean stillHeard = question.term() == term && leader != null && leader == silent
                && (leader == id ? role == Role.LEADER
                        : now - lastHeardNanos < silenceAllowed.nanos() - settings.heartbeatIntervalNanos() && !leaderRefused());
        boolean newerKnown = question.term() < term;
        send(Message.preVoteReply(!(stillHeard || newerKnown), question.term(), id, question.from(), silent,
                algorithm));
    }

    private void preVoteReply(Message reply) {
        if (reply.type() == MessageType.PRE_VOTE_REFUSED && role == Role.FOLLOWER && reply.term() == term
                && Objects.equals(reply.from(), leader) && Objects.equals(reply.leader(), leader)) {
            lastHeardNanos = now; // the coordinator itself answered: it lives
        }
        if (preVoteAwaiting == null || reply.term() != term || !Objects.equals(reply.leader(), leader)) {
            return; // an earlier question's, or the answer to a probe
        }
        if (reply.type() == MessageType.PRE_VOTE_REFUSED) {
            if (reply.from() == leader) {
                lastHeardNanos = now; // the coordinator itself answered
                silenceAllowed.heard(now);
            }
            endPreVote();
            return;
        }
        preVoteUnanswered(reply.from(), reply.term(), reply.leader());
    }

    /** {@code member} granted, or cannot answer (down, or too slow): it cannot vouch for the coordinator. */
    private void preVoteUnanswered(int member, long questionTerm, Integer silent) {
        if (preVoteAwaiting == null || questionTerm != term || !Objects.equals(silent, leader)) {
            return;
        }
        preVoteAwaiting.remove(member);
        if (preVoteAwaiting.isEmpty()) {
            concludePreVote();
        }
    }

    /** Nobody vouched for the coordinator: the election, unless it has been heard from meanwhile. */
    private void concludePreVote() {
        endPreVote();
        if (role == Role.FOLLOWER && (now - lastHeardNanos >= silenceAllowed.nanos() || leaderRefused())) {
            startElection(algorithm, Reason.LEADER_FAILED);
        }
    }

    /** @return whether this follower's coordinator refused a connection since it was last heard from */
    private boolean leaderRefused() {
        return leaderRefusedNanos != null && lastHeardNanos != null && leaderRefusedNanos > lastHeardNanos;
    }

    /** Asks the coordinator directly whether it lives, once per silence: its answer, or its port's refusal, says. */
    private void probeLeader() {
        if (role != Role.FOLLOWER || leader == null || (probedNanos != null && probedNanos >= lastHeardNanos)) {
            return;
        }
        probedNanos = now;
        send(Message.preVote(term, id, leader, leader, algorithm));
    }

    private void endPreVote() {
        preVoteAwaiting = null;
        cancelTimer(TimerKind.PRE_VOTE);
    }

    private void forgetClaims() {
        lowerClaimSinceNanos = null;
        higherClaimHeardNanos = null;
    }

    private void startTick() {
        tickDueNanos = now + settings.heartbeatIntervalNanos();
        startTimer(TimerKind.TICK, settings.heartbeatIntervalNanos());
    }

    // ---- effects --------------------------------------------------------------------------------

    private void send(Message message) {
        step.messages.add(message);
        if (message.type().isElectionTraffic() && election != null && message.term() == election.term) {
            election.sent.merge(message.type(), 1, Integer::sum);
        }
    }

    private void startTimer(TimerKind kind, long delayNanos) {
        cancelTimer(kind);
        Timer timer = new Timer(kind, term, ++timerSequence);
        timers.put(kind, timer);
        step.timersSet.add(new Output.TimerSet(timer, delayNanos));
    }

    private void cancelTimer(TimerKind kind) {
        Timer timer = timers.remove(kind);
        if (timer != null) {
            step.timersCancelled.add(timer);
        }
    }

    private void event(ElectionEvent.Kind kind, Integer subject, Reason reason) {
        step.events.add(new ElectionEvent(kind, now, term, subject != null ? subject : leader, reason,
                election == null ? null : election.summary()));
    }

    private Output step(long nowNanos, Runnable input) {
        if (step != null) {
            throw new IllegalStateException("an ElectionNode must not be entered while it handles an input");
        }
        now = nowNanos;
        step = new Step();
        try {
            input.run();
            return step.output();
        } finally {
            step = null;
        }
    }

    private static final class Step {
        final List<Message> messages = new ArrayList<>();
        final List<Output.TimerSet> timersSet = new ArrayList<>();
        final List<Timer> timersCancelled = new ArrayList<>();
        final List<ElectionEvent> events = new ArrayList<>();

        Output output() {
            return messages.isEmpty() && timersSet.isEmpty() && timersCancelled.isEmpty() && events.isEmpty()
                    ? Output.NONE
                    : new Output(messages, timersSet, timersCancelled, events);
        }
    }

    /** The election of the node's current term, as this node sees it. */
    private static final class Election {
        final long term;
        Algorithm algorithm;
        Integer initiator;
        final Reason reason;
        Long startedAtNanos;
        Integer leader;
        Long electedAtNanos;
        List<Integer> participants = List.of();
        /** Whether this node started or joined it (rather than only hearing its outcome). */
        boolean takingPart;
        final Map<MessageType, Integer> sent = new EnumMap<>(MessageType.class);

        Election(long term, Algorithm algorithm, Integer initiator, Reason reason, Long startedAtNanos) {
            this.term = term;
            this.algorithm = algorithm;
            this.initiator = initiator;
            this.reason = reason;
            this.startedAtNanos = startedAtNanos;
        }

        void elected(int leader, Algorithm elector, List<Integer> participants, long nowNanos) {
            this.leader = leader;
            this.algorithm = elector;
            this.participants = participants;
            this.electedAtNanos = nowNanos;
        }

        ElectionSummary summary() {
            return new ElectionSummary(term, algorithm, initiator, reason, startedAtNanos, leader, electedAtNanos,
                    sent, participants);
        }
    }

    /** What the algorithms see of this node. */
    private final class Context implements ElectionContext {

        @Override
        public int id() {
            return id;
        }

        @Override
        public List<Integer> members() {
            return members;
        }

        @Override
        public long term() {
            return term;
        }

        @Override
        public Integer leader() {
            return leader;
        }

        @Override
        public ElectionSettings settings() {
            return settings;
        }

        @Override
        public void send(Message message) {
            ElectionNode.this.send(message);
        }

        @Override
        public void startTimer(TimerKind kind, long delayNanos) {
            ElectionNode.this.startTimer(kind, delayNanos);
        }

        @Override
        public void cancelTimer(TimerKind kind) {
            ElectionNode.this.cancelTimer(kind);
        }

        @Override
        public boolean timerRunning(TimerKind kind) {
            return timers.containsKey(kind);
        }

        @Override
        public void elected(int coordinator, Algorithm elector, List<Integer> participants) {
            if (leader == null) {
                believe(coordinator, elector, participants);
            }
        }

        @Override
        public void joined(Algorithm elector, Integer initiator) {
            if (election.takingPart) {
                return;
            }
            election.takingPart = true;
            election.startedAtNanos = now;
            election.algorithm = elector;
            if (election.initiator == null) {
                election.initiator = initiator;
            }
            event(ElectionEvent.Kind.ELECTION_JOINED, null, null);
        }

        @Override
        public void restart(Algorithm elector, Reason reason) {
            startElection(elector, reason);
        }
    }
}
