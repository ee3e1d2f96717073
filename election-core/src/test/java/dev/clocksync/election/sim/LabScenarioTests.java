package dev.clocksync.election.sim;

import dev.clocksync.election.Algorithm;
import dev.clocksync.election.ElectionEvent;
import dev.clocksync.election.ElectionSettings;
import dev.clocksync.election.ElectionSummary;
import dev.clocksync.election.MessageType;
import dev.clocksync.election.Reason;
import dev.clocksync.election.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed lab's two scenarios, as real elections: with failure detection, a crash, and every message
 * counted. The network delivers every message in exactly 1 ms, and refuses one to a dead node in
 * 0.1 ms, so that the counts are exact.
 * <p>
 * "Process 5 notices" is arranged by giving node 5 a failure timeout of 300 ms and every other node one
 * of 400 ms: node 5 is the first to suspect the coordinator. The others, asked in its pre-vote, have not heard
 * from the coordinator for 300 ms either (a heartbeat interval short of their own timeout) and agree, and the
 * election ends within milliseconds, before they would suspect it themselves: node 5 is the only one to start one.
 */
class LabScenarioTests {

    static final long MS = 1_000_000L;

    private static SimulatedNetwork group(int size, Algorithm algorithm) {
        ElectionSettings watchful = ElectionSettings.of(Duration.ofMillis(100), Duration.ofMillis(300),
                Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(1));
        ElectionSettings patient = ElectionSettings.of(Duration.ofMillis(100), Duration.ofMillis(400),
                Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(1));
        SimulatedNetwork sim = new SimulatedNetwork(1, SimulatedNetwork.Network.constant(MS), SimulatedNetwork.range(size),
                id -> algorithm, id -> id == 5 ? watchful : patient);
        sim.startAll();
        sim.runFor(1_000 * MS);
        assertThat(sim.agreedLeader()).as("before the crash, the highest leads").isEqualTo(size);
        return sim;
    }

    private static List<ElectionEvent> started(SimulatedNetwork sim) {
        return sim.events().stream().map(SimulatedNetwork.Observed::event)
                .filter(event -> event.kind() == ElectionEvent.Kind.ELECTION_STARTED).toList();
    }

    private static List<Integer> startedBy(SimulatedNetwork sim) {
        return sim.events().stream().filter(o -> o.event().kind() == ElectionEvent.Kind.ELECTION_STARTED)
                .map(SimulatedNetwork.Observed::node).toList();
    }

    /**
     * Ten processes; the coordinator, 10, crashes; 5 notices and holds a Bully election. 6, 7, 8 and 9
     * answer and hold elections of their own; 9 hears nothing from 10 and wins. Counted, from the crash on:
     * ELECTION 5 + 4 + 3 + 2 + 1 = 15 (from 5, 6, 7, 8, 9 to every higher id, 10 included, refused);
     * ANSWER 1 + 2 + 3 + 4 = 10 (6 answers 5; 7 answers 5 and 6; ...); COORDINATOR 9 (from 9 to every other
     * id, 10 included, refused): 34.
     */
    @Test
    void tenProcessesFiveNoticesTheCoordinatorHasCrashedAndBullyElectsNine() {
        SimulatedNetwork sim = group(10, Algorithm.BULLY);
        sim.kill(10);
        sim.resetCounts();

        sim.runFor(2_000 * MS);

        assertThat(sim.agreedLeader()).isEqualTo(9);
        assertThat(startedBy(sim)).containsExactly(5);
        assertThat(started(sim).get(0).reason()).isEqualTo(Reason.LEADER_FAILED);
        Map<MessageType, Integer> sent = sim.sentByType();
        assertThat(sent).containsEntry(MessageType.ELECTION, 15).containsEntry(MessageType.ANSWER, 10)
                .containsEntry(MessageType.COORDINATOR, 9);
        assertThat(sim.electionMessagesSent()).isEqualTo(34);

        ElectionSummary atNine = sim.node(9).state().lastElection();
        assertThat(atNine.initiator()).isEqualTo(5);
        assertThat(atNine.algorithm()).isEqualTo(Algorithm.BULLY);
        assertThat(atNine.leader()).isEqualTo(9);
        assertThat(atNine.messagesSent()).containsExactlyInAnyOrderEntriesOf(Map.of(
                MessageType.ELECTION, 1, MessageType.ANSWER, 4, MessageType.COORDINATOR, 9));
        ElectionSummary atFive = sim.node(5).state().lastElection();
        assertThat(atFive.reason()).isEqualTo(Reason.LEADER_FAILED);
        assertThat(atFive.messagesSent()).containsExactlyInAnyOrderEntriesOf(Map.of(MessageType.ELECTION, 5));
        assertThat(atFive.durationNanos()).as("ELECTION to 9, 9's try at 10 refused, COORDINATOR from 9")
                .isEqualTo(MS + MS / 10 + MS);
        for (int id = 1; id <= 9; id++) {
            assertThat(sim.node(id).term()).as("node %d's term", id).isEqualTo(atNine.term());
        }
    }

