package dev.clocksync.election.ring;

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
import static dev.clocksync.election.Outputs.timer;
import static dev.clocksync.election.Outputs.timerOf;
import static org.assertj.core.api.Assertions.assertThat;

/** One ring node, driven by hand, step by step. Members 1 to 5 unless said otherwise. */
class RingElectionTests {

    static final ElectionSettings SETTINGS = ElectionSettings.defaults();

    private static ElectionNode node(int id) {
        return new ElectionNode(id, List.of(1, 2, 3, 4, 5), Algorithm.RING, SETTINGS);
    }

    @Test
    void theInitiatorSendsElectionWithItselfToItsSuccessor() {
        ElectionNode node = node(3);

        Output out = node.start(0);

        assertThat(out.messages()).containsExactly(Message.ringElection(1, 3, 4, 3, List.of(3)));
        assertThat(timer(out, TimerKind.RING)).hasValueSatisfying(t -> assertThat(t.delayNanos()).isEqualTo(SETTINGS.ringTimeoutNanos()));
        assertThat(node.role()).isEqualTo(Role.ELECTING);
    }

    @Test
    void theHighestIdsSuccessorIsTheLowest() {
        assertThat(node(5).start(0).messages()).containsExactly(Message.ringElection(1, 5, 1, 5, List.of(5)));
    }

    @Test
    void aNodeAddsItselfAndPassesTheElectionOnAndWaitsForItsOutcome() {
        ElectionNode node = node(4);

        Output out = node.onMessage(Message.ringElection(7, 3, 4, 3, List.of(3)), 1_000);

        assertThat(out.messages()).containsExactly(Message.ringElection(7, 4, 5, 3, List.of(3, 4)));
        assertThat(timer(out, TimerKind.RING)).isPresent();
        assertThat(events(out)).containsExactly(ElectionEvent.Kind.ELECTION_JOINED);
        assertThat(node.term()).isEqualTo(7);
    }

    @Test
    void aSuccessorThatDoesNotAnswerIsSkipped() {
        ElectionNode node = node(4);
        Message toFive = node.onMessage(Message.ringElection(7, 3, 4, 3, List.of(3)), 1_000).messages().get(0);

        Output out = node.onUndelivered(toFive, 2_000);

        assertThat(out.messages()).containsExactly(Message.ringElection(7, 4, 1, 3, List.of(3, 4)));
    }

    @Test
    void backAtItsInitiatorTheElectionBecomesTheCoordinatorOfTheHighestParticipant() {
        ElectionNode node = node(3);
        node.start(0);

        Output out = node.onMessage(Message.ringElection(1, 2, 3, 3, List.of(3, 4, 1, 2)), 5_000);

        assertThat(out.messages()).containsExactly(Message.ringCoordinator(1, 3, 4, 3, List.of(3, 4, 1, 2)));
        assertThat(sent(out, MessageType.COORDINATOR).get(0).leader()).isEqualTo(4);
        assertThat(node.leader()).isEqualTo(4);
        assertThat(node.role()).isEqualTo(Role.FOLLOWER);
        assertThat(out.timersCancelled()).extracting(t -> t.kind()).contains(TimerKind.RING);
        assertThat(node.state().lastElection().participants()).containsExactly(3, 4, 1, 2);
        assertThat(node.state().lastElection().durationNanos()).isEqualTo(5_000);
    }

    @Test
    void theCoordinatorGoesOnceRoundTheParticipantsAndStopsAtItsInitiator() {
        Message coordinator = Message.ringCoordinator(1, 4, 1, 3, List.of(3, 4, 1, 2));
        ElectionNode one = node(1);
        Output out = one.onMessage(coordinator, 1_000);
        assertThat(out.messages()).containsExactly(coordinator.forwardedBy(1, 2));
        assertThat(one.leader()).isEqualTo(4);

        ElectionNode two = node(2);
        assertThat(two.onMessage(coordinator.forwardedBy(1, 2), 2_000).messages()).containsExactly(coordinator.forwardedBy(2, 3));

        ElectionNode three = node(3);
        three.start(0);
        three.onMessage(Message.ringElection(1, 2, 3, 3, List.of(3, 4, 1, 2)), 500);
        assertThat(three.onMessage(coordinator.forwardedBy(2, 3), 3_000).messages()).isEmpty();
    }

    @Test
    void aCoordinatorSkipsAParticipantThatDoesNotAnswerAndNodesOutsideTheParticipants() {
        ElectionNode four = node(4);
        Message coordinator = Message.ringCoordinator(1, 2, 4, 2, List.of(2, 4, 5));
        Message toFive = four.onMessage(coordinator, 1_000).messages().get(0);
        assertThat(toFive.to()).isEqualTo(5);

        assertThat(four.onUndelivered(toFive, 2_000).messages()).containsExactly(coordinator.forwardedBy(4, 2));
    }

    @Test
    void whereAHigherInitiatorsElectionHasPassedALowerOnesIsDropped() {
        ElectionNode node = node(4);
        node.onMessage(Message.ringElection(1, 3, 4, 3, List.of(3)), 1_000);

        assertThat(node.onMessage(Message.ringElection(1, 3, 4, 2, List.of(2, 3)), 2_000).messages()).isEmpty();
        assertThat(node.onMessage(Message.ringElection(1, 3, 4, 5, List.of(5, 1, 2, 3)), 3_000).messages())
                .containsExactly(Message.ringElection(1, 4, 5, 5, List.of(5, 1, 2, 3, 4)));
    }

    @Test
    void anElectionThatLostItsInitiatorIsDroppedAndTheRingTimeoutStartsANewOne() {
        ElectionNode node = node(4);
        Output joined = node.onMessage(Message.ringElection(1, 3, 4, 3, List.of(3)), 1_000);

        assertThat(node.onMessage(Message.ringElection(1, 2, 4, 3, List.of(3, 4, 5, 1, 2)), 2_000).messages())
                .as("back at 4 without meeting 3").isEmpty();
        Output out = node.onTimer(timerOf(joined, TimerKind.RING), 1_000 + SETTINGS.ringTimeoutNanos());

        assertThat(out.events()).first().satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.RING_TIMEOUT));
        assertThat(out.messages()).containsExactly(Message.ringElection(2, 4, 5, 4, List.of(4)));
    }

    @Test
    void aNodeWhoseSuccessorsAreAllDownElectsItself() {
        ElectionNode node = node(2);
        Message next = node.start(0).messages().get(0);
        Output out = Output.NONE;
        for (int i = 0; i < 4; i++) {
            out = node.onUndelivered(next, 1_000L * (i + 1));
            if (!out.messages().isEmpty()) {
                next = out.messages().get(0);
            }
        }
        assertThat(out.messages()).isEmpty();
        assertThat(node.role()).isEqualTo(Role.LEADER);
        assertThat(node.state().lastElection().participants()).containsExactly(2);
    }

    @Test
    void anElectionWhoseInitiatorIsDownIsNotPassedBeyondIt() {
        ElectionNode node = node(2);
        Message toThree = node.onMessage(Message.ringElection(1, 1, 2, 3, List.of(3, 4, 5, 1)), 1_000).messages().get(0);
        assertThat(toThree.to()).isEqualTo(3);

        assertThat(node.onUndelivered(toThree, 2_000).messages()).isEmpty();
    }
}
