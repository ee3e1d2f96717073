package dev.clocksync.dashboard.election;

import dev.clocksync.dashboard.election.ElectionPicture.NodeStatus;
import dev.clocksync.dashboard.watch.Readings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ElectionPictureTests {

    private static Readings.LastElection election(long term, Integer initiator, String reason, Double millis, int elections,
            int answers, int coordinators) {
        return new Readings.LastElection(term, "bully", initiator, reason, "elected", 5,
                millis, Map.of("ELECTION", elections, "ANSWER", answers, "COORDINATOR", coordinators), null);
    }

    private static NodeStatus node(int id, String state, long term, Integer leader, Readings.LastElection last) {
        return NodeStatus.of(id, "http://127.0.0.1:" + (8100 + id), true, null,
                new Readings.Election(id, leader, term, state, "bully", true, List.of(1, 2, 3, 4, 5), last));
    }

    private static NodeStatus down(int id) {
        return NodeStatus.of(id, "http://127.0.0.1:" + (8100 + id), false, "Connection refused", null);
    }

    @Test
    void theCoordinatorIsTheLiveLeaderAndTheElectionAddsUpEveryLiveNodesMessages() {
        ElectionPicture picture = ElectionPicture.of(List.of(
                node(1, "FOLLOWER", 4, 4, election(4, 3, null, null, 0, 0, 0)),
                node(2, "FOLLOWER", 4, 4, election(4, 3, null, 12.5, 0, 1, 0)),
                node(3, "FOLLOWER", 4, 4, election(4, 3, "leader_failed", 30.0, 1, 0, 0)),
                node(4, "LEADER", 4, 4, election(4, 3, null, 20.0, 0, 0, 3)),
                down(5)));

        assertThat(picture.coordinator()).isEqualTo(4);
        assertThat(picture.term()).isEqualTo(4);
        assertThat(picture.agreed()).isTrue();
        assertThat(picture.nodes()).extracting(NodeStatus::status).containsExactly("up", "up", "up", "up", "down");
        ElectionPicture.Election last = picture.lastElection();
        assertThat(last.term()).isEqualTo(4);
        assertThat(last.initiator()).isEqualTo(3);
        assertThat(last.reason()).isEqualTo("leader_failed");
        assertThat(last.durationMillis()).isEqualTo(30.0);
        assertThat(last.messages()).isEqualTo(5);
        assertThat(last.messagesByType()).containsEntry("ELECTION", 1).containsEntry("ANSWER", 1).containsEntry("COORDINATOR", 3);
        assertThat(last.reportedBy()).isEqualTo(4);
    }

    @Test
    void aCrashedNodeIsNotLiveEvenIfItOnceLed() {
        ElectionPicture picture = ElectionPicture.of(List.of(
                node(1, "FOLLOWER", 2, 5, null),
                NodeStatus.of(5, "http://127.0.0.1:8105", true, null,
                        new Readings.Election(5, 5, 2, "CRASHED", "bully", false, List.of(1, 5), null))));

        assertThat(picture.nodes()).extracting(NodeStatus::status).containsExactly("up", "crashed");
        assertThat(picture.coordinator()).isNull();
        assertThat(picture.term()).isEqualTo(2);
        assertThat(picture.agreed()).isFalse();
        assertThat(picture.lastElection()).isNull();
    }

    @Test
    void ofTwoLeadersTheOneOfTheHigherTermIsTheCoordinatorAndTheOthersDisagree() {
        // A healed partition: 3 still leads its old term while 5 leads a newer one.
        ElectionPicture picture = ElectionPicture.of(List.of(
                node(1, "FOLLOWER", 6, 5, null),
                node(3, "LEADER", 5, 3, null),
                node(5, "LEADER", 6, 5, null)));

        assertThat(picture.coordinator()).isEqualTo(5);
        assertThat(picture.term()).isEqualTo(6);
        assertThat(picture.agreed()).isFalse();
    }

    @Test
    void whileElectingThereIsNoCoordinatorButTheNewestTermAndItsElectionShow() {
        ElectionPicture picture = ElectionPicture.of(List.of(
                node(1, "ELECTING", 8, null, new Readings.LastElection(8, "ring", 1, "manual", "in progress", null, null,
                        Map.of("ELECTION", 1, "COORDINATOR", 0), List.of(1))),
                node(2, "FOLLOWER", 7, 5, null)));

        assertThat(picture.coordinator()).isNull();
        assertThat(picture.term()).isEqualTo(8);
        assertThat(picture.lastElection().outcome()).isEqualTo("in progress");
        assertThat(picture.lastElection().algorithm()).isEqualTo("ring");
        assertThat(picture.lastElection().durationMillis()).isNull();
    }

    @Test
    void withEveryNodeDownNothingIsKnown() {
        ElectionPicture picture = ElectionPicture.of(List.of(down(1), down(2)));

        assertThat(picture.coordinator()).isNull();
        assertThat(picture.term()).isZero();
        assertThat(picture.lastElection()).isNull();
        assertThat(picture.nodes()).allSatisfy(node -> assertThat(node.error()).isEqualTo("Connection refused"));
    }

    @Test
    void ofTwoInitiatorsInOneTermTheStoryIsTheOwnAccountOfOne() {
        // Bully: 2 and 3 both noticed the silence; 3's account (it started it, and says why) is told whole.
        ElectionPicture picture = ElectionPicture.of(List.of(
                node(1, "FOLLOWER", 6, 4, election(6, 2, null, null, 0, 0, 0)),
                node(2, "FOLLOWER", 6, 4, new Readings.LastElection(6, "bully", 2, "coordinator_timeout", "elected", 4, 9.0,
                        Map.of("ELECTION", 2), null)),
                node(3, "FOLLOWER", 6, 4, election(6, 3, "leader_failed", 7.0, 1, 0, 0)),
                node(4, "LEADER", 6, 4, election(6, 3, null, 5.0, 0, 2, 3))));

        ElectionPicture.Election last = picture.lastElection();
        assertThat(last.initiator()).isIn(2, 3);
        assertThat(last.reason()).isEqualTo(last.initiator() == 2 ? "coordinator_timeout" : "leader_failed");
        assertThat(last.messages()).isEqualTo(8);
    }
}
