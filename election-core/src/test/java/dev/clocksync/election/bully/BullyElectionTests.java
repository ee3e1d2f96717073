package dev.clocksync.election.bully;

import dev.clocksync.election.Algorithm;
import dev.clocksync.election.ElectionEvent;
import dev.clocksync.election.ElectionSettings;
import dev.clocksync.election.Message;
import dev.clocksync.election.MessageType;
import dev.clocksync.election.Output;
import dev.clocksync.election.Reason;
import dev.clocksync.election.Role;
import dev.clocksync.election.TimerKind;
import dev.clocksync.election.node.ElectionNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.clocksync.election.Outputs.events;
import static dev.clocksync.election.Outputs.sent;
import static dev.clocksync.election.Outputs.sentTo;
import static dev.clocksync.election.Outputs.timer;
import static dev.clocksync.election.Outputs.timerOf;
import static org.assertj.core.api.Assertions.assertThat;

/** One Bully node, driven by hand, step by step. */
class BullyElectionTests {

    static final ElectionSettings SETTINGS = ElectionSettings.defaults();

    private static ElectionNode node(int id, Integer... members) {
        return new ElectionNode(id, List.of(members), Algorithm.BULLY, SETTINGS);
    }

    @Test
    void theHighestNodeWinsAtOnceAndTellsEveryOtherNode() {
        ElectionNode node = node(3, 1, 2, 3);

        Output out = node.start(0);

        assertThat(sentTo(out, MessageType.COORDINATOR)).containsExactly(1, 2);
        assertThat(sent(out, MessageType.COORDINATOR)).allSatisfy(m -> {
            assertThat(m.leader()).isEqualTo(3);
            assertThat(m.term()).isEqualTo(1);
        });
        assertThat(sent(out, MessageType.ELECTION)).isEmpty();
        assertThat(node.role()).isEqualTo(Role.LEADER);
        assertThat(events(out)).containsExactly(ElectionEvent.Kind.ELECTION_STARTED, ElectionEvent.Kind.LEADER_ELECTED);
    }

    @Test
    void aNodeSendsElectionToEveryHigherIdAndWaitsForAnAnswer() {
        ElectionNode node = node(2, 1, 2, 3, 4);

        Output out = node.start(0);

        assertThat(sent(out, MessageType.ELECTION)).containsExactly(
                Message.bullyElection(1, 2, 3, 2), Message.bullyElection(1, 2, 4, 2));
        assertThat(timer(out, TimerKind.ANSWER)).hasValueSatisfying(t -> assertThat(t.delayNanos()).isEqualTo(SETTINGS.answerTimeoutNanos()));
        assertThat(node.role()).isEqualTo(Role.ELECTING);
        assertThat(node.leader()).isNull();
    }

    @Test
    void idsCompareAsIntegersNotAsStrings() {
        ElectionNode nine = node(9, 2, 9, 10);

        assertThat(sentTo(nine.start(0), MessageType.ELECTION)).containsExactly(10);
        assertThat(node(10, 2, 9, 10).start(0).messages()).extracting(Message::type).containsOnly(MessageType.COORDINATOR);
    }

    @Test
    void withNoAnswerWithinTheAnswerTimeoutItTakesOver() {
        ElectionNode node = node(2, 1, 2, 3, 4);
        Output started = node.start(0);

        Output out = node.onTimer(timerOf(started, TimerKind.ANSWER), SETTINGS.answerTimeoutNanos());

        assertThat(sentTo(out, MessageType.COORDINATOR)).containsExactly(1, 3, 4);
        assertThat(node.role()).isEqualTo(Role.LEADER);
        assertThat(node.state().lastElection().durationNanos()).isEqualTo(SETTINGS.answerTimeoutNanos());
    }

    @Test
    void whenEveryHigherNodeIsDownItTakesOverWithoutWaitingForTheTimeout() {
        ElectionNode node = node(2, 1, 2, 3, 4);
        Output started = node.start(0);
        List<Message> elections = sent(started, MessageType.ELECTION);

        assertThat(node.onUndelivered(elections.get(0), 1_000).messages()).isEmpty();
        Output out = node.onUndelivered(elections.get(1), 2_000);

        assertThat(sentTo(out, MessageType.COORDINATOR)).containsExactly(1, 3, 4);
        assertThat(out.timersCancelled()).extracting(t -> t.kind()).contains(TimerKind.ANSWER);
        assertThat(node.role()).isEqualTo(Role.LEADER);
    }

