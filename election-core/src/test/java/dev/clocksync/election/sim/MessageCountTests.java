package dev.clocksync.election.sim;

import dev.clocksync.election.Algorithm;
import dev.clocksync.election.ElectionEvent;
import dev.clocksync.election.ElectionSettings;
import dev.clocksync.election.MessageType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages per election against the theory. What is counted: every ELECTION, ANSWER and COORDINATOR a
 * node hands to the network from the moment the election starts until the group has settled, including
 * those to nodes that are down (the sender tries, and is refused); heartbeats are not counted.
 * Each case starts from a settled group, takes some nodes down (killed: connections refused), then has
 * exactly one node start an election by hand.
 */
class MessageCountTests {

    static final ElectionSettings SETTINGS = ElectionSettings.defaults();
    static final long MS = 1_000_000L;

    private static SimulatedNetwork settled(long seed, SimulatedNetwork.Network network, int size, Algorithm algorithm) {
        SimulatedNetwork sim = new SimulatedNetwork(seed, network, size, algorithm, SETTINGS);
        sim.startAll();
        sim.runFor(1_000 * MS);
        assertThat(sim.agreedLeader()).isEqualTo(size);
        return sim;
    }

    private static List<Integer> randomDown(Random random, int size, int spare) {
        List<Integer> ids = new ArrayList<>(SimulatedNetwork.range(size));
        ids.remove(Integer.valueOf(spare));
        Collections.shuffle(ids, random);
        return ids.subList(0, random.nextInt(size));
    }

    private static long electionsStarted(SimulatedNetwork sim) {
        return sim.events().stream().filter(o -> o.event().kind() == ElectionEvent.Kind.ELECTION_STARTED).count();
    }

    /**
     * The ring, one initiator, f of n members down: the ELECTION is tried at every member once (n tries:
     * n − f delivered, the last of them back at the initiator, and f refused and skipped) and the
     * COORDINATOR goes once round the n − f participants: exactly 2n − f, within Chang and Roberts' bound
     * of 3n − 1 for one initiator. An initiator left alone (f = n − 1) only tries the others: n − 1.
     */
    @Test
    void ringWithOneInitiatorSendsExactlyTwoNMinusTheNodesDown() {
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            int size = 2 + random.nextInt(39);
            int initiator = 1 + random.nextInt(size);
            SimulatedNetwork sim = settled(round, SimulatedNetwork.Network.loopback(), size, Algorithm.RING);
            List<Integer> down = randomDown(random, size, initiator);
            down.forEach(sim::kill);
            sim.resetCounts();

            sim.startElection(initiator, Algorithm.RING);
            sim.runFor(1_000 * MS);

            int n = size;
            int f = down.size();
            assertThat(electionsStarted(sim)).as("one initiator").isEqualTo(1);
            assertThat(sim.agreedLeader()).isEqualTo(sim.upNodes().get(sim.upNodes().size() - 1));
            boolean alone = f == n - 1;
            assertThat(sim.sentByType().getOrDefault(MessageType.ELECTION, 0)).as("n=%d f=%d", n, f)
                    .isEqualTo(alone ? n - 1 : n);
            assertThat(sim.sentByType().getOrDefault(MessageType.COORDINATOR, 0)).isEqualTo(alone ? 0 : n - f);
            assertThat(sim.sentByType()).doesNotContainKey(MessageType.ANSWER);
            assertThat(sim.electionMessagesSent()).isEqualTo(alone ? n - 1 : 2 * n - f).isLessThanOrEqualTo(3 * n - 1);
        }
    }

    /**
     * Bully's worst case: the coordinator n is down and the lowest node, 1, notices. Every node from 1 to
     * n − 1 sends ELECTION to every higher id (n(n − 1)/2), every ELECTION to a live node is answered
     * ((n − 1)(n − 2)/2), and n − 1 sends COORDINATOR to the n − 1 others: exactly n(n − 1), which is O(n²).
     * (Fixed 1 ms delays, so that every node takes part before it hears the outcome.)
     */
    @Test
    void bullysWorstCaseIsExactlyNTimesNMinusOne() {
        for (int n = 2; n <= 40; n++) {
            SimulatedNetwork sim = settled(n, SimulatedNetwork.Network.constant(MS), n, Algorithm.BULLY);
            sim.kill(n);
            sim.resetCounts();

            sim.startElection(1, Algorithm.BULLY);
            sim.runFor(1_000 * MS);

            assertThat(sim.agreedLeader()).isEqualTo(n - 1);
            assertThat(sim.sentByType()).as("n=%d", n)
                    .containsEntry(MessageType.ELECTION, n * (n - 1) / 2)
                    .containsEntry(MessageType.COORDINATOR, n - 1);
            assertThat(sim.sentByType().getOrDefault(MessageType.ANSWER, 0)).isEqualTo((n - 1) * (n - 2) / 2);
            assertThat(sim.electionMessagesSent()).isEqualTo(n * (n - 1));
        }
    }

    /**
     * Bully with any initiator, any nodes down and random delays: each node sends ELECTION at most once
     * to each higher id (at most n(n − 1)/2 in all), answers at most each ELECTION it gets, and only the
     * highest live node announces (n − 1 COORDINATORs): at most n² − 1.
     */
    @Test
    void bullyNeverSendsMoreThanNSquaredMinusOne() {
        Random random = new Random(12);
        for (int round = 0; round < 300; round++) {
            int size = 2 + random.nextInt(39);
            int initiator = 1 + random.nextInt(size);
            SimulatedNetwork sim = settled(round, SimulatedNetwork.Network.loopback(), size, Algorithm.BULLY);
            randomDown(random, size, initiator).forEach(sim::kill);
            sim.resetCounts();

            sim.startElection(initiator, Algorithm.BULLY);
            sim.runFor(1_000 * MS);

            int n = size;
            Map<MessageType, Integer> sent = sim.sentByType();
            int elections = sent.getOrDefault(MessageType.ELECTION, 0);
            assertThat(sim.agreedLeader()).isEqualTo(sim.upNodes().get(sim.upNodes().size() - 1));
            assertThat(elections).isLessThanOrEqualTo(n * (n - 1) / 2);
            assertThat(sent.getOrDefault(MessageType.ANSWER, 0)).isLessThanOrEqualTo(elections);
            assertThat(sent.get(MessageType.COORDINATOR)).isEqualTo(n - 1);
            assertThat(sim.electionMessagesSent()).isLessThanOrEqualTo(n * n - 1);
        }
    }

    /** Bully's best case: the highest live node notices; it asks the dead one above it and announces: n messages. */
    @Test
    void bullysBestCaseIsN() {
        for (int n = 2; n <= 40; n++) {
            SimulatedNetwork sim = settled(n, SimulatedNetwork.Network.constant(MS), n, Algorithm.BULLY);
            sim.kill(n);
            sim.resetCounts();

            sim.startElection(n - 1, Algorithm.BULLY);
            sim.runFor(1_000 * MS);

            assertThat(sim.agreedLeader()).isEqualTo(n - 1);
            assertThat(sim.electionMessagesSent()).isEqualTo(n);
        }
    }
}
