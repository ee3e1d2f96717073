package dev.clocksync.election.node;

import dev.clocksync.election.Algorithm;
import dev.clocksync.election.ElectionEvent;
import dev.clocksync.election.ElectionSettings;
import dev.clocksync.election.Message;
import dev.clocksync.election.MessageType;
import dev.clocksync.election.NodeState;
import dev.clocksync.election.Output;
import dev.clocksync.election.Reason;
import dev.clocksync.election.Role;
import dev.clocksync.election.Timer;
import dev.clocksync.election.TimerKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.clocksync.election.Outputs.events;
import static dev.clocksync.election.Outputs.sent;
import static dev.clocksync.election.Outputs.sentTo;
import static dev.clocksync.election.Outputs.timer;
import static dev.clocksync.election.Outputs.timerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What both algorithms share: terms, one coordinator per term, the bully rule, heartbeats, crashes. */
class ElectionNodeTests {

    static final ElectionSettings SETTINGS = ElectionSettings.defaults();
    static final long HEARTBEAT = SETTINGS.heartbeatIntervalNanos();
    static final long FAILURE = SETTINGS.failureTimeoutNanos();

    /** Node 3 of 1..4, following 4 in term 1 (heard from at time 0). */
    private static ElectionNode followerOfFour() {
        ElectionNode node = new ElectionNode(3, List.of(1, 2, 3, 4), Algorithm.BULLY, SETTINGS);
        node.start(0);
        node.onMessage(Message.bullyCoordinator(1, 4, 3, 3), 0);
        return node;
    }

    @Test
    void aNodeMustBeAMemberAndIdsMustBePositive() {
        assertThatThrownBy(() -> new ElectionNode(9, List.of(1, 2), Algorithm.BULLY, SETTINGS))
                .hasMessageContaining("must include the node itself");
        assertThatThrownBy(() -> new ElectionNode(1, List.of(0, 1), Algorithm.BULLY, SETTINGS))
                .hasMessageContaining("positive");
    }

