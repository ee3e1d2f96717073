package dev.clocksync.election.sim;

import dev.clocksync.election.Algorithm;
import dev.clocksync.election.ElectionSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Five nodes that start one by one, as containers do that come up one after another, thousands of seeds
 * per algorithm: in a random order, with random gaps (none, a few hundred milliseconds so that a node
 * arrives while an election is under way, seconds, tens of seconds). The timeouts are election-node's
 * defaults ({@link ElectionSettings#defaults()}, and the loopback network's 300 ms timeout is the
 * transport's read timeout); a message to a node that has not started yet is refused; and a new process
 * is slow for its first seconds, as a JVM is: its messages take up to a delay drawn for each seed.
 * <p>
 * An arriving node may cost the group one new term (it holds an election, or takes over as the bully
 * rule says) and no more: just before each arrival the highest term of any node is at most the number of
 * nodes that have arrived, and in the end all five follow node 5 in a term of at most 5, with never two
 * coordinators believed in one term.
 * <p>
 * The slow delay goes up to what each algorithm's timeouts are made for. Bully: the failure timeout less
 * one heartbeat interval, the most a heartbeat can be late without its coordinator being suspected (an
 * ANSWER can then come well after the answer timeout). Ring: the ring timeout shared by the hops of one
 * round. Slower than that, a live node is taken for dead by design, and each such timeout costs a term.
 */
class StaggeredStartTests {

    static final ElectionSettings SETTINGS = ElectionSettings.defaults();
    static final SimulatedNetwork.Network NETWORK = SimulatedNetwork.Network.loopback();
    static final long MS = 1_000_000L;
    static final int SIZE = 5;
    static final long WARM_UP = 5_000 * MS;
    static final long AFTER_LAST = 10_000 * MS;

    /**
     * @param highestTerm     the highest term of any node at the end
     * @param leader          the coordinator every node names at the end, or null
     * @param overArrivals    moments before an arrival when the highest term exceeded the arrivals so far
     * @param violations      nodes that believed two coordinators in one term
     */
    record Outcome(long seed, long highestTerm, Integer leader, List<String> overArrivals, List<String> violations) {

        boolean ok() {
            return highestTerm <= SIZE && Integer.valueOf(SIZE).equals(leader) && overArrivals.isEmpty()
                    && violations.isEmpty();
        }
    }

    static long slowest(Algorithm algorithm) {
        return algorithm == Algorithm.BULLY
                ? SETTINGS.failureTimeoutNanos() - SETTINGS.heartbeatIntervalNanos()
                : SETTINGS.ringTimeoutNanos() / SIZE;
    }

    static Outcome run(long seed, Algorithm algorithm) {
        Random choices = new Random(seed ^ 0x2545F4914F6CDD1DL);
        SimulatedNetwork sim = new SimulatedNetwork(seed, NETWORK, SIZE, algorithm, SETTINGS);
        sim.warmUp(WARM_UP, (long) (choices.nextDouble() * slowest(algorithm)));
        List<Integer> order = new ArrayList<>(SimulatedNetwork.range(SIZE));
        Collections.shuffle(order, choices);
        int pace = choices.nextInt(4);
        List<String> overArrivals = new ArrayList<>();
        long at = 0;
        for (int arrived = 0; arrived < SIZE; arrived++) {
            at += switch (pace) {
                case 0 -> choices.nextBoolean() ? 0 : (long) (choices.nextDouble() * 50 * MS);
                case 1 -> (long) (choices.nextDouble() * 400 * MS);
                case 2 -> (long) (choices.nextDouble() * 3_000 * MS);
                default -> choices.nextInt(4) == 0 ? 0 : (long) (choices.nextDouble() * 40_000 * MS);
            };
            int id = order.get(arrived);
            int before = arrived;
            sim.at(at, () -> {
                long highest = sim.highestTerm();
                if (highest > before) {
                    overArrivals.add("term " + highest + " before node " + id + " arrived, " + before + " arrived so far");
                }
                sim.startProcess(id);
            });
        }
        sim.runUntil(at + AFTER_LAST);
        return new Outcome(seed, sim.highestTerm(), sim.agreedLeader(), overArrivals, sim.violations());
    }

    private static void check(Algorithm algorithm, long seeds) {
        List<Outcome> outcomes = LongStream.range(0, seeds).parallel().mapToObj(seed -> run(seed, algorithm)).toList();
        List<Long> terms = outcomes.stream().map(Outcome::highestTerm).sorted().toList();
        System.out.printf("%s, five nodes starting one by one, %d seeds: highest term p50 %d, max %d; %d seeds failed%n",
                algorithm, seeds, terms.get(terms.size() / 2), terms.get(terms.size() - 1),
                outcomes.stream().filter(o -> !o.ok()).count());

        assertThat(outcomes.stream().filter(o -> !o.ok()).limit(5).toList())
                .as("seeds with more than one new term per arriving node, or not settled on node 5").isEmpty();
    }

    @Test
    void bullyTakesAtMostOneNewTermPerArrivingNode() {
        check(Algorithm.BULLY, 3_000);
    }

    @Test
    void ringTakesAtMostOneNewTermPerArrivingNode() {
        check(Algorithm.RING, 3_000);
    }

    @Test
    void aSeedReplaysExactly() {
        assertThat(run(7, Algorithm.RING)).isEqualTo(run(7, Algorithm.RING));
    }
}
