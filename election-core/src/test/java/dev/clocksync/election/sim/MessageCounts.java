package dev.clocksync.election.sim;

import dev.clocksync.election.Algorithm;
import dev.clocksync.election.ElectionSettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Messages per election for groups of n nodes, on the simulated network with loopback-like delays and
 * the default settings; run by {@code bench/election}:
 * <pre>
 * java -cp election-core/target/classes:election-core/target/test-classes dev.clocksync.election.sim.MessageCounts 5 10 20 50 100
 * </pre>
 * Each case starts from a settled group (coordinator n) and kills the coordinator. "One initiator":
 * node 1 notices at once and holds the election (Bully's worst case; the ring's single-initiator case).
 * "Detected": nobody is told; every follower notices the silence by itself, on its own heartbeat tick,
 * so several start elections about the same time (the nodes started at random moments, so their ticks
 * are out of phase). Counted: ELECTION, ANSWER and COORDINATOR sent, refused ones included, from the
 * kill until every node left names n − 1; heartbeats not counted. "Detected" is the mean and the
 * maximum over {@value #SEEDS} seeds, with the failover time (kill to agreement) alongside.
 */
public final class MessageCounts {

    static final int SEEDS = 20;
    static final long MS = 1_000_000L;

    private MessageCounts() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {5, 10, 20, 50, 100} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.println("| n | Bully, one initiator (node 1) | Bully, detected: mean / max | Ring, one initiator (node 1) "
                + "| Ring, detected: mean / max | failover p50 Bully / Ring (ms) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (int n : sizes) {
            long bullyOne = oneInitiator(n, Algorithm.BULLY);
            long ringOne = oneInitiator(n, Algorithm.RING);
            List<long[]> bully = new ArrayList<>();
            List<long[]> ring = new ArrayList<>();
            for (int seed = 0; seed < SEEDS; seed++) {
                bully.add(detected(seed, n, Algorithm.BULLY));
                ring.add(detected(seed, n, Algorithm.RING));
            }
            System.out.printf("| %d | %d | %.0f / %d | %d | %.0f / %d | %d / %d |%n", n, bullyOne,
                    mean(bully, 0), max(bully, 0), ringOne, mean(ring, 0), max(ring, 0), median(bully, 1), median(ring, 1));
        }
    }

    private static SimulatedNetwork settled(long seed, int n, Algorithm algorithm) {
        SimulatedNetwork sim = new SimulatedNetwork(seed, SimulatedNetwork.Network.loopback(), n, algorithm, ElectionSettings.defaults());
        for (int id = 1; id <= n; id++) {
            int node = id;
            sim.at((long) (sim.random().nextDouble() * ElectionSettings.defaults().heartbeatIntervalNanos()), () -> sim.startProcess(node));
        }
        sim.runFor(3_000 * MS);
        if (sim.agreedLeader() == null || sim.agreedLeader() != n) {
            throw new IllegalStateException("a group of " + n + " did not settle on " + n);
        }
        return sim;
    }

    private static long oneInitiator(int n, Algorithm algorithm) {
        SimulatedNetwork sim = settled(0, n, algorithm);
        sim.kill(n);
        sim.resetCounts();
        sim.startElection(1, algorithm);
        sim.runFor(2_000 * MS);
        requireAgreement(sim, n - 1);
        return sim.electionMessagesSent();
    }

    /** @return messages, and the failover time in milliseconds */
    private static long[] detected(long seed, int n, Algorithm algorithm) {
        SimulatedNetwork sim = settled(seed, n, algorithm);
        sim.kill(n);
        sim.resetCounts();
        long killed = sim.now();
        long[] agreed = {-1};
        sim.afterEachStep(() -> {
            if (agreed[0] < 0 && Integer.valueOf(n - 1).equals(sim.agreedLeader())) {
                agreed[0] = sim.now();
            }
        });
        sim.runFor(5_000 * MS);
        requireAgreement(sim, n - 1);
        return new long[] {sim.electionMessagesSent(), (agreed[0] - killed) / MS};
    }

    private static void requireAgreement(SimulatedNetwork sim, int leader) {
        if (sim.agreedLeader() == null || sim.agreedLeader() != leader || !sim.violations().isEmpty()) {
            throw new IllegalStateException("did not settle on " + leader + ": " + sim.violations());
        }
    }

    private static double mean(List<long[]> runs, int column) {
        return runs.stream().mapToLong(run -> run[column]).average().orElse(Double.NaN);
    }

    private static long max(List<long[]> runs, int column) {
        return runs.stream().mapToLong(run -> run[column]).max().orElse(-1);
    }

    private static long median(List<long[]> runs, int column) {
        long[] values = runs.stream().mapToLong(run -> run[column]).sorted().toArray();
        return values[values.length / 2];
    }
}