    @Test
    void onStartItTicksAndHoldsAnElection() {
        ElectionNode node = new ElectionNode(1, List.of(1, 2), Algorithm.RING, SETTINGS);

        Output out = node.start(0);

        assertThat(timer(out, TimerKind.TICK)).hasValueSatisfying(t -> assertThat(t.delayNanos()).isEqualTo(HEARTBEAT));
        assertThat(out.events()).first().satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.STARTUP));
        assertThat(sent(out, MessageType.ELECTION)).singleElement().satisfies(m -> assertThat(m.algorithm()).isEqualTo(Algorithm.RING));
        assertThat(node.term()).isEqualTo(1);
    }

    @Test
    void messagesOfAnOlderTermAreIgnored() {
        ElectionNode node = followerOfFour();
        node.onMessage(Message.heartbeat(5, 4, 3, Algorithm.BULLY), 10);

        assertThat(node.onMessage(Message.bullyElection(4, 1, 3, 1), 20)).isEqualTo(Output.NONE);
        assertThat(node.onMessage(Message.bullyCoordinator(4, 2, 3, 2), 30)).isEqualTo(Output.NONE);
        assertThat(node.onMessage(Message.ringElection(2, 2, 3, 2, List.of(2)), 40)).isEqualTo(Output.NONE);
        assertThat(node.term()).isEqualTo(5);
        assertThat(node.leader()).isEqualTo(4);
    }

    @Test
    void aNewerTermIsAdoptedWithNoCoordinatorUntilItsElectionEnds() {
        ElectionNode node = followerOfFour();

        node.onMessage(Message.bullyElection(3, 1, 3, 1), 10);

        assertThat(node.term()).isEqualTo(3);
        assertThat(node.leader()).isNull();
        assertThat(node.role()).isEqualTo(Role.ELECTING);
    }

    @Test
    void aNodeBelievesAtMostOneCoordinatorPerTerm() {
        ElectionNode node = followerOfFour();

        Output lower = node.onMessage(Message.bullyCoordinator(1, 2, 3, 2), 10);

        assertThat(events(lower)).containsExactly(ElectionEvent.Kind.COORDINATOR_REJECTED);
        assertThat(node.leader()).isEqualTo(4);
        assertThat(node.term()).isEqualTo(1);
    }

    @Test
    void aFollowerThatHearsASecondHigherCoordinatorInItsTermKeepsItsOwnAndHoldsNoElection() {
        ElectionNode node = new ElectionNode(3, List.of(1, 2, 3, 4, 5), Algorithm.BULLY, SETTINGS);
        node.start(0);
        node.onMessage(Message.bullyCoordinator(1, 4, 3, 3), 0);

        Output out = node.onMessage(Message.bullyCoordinator(1, 5, 3, 3), 10);

        assertThat(events(out)).containsExactly(ElectionEvent.Kind.COORDINATOR_REJECTED);
        assertThat(out.messages()).isEmpty();
        assertThat(node.term()).isEqualTo(1);
        assertThat(node.leader()).isEqualTo(4);
    }

    @Test
    void aCoordinatorThatHearsAHigherOneClaimItsTermHoldsNoElection() {
        ElectionNode node = new ElectionNode(4, List.of(1, 2, 3, 4, 5), Algorithm.BULLY, SETTINGS);
        Message toFive = sent(node.start(0), MessageType.ELECTION).get(0);
        node.onUndelivered(toFive, 1);
        assertThat(node.role()).as("5 seemed down").isEqualTo(Role.LEADER);

        Output out = node.onMessage(Message.heartbeat(1, 5, 4, Algorithm.BULLY), 10);

        assertThat(events(out)).containsExactly(ElectionEvent.Kind.COORDINATOR_REJECTED);
        assertThat(out.messages()).isEmpty();
        assertThat(node.term()).isEqualTo(1);
    }

    @Test
    void theHighestCoordinatorOfATermTakesOverInANewTermAfterAHeartbeatIntervalOfLowerClaims() {
        ElectionNode node = new ElectionNode(5, List.of(1, 2, 3, 4, 5), Algorithm.BULLY, SETTINGS);
        Output started = node.start(0);
        assertThat(node.role()).isEqualTo(Role.LEADER);
        Timer tick = timerOf(started, TimerKind.TICK);

        Output heard = node.onMessage(Message.heartbeat(1, 4, 5, Algorithm.BULLY), 10);
        assertThat(events(heard)).containsExactly(ElectionEvent.Kind.COORDINATOR_REJECTED);
        assertThat(node.term()).as("the others' heartbeats may still be on their way").isEqualTo(1);

        Output out = node.onTimer(tick, SETTINGS.heartbeatIntervalNanos() + 10);

        assertThat(events(out)).contains(ElectionEvent.Kind.ELECTION_STARTED);
        assertThat(out.events().stream().filter(e -> e.kind() == ElectionEvent.Kind.ELECTION_STARTED).findFirst()
                .orElseThrow().reason()).isEqualTo(Reason.CONFLICTING_COORDINATOR);
        assertThat(node.term()).isEqualTo(2);
        assertThat(node.leader()).isEqualTo(5);
        assertThat(sent(out, MessageType.COORDINATOR)).extracting(Message::to).containsExactly(1, 2, 3, 4);
        assertThat(sent(out, MessageType.COORDINATOR)).allSatisfy(m -> assertThat(m.term()).isEqualTo(2));
    }

    @Test
    void aCoordinatorThatHearsBothALowerAndALiveHigherClaimantLeavesTheTermToTheHigherOne() {
        ElectionNode node = new ElectionNode(4, List.of(1, 2, 3, 4, 5), Algorithm.BULLY, SETTINGS);
        Output started = node.start(0);
        node.onUndelivered(sent(started, MessageType.ELECTION).get(0), 1);
        assertThat(node.role()).isEqualTo(Role.LEADER);
        node.onMessage(Message.heartbeat(1, 3, 4, Algorithm.BULLY), 10);
        node.onMessage(Message.heartbeat(1, 5, 4, Algorithm.BULLY), 20);

        long tick = SETTINGS.heartbeatIntervalNanos() + 10;
        Output out = node.onTimer(timerOf(started, TimerKind.TICK), tick);

        assertThat(events(out)).doesNotContain(ElectionEvent.Kind.ELECTION_STARTED);
        assertThat(node.term()).isEqualTo(1);

        // The higher one falls silent: after as long as a silent coordinator is allowed (a node in its first seconds
        // allows twice the failure timeout) without its claims, this one settles the term.
        assertThat(node.state().suspectAfterNanos()).isEqualTo(2 * FAILURE);
        Output early = node.onTimer(timerOf(out, TimerKind.TICK), 20 + FAILURE);
        assertThat(events(early)).doesNotContain(ElectionEvent.Kind.ELECTION_STARTED);
        long later = 20 + 2 * FAILURE;
        Output settled = node.onTimer(timerOf(early, TimerKind.TICK), later);
        assertThat(events(settled)).contains(ElectionEvent.Kind.ELECTION_STARTED);
        assertThat(node.term()).isEqualTo(2);
    }

    @Test
    void aLiveNodeThatHearsOfALowerCoordinatorTakesOver() {
        ElectionNode node = new ElectionNode(4, List.of(1, 2, 3, 4), Algorithm.RING, SETTINGS);
        node.start(0);

        Output out = node.onMessage(Message.heartbeat(6, 3, 4, Algorithm.BULLY), 10);

        assertThat(events(out)).containsExactly(ElectionEvent.Kind.LEADER_ELECTED, ElectionEvent.Kind.ELECTION_STARTED);
        assertThat(out.events().get(1).reason()).isEqualTo(Reason.LOWER_COORDINATOR);
        assertThat(node.term()).isEqualTo(7);
        assertThat(out.messages()).containsExactly(Message.ringElection(7, 4, 1, 4, List.of(4)));
    }

    @Test
    void theCoordinatorSendsAHeartbeatToEveryOtherNodeEveryInterval() {
        ElectionNode node = new ElectionNode(3, List.of(1, 2, 3), Algorithm.BULLY, SETTINGS);
        Timer tick = timerOf(node.start(0), TimerKind.TICK);

        Output out = node.onTimer(tick, HEARTBEAT);

        assertThat(out.messages()).containsExactly(Message.heartbeat(1, 3, 1, Algorithm.BULLY), Message.heartbeat(1, 3, 2, Algorithm.BULLY));
        assertThat(timer(out, TimerKind.TICK)).hasValueSatisfying(t -> assertThat(t.delayNanos()).isEqualTo(HEARTBEAT));
    }

    /**
     * Node 3 of 1..4, following 4 in term 1 from time 0, having ticked on time and heard a heartbeat at every tick
     * for {@code ticks} ticks, with the gaps between heartbeats drawn by {@code gap}; returns the time of the last
     * heartbeat, and leaves the node's next tick in {@code tick[0]}.
     */
    private static long followed(ElectionNode node, Timer[] tick, int ticks, java.util.function.IntToLongFunction gap) {
        tick[0] = timerOf(node.start(0), TimerKind.TICK);
        node.onMessage(Message.bullyCoordinator(1, 4, 3, 3), 0);
        long heard = 0;
        for (int i = 1; i <= ticks; i++) {
            heard += gap.applyAsLong(i);
            node.onMessage(Message.heartbeat(1, 4, 3, Algorithm.BULLY), heard);
            tick[0] = timerOf(node.onTimer(tick[0], i * HEARTBEAT), TimerKind.TICK);
        }
        return heard;
    }

    /** Ticks on time from {@code from} until the node holds an election; returns when it did. */
    private static Output silentUntilSuspected(ElectionNode node, Timer[] tick, long from) {
        long now = from;
        Output out;
        do {
            now += HEARTBEAT;
            out = node.onTimer(tick[0], now);
            tick[0] = timerOf(out, TimerKind.TICK);
        } while (out.events().isEmpty() && now < from + 20 * FAILURE);
        return out;
    }

    /**
     * Node 3 of 1..4, following 4 on a quiet machine for 40 heartbeats (the last at {@code lastHeard}), then hearing
     * nothing until it suspects 4 and asks the others about it ({@code suspicion}: what it did then).
     */
    private record Asking(ElectionNode node, long lastHeard, Output suspicion) {

        static Asking aboutFour() {
            ElectionNode node = new ElectionNode(3, List.of(1, 2, 3, 4), Algorithm.BULLY, SETTINGS);
            Timer[] tick = new Timer[1];
            long heard = followed(node, tick, 40, i -> HEARTBEAT);
            return new Asking(node, heard, silentUntilSuspected(node, tick, 40 * HEARTBEAT));
        }

        long at() {
            return suspicion.events().get(0).atNanos();
        }

        Timer timer() {
            return timerOf(suspicion, TimerKind.PRE_VOTE);
        }
    }

    @Test
    void onAQuietMachineAFollowerHoldsAnElectionAfterTheFailureTimeoutOfSilenceAndNotBefore() {
        Asking asking = Asking.aboutFour();
        ElectionNode node = asking.node();
        Output out = asking.suspicion();

        long suspected = asking.lastHeard() + FAILURE;
        assertThat(out.events().get(0).atNanos()).as("suspected at the first tick a failure timeout after the last heartbeat")
                .isEqualTo(suspected);
        assertThat(events(out)).containsExactly(ElectionEvent.Kind.LEADER_SUSPECTED);
        assertThat(out.events().get(0).leader()).isEqualTo(4);
        assertThat(sent(out, MessageType.PRE_VOTE)).as("first it asks the others")
                .containsExactly(Message.preVote(1, 3, 1, 4, Algorithm.BULLY), Message.preVote(1, 3, 2, 4, Algorithm.BULLY),
                        Message.preVote(1, 3, 4, 4, Algorithm.BULLY));
        assertThat(timer(out, TimerKind.PRE_VOTE)).hasValueSatisfying(t -> assertThat(t.delayNanos())
                .isEqualTo(SETTINGS.answerTimeoutNanos()));

        assertThat(node.onMessage(Message.preVoteReply(true, 1, 1, 3, 4, Algorithm.BULLY), suspected + 1).events()).isEmpty();
        assertThat(node.onUndelivered(Message.preVote(1, 3, 4, 4, Algorithm.BULLY), suspected + 2).events()).isEmpty();
        assertThat(node.onMessage(Message.preVoteReply(true, 0, 2, 3, 4, Algorithm.BULLY), suspected + 2).events())
                .as("a reply to a question of another term answers nothing").isEmpty();
        Output election = node.onMessage(Message.preVoteReply(true, 1, 2, 3, 4, Algorithm.BULLY), suspected + 3);

        assertThat(events(election)).startsWith(ElectionEvent.Kind.ELECTION_STARTED);
        assertThat(election.events().get(0).reason()).isEqualTo(Reason.LEADER_FAILED);
        assertThat(sentTo(election, MessageType.ELECTION)).containsExactly(4);
        assertThat(election.timersCancelled()).extracting(Timer::kind).contains(TimerKind.PRE_VOTE);
    }

    @Test
    void oneOtherThatStillHearsTheCoordinatorKeepsAFollowerFromHoldingAnElection() {
        Asking asking = Asking.aboutFour();
        ElectionNode node = asking.node();

        Output refused = node.onMessage(Message.preVoteReply(false, 1, 2, 3, 4, Algorithm.BULLY), asking.at() + 1);
        assertThat(refused.events()).isEmpty();
        assertThat(refused.messages()).isEmpty();
        assertThat(refused.timersCancelled()).extracting(Timer::kind).contains(TimerKind.PRE_VOTE);
        // The others' grants come later: the question is closed.
        assertThat(node.onMessage(Message.preVoteReply(true, 1, 1, 3, 4, Algorithm.BULLY), asking.at() + 2).events()).isEmpty();
        assertThat(node.role()).isEqualTo(Role.FOLLOWER);
        assertThat(node.term()).isEqualTo(1);
    }

    @Test
    void theCoordinatorsOwnRefusalCountsAsHearingFromIt() {
        Asking asking = Asking.aboutFour();

        asking.node().onMessage(Message.preVoteReply(false, 1, 4, 3, 4, Algorithm.BULLY), asking.at() + 5);

        assertThat(asking.node().state().lastHeardNanos()).isEqualTo(asking.at() + 5);
        assertThat(asking.node().state().knowsLiveLeader(asking.at() + 6)).isTrue();
    }

    @Test
    void withNoReplyWithinTheAnswerTimeoutTheFollowerHoldsTheElection() {
        Asking asking = Asking.aboutFour();

        Output election = asking.node().onTimer(asking.timer(), asking.at() + SETTINGS.answerTimeoutNanos());

        assertThat(events(election)).startsWith(ElectionEvent.Kind.ELECTION_STARTED);
        assertThat(election.events().get(0).reason()).isEqualTo(Reason.LEADER_FAILED);
    }

    @Test
    void aHeartbeatThatComesWhileTheFollowerAsksCallsTheElectionOff() {
        Asking asking = Asking.aboutFour();
        ElectionNode node = asking.node();

        node.onMessage(Message.heartbeat(1, 4, 3, Algorithm.BULLY), asking.at() + 1);
        node.onMessage(Message.preVoteReply(true, 1, 1, 3, 4, Algorithm.BULLY), asking.at() + 2);
        node.onMessage(Message.preVoteReply(true, 1, 2, 3, 4, Algorithm.BULLY), asking.at() + 3);
        Output last = node.onUndelivered(Message.preVote(1, 3, 4, 4, Algorithm.BULLY), asking.at() + 4);

        assertThat(last.events()).isEmpty();
        assertThat(node.role()).isEqualTo(Role.FOLLOWER);
        assertThat(node.term()).isEqualTo(1);
    }

    @Test
    void aNodeAskedRefusesWhileItStillHearsTheCoordinatorOrIsItAndChangesNothing() {
        ElectionNode follower = followerOfFour();
        Message question = Message.preVote(1, 2, 3, 4, Algorithm.BULLY);

        Output heardRecently = follower.onMessage(question, 100_000_000L);
        assertThat(heardRecently.messages()).as("it vouches for 4, and asks 4 itself, once a silence")
                .containsExactly(Message.preVote(1, 3, 4, 4, Algorithm.BULLY), Message.preVoteReply(false, 1, 3, 2, 4, Algorithm.BULLY));

        Output longSilent = follower.onMessage(question, 2 * FAILURE);
        assertThat(longSilent.messages()).containsExactly(Message.preVoteReply(true, 1, 3, 2, 4, Algorithm.BULLY));

        Output newerQuestion = follower.onMessage(Message.preVote(7, 2, 3, 4, Algorithm.BULLY), 2 * FAILURE + 1);
        assertThat(newerQuestion.messages()).as("the reply carries the question's term")
                .containsExactly(Message.preVoteReply(true, 7, 3, 2, 4, Algorithm.BULLY));
        assertThat(follower.term()).as("a pre-vote adopts no term").isEqualTo(1);
        assertThat(follower.role()).isEqualTo(Role.FOLLOWER);
        assertThat(newerQuestion.events()).isEmpty();

        ElectionNode leader = new ElectionNode(4, List.of(1, 2, 3, 4), Algorithm.BULLY, SETTINGS);
        leader.start(0);
        assertThat(leader.role()).as("node 4 won at once: nobody is higher").isEqualTo(Role.LEADER);
        Output itself = leader.onMessage(Message.preVote(1, 3, 4, 4, Algorithm.BULLY), 10 * FAILURE);
        assertThat(itself.messages()).containsExactly(Message.preVoteReply(false, 1, 4, 3, 4, Algorithm.BULLY));

        Output staleQuestion = leader.onMessage(Message.preVote(0, 3, 4, 2, Algorithm.BULLY), 10 * FAILURE);
        assertThat(staleQuestion.messages()).as("a question of an older term: this node knows a newer one")
                .containsExactly(Message.preVoteReply(false, 0, 4, 3, 2, Algorithm.BULLY));
    }

    /**
     * Node 3 of 1..4 following 4 on a starved machine: heartbeats came 1 to 3 failure timeouts apart, so it lets 4
     * be silent for longer than a failure timeout. Returns the time of the last heartbeat.
     */
    private static long followedOnAStarvedMachine(ElectionNode node, Timer[] tick) {
        return followed(node, tick, 40, i -> i % 2 == 0 ? HEARTBEAT : 3 * FAILURE / 2);
    }

    @Test
    void onAStarvedMachineAFollowerAsksItsSilentCoordinatorAndARefusedConnectionConvictsItAtOnce() {
        ElectionNode node = new ElectionNode(3, List.of(1, 2, 3, 4), Algorithm.BULLY, SETTINGS);
        Timer[] tick = new Timer[1];
        long heard = followedOnAStarvedMachine(node, tick);
        assertThat(node.state().suspectAfterNanos()).as("the allowance has grown").isGreaterThan(FAILURE);

        long now = 40 * HEARTBEAT;
        Output out;
        do {
            now += HEARTBEAT;
            out = node.onTimer(tick[0], now);
            tick[0] = timerOf(out, TimerKind.TICK);
        } while (out.messages().isEmpty() && now < heard + 10 * FAILURE);
        assertThat(now - heard).as("it asks after a failure timeout of silence").isGreaterThanOrEqualTo(FAILURE)
                .isLessThan(FAILURE + 2 * HEARTBEAT);
        assertThat(out.events()).as("a question, not a suspicion yet").isEmpty();
        Message probe = Message.preVote(1, 3, 4, 4, Algorithm.BULLY);
        assertThat(out.messages()).containsExactly(probe);

        Output refused = node.onRefused(probe, now + 1);

        assertThat(events(refused)).containsExactly(ElectionEvent.Kind.LEADER_SUSPECTED);
        assertThat(sent(refused, MessageType.PRE_VOTE)).as("the others are asked whether they still hear 4")
                .containsExactly(Message.preVote(1, 3, 1, 4, Algorithm.BULLY), Message.preVote(1, 3, 2, 4, Algorithm.BULLY),
                        Message.preVote(1, 3, 4, 4, Algorithm.BULLY));
        node.onMessage(Message.preVoteReply(true, 1, 1, 3, 4, Algorithm.BULLY), now + 2);
        Output election = node.onMessage(Message.preVoteReply(true, 1, 2, 3, 4, Algorithm.BULLY), now + 3);
        assertThat(election.events().get(0).reason()).isEqualTo(Reason.LEADER_FAILED);
        assertThat(now + 3 - heard).as("well before the stretched allowance").isLessThan(node.state().suspectAfterNanos());
    }

    @Test
    void aCoordinatorThatAnswersTheQuestionIsHeardAndATimedOutQuestionProvesNothing() {
        ElectionNode node = new ElectionNode(3, List.of(1, 2, 3, 4), Algorithm.BULLY, SETTINGS);
        Timer[] tick = new Timer[1];
        long heard = followedOnAStarvedMachine(node, tick);
        Message probe = Message.preVote(1, 3, 4, 4, Algorithm.BULLY);
        long asked = heard + FAILURE + HEARTBEAT;

        assertThat(node.onUndelivered(probe, asked).events()).as("timed out: 4 may be hung or slow").isEmpty();
        assertThat(node.role()).isEqualTo(Role.FOLLOWER);
        node.onMessage(Message.preVoteReply(false, 1, 4, 3, 4, Algorithm.BULLY), asked + 1);
        assertThat(node.state().lastHeardNanos()).as("4 answered: it lives").isEqualTo(asked + 1);

        Output stale = node.onRefused(Message.preVote(0, 3, 4, 4, Algorithm.BULLY), asked + 2);
        assertThat(stale.events()).as("a refusal of an older term's question proves nothing now").isEmpty();
    }

    @Test
    void aNodeWithProofTheCoordinatorIsGoneNoLongerVouchesForIt() {
        ElectionNode follower = followerOfFour();
        Message question = Message.preVote(1, 2, 3, 4, Algorithm.BULLY);
        assertThat(follower.onMessage(question, 100_000_000L).messages())
                .contains(Message.preVoteReply(false, 1, 3, 2, 4, Algorithm.BULLY));

        Output proof = follower.onRefused(Message.preVote(1, 3, 4, 4, Algorithm.BULLY), 100_000_001L);
        assertThat(proof.events()).as("asked on another's behalf, within its own failure timeout: it only notes it").isEmpty();

        assertThat(follower.onMessage(question, 200_000_000L).messages())
                .containsExactly(Message.preVoteReply(true, 1, 3, 2, 4, Algorithm.BULLY));
        follower.onMessage(Message.heartbeat(1, 4, 3, Algorithm.BULLY), 250_000_000L);
        assertThat(follower.onMessage(question, 300_000_000L).messages()).as("heard again since: the proof is old")
                .contains(Message.preVoteReply(false, 1, 3, 2, 4, Algorithm.BULLY));
    }

    @Test
    void aCoordinatorShownANewerTermStepsDownAndWaitsForThatTermsCoordinator() {
        ElectionNode node = new ElectionNode(4, List.of(1, 2, 3, 4), Algorithm.BULLY, SETTINGS);
        node.start(0);
        assertThat(node.role()).isEqualTo(Role.LEADER);

        Output fenced = node.onFenced(7, 10);

        assertThat(fenced.messages()).as("it waits to hear the term's coordinator").isEmpty();
        assertThat(events(fenced)).containsExactly(ElectionEvent.Kind.FENCED);
        assertThat(fenced.events().get(0).leader()).as("the coordinator it was: itself").isEqualTo(4);
        assertThat(node.term()).isEqualTo(7);
        assertThat(node.role()).isEqualTo(Role.ELECTING);
        assertThat(node.leader()).isNull();
        assertThat(node.onFenced(7, 20)).as("not leading: waits on").isEqualTo(Output.NONE);
        assertThat(node.onFenced(3, 20)).isEqualTo(Output.NONE);
        assertThat(node.onFenced(Long.MAX_VALUE, 20)).as("no room for an election above it").isEqualTo(Output.NONE);
        assertThat(node.term()).as("an older or the same term changes nothing").isEqualTo(7);

        Output heard = node.onMessage(Message.heartbeat(7, 2, 4, Algorithm.BULLY), 30);
        assertThat(events(heard)).as("the term's coordinator believed, bullied, and node 4 elected, nobody being higher")
                .containsExactly(ElectionEvent.Kind.LEADER_ELECTED, ElectionEvent.Kind.ELECTION_STARTED,
                        ElectionEvent.Kind.LEADER_ELECTED);
        assertThat(heard.events().get(0).leader()).isEqualTo(2);
        assertThat(node.leader()).isEqualTo(4);
        assertThat(node.term()).isEqualTo(8);
    }

    @Test
    void aNodeShownANewerTermThatNobodyLeadsElectsInATermAboveIt() {
        ElectionNode node = new ElectionNode(4, List.of(1, 2, 3, 4), Algorithm.BULLY, SETTINGS);
        Timer tick = timerOf(node.start(0), TimerKind.TICK);
        node.onFenced(7, 10);

        long now = 0;
        Output out = Output.NONE;
        while (!events(out).contains(ElectionEvent.Kind.ELECTION_STARTED) && now < 10 * FAILURE) {
            now += HEARTBEAT;
            out = node.onTimer(tick, now);
            tick = timerOf(out, TimerKind.TICK);
        }

        assertThat(now).as("after electing for a failure timeout").isGreaterThanOrEqualTo(FAILURE).isLessThan(FAILURE + 2 * HEARTBEAT);
        assertThat(out.events()).first().satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.STALLED));
        assertThat(node.term()).isEqualTo(8);
        assertThat(node.role()).as("nobody is higher").isEqualTo(Role.LEADER);
    }

    @Test
    void aCoordinatorFencedInItsOwnTermSettlesItInTheNext() {
        ElectionNode node = new ElectionNode(4, List.of(1, 2, 3, 4), Algorithm.BULLY, SETTINGS);
        node.start(0);
        long term = node.term();

        Output fenced = node.onFenced(term, 10);

        assertThat(fenced.events()).first().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ElectionEvent.Kind.ELECTION_STARTED);
            assertThat(e.reason()).isEqualTo(Reason.FENCED);
        });
        assertThat(node.term()).isEqualTo(term + 1);
        assertThat(node.role()).as("nobody is higher").isEqualTo(Role.LEADER);
    }

    @Test
    void aCrashedNodeTakesNoNewerTerm() {
        ElectionNode node = followerOfFour();
        node.crash(10);
        node.onFenced(9, 20);
        assertThat(node.term()).isEqualTo(1);
    }

    @Test
    void inItsFirstSecondsAFollowerWaitsTwiceTheFailureTimeout() {
        ElectionNode node = new ElectionNode(3, List.of(1, 2, 3, 4), Algorithm.BULLY, SETTINGS);
        Timer[] tick = new Timer[1];
        long heard = followed(node, tick, 2, i -> HEARTBEAT);

        Output out = silentUntilSuspected(node, tick, 2 * HEARTBEAT);

        assertThat(out.events().get(0).atNanos()).isEqualTo(heard + 2 * FAILURE);
    }

    @Test
    void heartbeatsThatComeLateAndScatteredStretchTheTimeoutUpToFourFailureTimeouts() {
        ElectionNode scattered = new ElectionNode(3, List.of(1, 2, 3, 4), Algorithm.BULLY, SETTINGS);
        Timer[] tick = new Timer[1];
        // Heartbeats alternately 50 ms and 250 ms apart: a coordinator on a busy machine, never silent for long.
        long heard = followed(scattered, tick, 40, i -> i % 2 == 0 ? 50_000_000L : 250_000_000L);
        Output out = silentUntilSuspected(scattered, tick, 40 * HEARTBEAT);
        long waited = out.events().get(0).atNanos() - heard;

        assertThat(waited).isGreaterThan(FAILURE + 4 * 100_000_000L).isLessThanOrEqualTo(4 * FAILURE + HEARTBEAT);

        ElectionNode stalled = new ElectionNode(3, List.of(1, 2, 3, 4), Algorithm.BULLY, SETTINGS);
        heard = followed(stalled, tick, 40, i -> i % 4 == 0 ? 3 * FAILURE : 10_000_000L);
        out = silentUntilSuspected(stalled, tick, heard);

        assertThat(out.events().get(0).atNanos() - heard).as("never more than four failure timeouts")
                .isLessThanOrEqualTo(4 * FAILURE + HEARTBEAT);
    }

    @Test
    void aFollowerWhoseOwnTickCameLateSuspectsNobodyAtThatTick() {
        ElectionNode node = new ElectionNode(3, List.of(1, 2, 3, 4), Algorithm.BULLY, SETTINGS);
        Timer[] tick = new Timer[1];
        long heard = followed(node, tick, 40, i -> HEARTBEAT);

        // Starved for three failure timeouts: its tick comes that late, with nothing heard meanwhile.
        Output late = node.onTimer(tick[0], heard + 3 * FAILURE);
        assertThat(late.events()).isEmpty();
        assertThat(node.role()).isEqualTo(Role.FOLLOWER);

        // The next tick on time, still with nothing heard: now the silence counts.
        Output next = node.onTimer(timerOf(late, TimerKind.TICK), heard + 3 * FAILURE + HEARTBEAT);
        assertThat(events(next)).containsExactly(ElectionEvent.Kind.LEADER_SUSPECTED);
    }

    @Test
    void aHeartbeatOfANewerTermTellsANodeThatMissedTheElectionWhoLeads() {
        ElectionNode node = followerOfFour();

        node.onMessage(Message.heartbeat(9, 4, 3, Algorithm.RING), 10);

        assertThat(node.term()).isEqualTo(9);
        assertThat(node.leader()).isEqualTo(4);
        assertThat(node.role()).isEqualTo(Role.FOLLOWER);
        assertThat(node.state().lastElection().durationNanos()).as("it did not see the election").isNull();
        // A node in its first seconds suspects after twice the failure timeout (see HeartbeatTimeout).
        assertThat(node.state().suspectAfterNanos()).isEqualTo(2 * FAILURE);
        assertThat(node.state().knowsLiveLeader(10 + 2 * FAILURE - 1)).isTrue();
        assertThat(node.state().knowsLiveLeader(10 + 2 * FAILURE)).isFalse();
    }

    @Test
    void aCrashedNodeIgnoresEverythingAndOnRecoveryHoldsAnElectionInANewTerm() {
        ElectionNode node = followerOfFour();

        Output crashed = node.crash(10);
        assertThat(crashed.timersCancelled()).extracting(Timer::kind).contains(TimerKind.TICK);
        assertThat(node.role()).isEqualTo(Role.CRASHED);
        assertThat(node.leader()).isNull();
        assertThat(node.onMessage(Message.bullyElection(1, 1, 3, 1), 20)).isEqualTo(Output.NONE);
        assertThat(node.onMessage(Message.heartbeat(2, 4, 3, Algorithm.BULLY), 30)).isEqualTo(Output.NONE);
        assertThat(node.startElection(Algorithm.BULLY, 40)).isEqualTo(Output.NONE);
        assertThat(node.crash(50)).isEqualTo(Output.NONE);

        Output recovered = node.recover(60);

        assertThat(events(recovered)).startsWith(ElectionEvent.Kind.RECOVERED, ElectionEvent.Kind.ELECTION_STARTED);
        assertThat(recovered.events().get(1).reason()).isEqualTo(Reason.RECOVERED);
        assertThat(node.term()).isEqualTo(2);
        assertThat(timer(recovered, TimerKind.TICK)).isPresent();
        assertThat(sentTo(recovered, MessageType.ELECTION)).containsExactly(4);
    }

    @Test
    void aTimerThatWasCancelledOrSetAgainIsIgnored() {
        ElectionNode node = new ElectionNode(2, List.of(1, 2, 3), Algorithm.BULLY, SETTINGS);
        Timer answer = timerOf(node.start(0), TimerKind.ANSWER);
        node.onMessage(Message.answer(1, 3, 2), 10);

        assertThat(node.onTimer(answer, SETTINGS.answerTimeoutNanos())).isEqualTo(Output.NONE);
        assertThat(node.role()).isEqualTo(Role.ELECTING);
    }

    @Test
    void messagesNotForThisNodeOrFromStrangersAreIgnored() {
        ElectionNode node = followerOfFour();

        assertThat(node.onMessage(Message.bullyElection(9, 1, 2, 1), 10)).isEqualTo(Output.NONE);
        assertThat(node.onMessage(Message.bullyElection(9, 7, 3, 7), 10)).isEqualTo(Output.NONE);
        assertThat(node.term()).isEqualTo(1);
    }

    @Test
    void everyNodeRunsBothAlgorithmsWhateverItIsConfiguredWith() {
        ElectionNode node = new ElectionNode(2, List.of(1, 2, 3), Algorithm.BULLY, SETTINGS);
        node.start(0);

        Output ring = node.startElection(Algorithm.RING, 10);
        assertThat(ring.messages()).containsExactly(Message.ringElection(2, 2, 3, 2, List.of(2)));

        Output passedOn = node.onMessage(Message.ringElection(3, 1, 2, 1, List.of(1)), 20);
        assertThat(passedOn.messages()).containsExactly(Message.ringElection(3, 2, 3, 1, List.of(1, 2)));
    }

    @Test
    void theStateSaysWhatTheNodeKnows() {
        ElectionNode node = followerOfFour();

        NodeState state = node.state();

        assertThat(state.id()).isEqualTo(3);
        assertThat(state.members()).containsExactly(1, 2, 3, 4);
        assertThat(state.algorithm()).isEqualTo(Algorithm.BULLY);
        assertThat(state.role()).isEqualTo(Role.FOLLOWER);
        assertThat(state.leader()).isEqualTo(4);
        assertThat(state.lastElection().initiator()).isEqualTo(3);
        assertThat(state.lastElection().reason()).isEqualTo(Reason.STARTUP);
        assertThat(state.lastElection().messagesSent()).containsExactlyEntriesOf(java.util.Map.of(MessageType.ELECTION, 1));
    }
}