    @Test
    void anAnswerMakesItWaitForTheCoordinatorAndTheCoordinatorEndsTheWait() {
        ElectionNode node = node(2, 1, 2, 3, 4);
        node.start(0);

        Output answered = node.onMessage(Message.answer(1, 4, 2), 1_000_000);
        assertThat(timer(answered, TimerKind.COORDINATOR)).hasValueSatisfying(t ->
                assertThat(t.delayNanos()).isEqualTo(SETTINGS.coordinatorTimeoutNanos()));
        assertThat(answered.timersCancelled()).extracting(t -> t.kind()).containsExactly(TimerKind.ANSWER);
        assertThat(node.role()).isEqualTo(Role.ELECTING);

        Output out = node.onMessage(Message.bullyCoordinator(1, 4, 2, 2), 3_000_000);

        assertThat(node.role()).isEqualTo(Role.FOLLOWER);
        assertThat(node.leader()).isEqualTo(4);
        assertThat(out.timersCancelled()).extracting(t -> t.kind()).containsExactly(TimerKind.COORDINATOR);
        assertThat(node.state().lastElection().durationNanos()).isEqualTo(3_000_000);
        assertThat(node.state().lastElection().messagesSent()).containsEntry(MessageType.ELECTION, 2);
    }

    @Test
    void whenTheCoordinatorNeverComesItHoldsANewElectionInTheNextTerm() {
        ElectionNode node = node(2, 1, 2, 3, 4);
        node.start(0);
        Output answered = node.onMessage(Message.answer(1, 3, 2), 1_000_000);

        Output out = node.onTimer(timerOf(answered, TimerKind.COORDINATOR), 1_001_000_000);

        assertThat(out.events()).first().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ElectionEvent.Kind.ELECTION_STARTED);
            assertThat(e.reason()).isEqualTo(Reason.COORDINATOR_TIMEOUT);
        });
        assertThat(node.term()).isEqualTo(2);
        assertThat(sent(out, MessageType.ELECTION)).extracting(Message::term, Message::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 3), org.assertj.core.groups.Tuple.tuple(2L, 4));
    }

    @Test
    void anElectionFromALowerNodeIsAnsweredAndJoinedInItsTerm() {
        ElectionNode node = node(3, 1, 2, 3, 4);
        node.start(0);
        node.onMessage(Message.bullyCoordinator(1, 4, 3, 3), 1_000);

        Output out = node.onMessage(Message.bullyElection(5, 1, 3, 1), 2_000);

        assertThat(node.term()).isEqualTo(5);
        assertThat(sent(out, MessageType.ANSWER)).containsExactly(Message.answer(5, 3, 1));
        assertThat(sent(out, MessageType.ELECTION)).containsExactly(Message.bullyElection(5, 3, 4, 1));
        assertThat(events(out)).containsExactly(ElectionEvent.Kind.ELECTION_JOINED);
        assertThat(node.state().lastElection().initiator()).isEqualTo(1);
    }

    @Test
    void aNodeAlreadyElectingOrKnowingTheCoordinatorOnlyAnswers() {
        ElectionNode node = node(3, 1, 2, 3, 4);
        node.start(0);

        Output whileElecting = node.onMessage(Message.bullyElection(1, 2, 3, 2), 1_000);
        assertThat(whileElecting.messages()).containsExactly(Message.answer(1, 3, 2));

        node.onMessage(Message.bullyCoordinator(1, 4, 3, 3), 2_000);
        Output whileFollowing = node.onMessage(Message.bullyElection(1, 1, 3, 1), 3_000);
        assertThat(whileFollowing.messages()).containsExactly(Message.answer(1, 3, 1));
        assertThat(node.leader()).isEqualTo(4);
    }

    @Test
    void answersFromLowerNodesAndElectionsFromHigherOnesAreNotPartOfBully() {
        ElectionNode node = node(2, 1, 2, 3);
        node.start(0);

        assertThat(node.onMessage(Message.answer(1, 1, 2), 1_000)).isEqualTo(Output.NONE);
        assertThat(node.onMessage(Message.bullyElection(1, 3, 2, 3), 2_000)).isEqualTo(Output.NONE);
        assertThat(node.role()).isEqualTo(Role.ELECTING);
    }
}