    /**
     * Eight processes; 5 holds a ring election. The seed lab's Ring code collected [5, 6, 7, 8] and
     * picked 8, because nothing had crashed and its ring stopped at the highest id. Here the election is
     * held for the reason elections are held: the coordinator, 8, has crashed and 5 noticed. The ELECTION
     * goes 5 → 6 → 7 → (8 refuses) → 1 → 2 → 3 → 4 → 5, collecting [5, 6, 7, 1, 2, 3, 4]; 7 is the
     * highest, and COORDINATOR(7) goes once round the participants: 5 → 6 → 7 → 1 → 2 → 3 → 4 → 5.
     * ELECTION 8 (one of them refused by 8) + COORDINATOR 7 = 15 = 2n − 1 (n = 8 members, 1 down).
     */
    @Test
    void eightProcessesFiveNoticesTheCoordinatorHasCrashedAndTheRingElectsSeven() {
        SimulatedNetwork sim = group(8, Algorithm.RING);
        sim.kill(8);
        sim.resetCounts();

        sim.runFor(2_000 * MS);

        assertThat(sim.agreedLeader()).isEqualTo(7);
        assertThat(startedBy(sim)).containsExactly(5);
        assertThat(sim.sentByType()).containsEntry(MessageType.ELECTION, 8).containsEntry(MessageType.COORDINATOR, 7);
        assertThat(sim.electionMessagesSent()).isEqualTo(15);
        ElectionSummary atFive = sim.node(5).state().lastElection();
        assertThat(atFive.participants()).containsExactly(5, 6, 7, 1, 2, 3, 4);
        assertThat(atFive.leader()).isEqualTo(7);
        assertThat(atFive.initiator()).isEqualTo(5);
        assertThat(sim.node(7).state().lastElection().participants()).containsExactly(5, 6, 7, 1, 2, 3, 4);
        assertThat(sim.node(7).role()).isEqualTo(Role.LEADER);
    }

    /**
     * The seed lab's own Ring run, where nothing had crashed: our ring goes all the way round, so the
     * participants are [5, 6, 7, 8, 1, 2, 3, 4] (the lab's stopped at 8 and never asked 1 to 4), and 8 is
     * re-elected in a new term. ELECTION 8 + COORDINATOR 8 = 16 = 2n.
     */
    @Test
    void eightProcessesNothingCrashedFiveStartsARingElectionAndEightIsReElected() {
        SimulatedNetwork sim = group(8, Algorithm.RING);
        long before = sim.node(8).term();
        sim.resetCounts();

        sim.startElection(5, Algorithm.RING);
        sim.runFor(2_000 * MS);

        assertThat(sim.agreedLeader()).isEqualTo(8);
        assertThat(sim.node(8).term()).isEqualTo(before + 1);
        assertThat(sim.node(5).state().lastElection().participants()).containsExactly(5, 6, 7, 8, 1, 2, 3, 4);
        assertThat(sim.sentByType()).containsEntry(MessageType.ELECTION, 8).containsEntry(MessageType.COORDINATOR, 8);
        assertThat(sim.electionMessagesSent()).isEqualTo(16);
    }

    /** After the Bully scenario, 10 comes back with no memory, holds an election and takes over. */
    @Test
    void whenTenComesBackItTakesOver() {
        SimulatedNetwork sim = group(10, Algorithm.BULLY);
        sim.kill(10);
        sim.runFor(2_000 * MS);
        long term = sim.node(9).term();

        sim.startProcess(10);
        sim.runFor(2_000 * MS);

        assertThat(sim.agreedLeader()).isEqualTo(10);
        assertThat(sim.node(9).term()).isGreaterThan(term);
        assertThat(sim.node(9).role()).isEqualTo(Role.FOLLOWER);
    }
}
