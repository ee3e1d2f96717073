package dev.clocksync.election.sim;

import dev.clocksync.clock.berkeley.AdjustmentLedger;
import dev.clocksync.election.Algorithm;
import dev.clocksync.election.ElectionSettings;
import dev.clocksync.election.Role;
import dev.clocksync.election.node.ElectionNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Berkeley masters elected among themselves, as BSD timed's are (issue 26), with their adjustments fenced by term,
 * on the simulated network the elections are tested on. The masters are election nodes; every second, a master that
 * believes it leads runs a round: it sends each of four slaves an adjustment carrying its instance, the round's
 * number and its term. A slave applies what its {@link AdjustmentLedger} admits; a refusal as fenced tells the
 * master of the term accepted ({@link ElectionNode#onFenced}): of a newer one, it steps down; of its own (a
 * second master of the term), it settles it by an election.
 * <p>
 * For {@link #FAULTS}, at random: masters crashed and recovered, killed and restarted with no memory, frozen (a
 * master resumed after {@code kill -STOP} still sends the round it was about to), links between masters and between
 * a master and slaves cut and healed, messages lost (up to 20 %). Then every fault is repaired, and:
 * <ul>
 *   <li><b>safety</b>, throughout: no slave applies an adjustment of a term lower than one it applied, nor one
 *       round twice, nor adjustments of two masters in one term;</li>
 *   <li><b>liveness</b>: within {@link #SETTLE}, exactly one master leads, every master up agrees, and a round of
 *       that master in its term reaches every slave.</li>
 * </ul>
 * A failing seed is printed; rerun it alone with {@link #run(long, Algorithm)}.
 */
class ElectedMastersSimulationTests {

    static final ElectionSettings SETTINGS = ElectionSettings.defaults();
    static final long MS = 1_000_000L;
    static final long ROUND_INTERVAL = 1_000 * MS;
    static final long BOOT = 3_000 * MS;
    static final long FAULTS = 15_000 * MS;
    static final long SETTLE = 12_000 * MS;
    static final int[] SLAVES = {101, 102, 103, 104};
    static final int RUNS = 5_000;

    @Test
    void bullyElectedMastersNeverAdjustBackwardsInTermAndRoundsResume() {
        runMany(Algorithm.BULLY);
    }

    @Test
    void ringElectedMastersNeverAdjustBackwardsInTermAndRoundsResume() {
        runMany(Algorithm.RING);
    }

    private static void runMany(Algorithm algorithm) {
        List<String> failures = new ArrayList<>();
        Counts total = new Counts();
        for (long seed = 1; seed <= RUNS; seed++) {
            Counts counts = new Counts();
            String failure = run(seed, algorithm, counts);
            if (failure != null) {
                failures.add("seed " + seed + ": " + failure);
            }
            total.add(counts);
        }
        assertThat(failures).as("runs that failed, of %d", RUNS).isEmpty();
        // The faults must have put the fence to work, or the runs prove nothing about it.
        assertThat(total.applied).as("adjustments applied").isGreaterThan(RUNS * 40L);
        assertThat(total.fenced).as("adjustments of a deposed master refused").isGreaterThan(RUNS / 20);
        assertThat(total.runsFenced).as("runs in which a master was fenced off").isGreaterThan(RUNS / 20);
        System.out.printf("%s: %d runs, %d adjustments applied, %d fenced off in %d runs%n", algorithm, RUNS, total.applied,
                total.fenced, total.runsFenced);
    }

    /** What the slaves did in runs. */
    static final class Counts {
        long applied;
        long fenced;
        long runsFenced;

        void add(Counts run) {
            applied += run.applied;
            fenced += run.fenced;
            runsFenced += run.fenced > 0 ? 1 : 0;
        }
    }

    /** A slave: its ledger, and every adjustment it applied, as term and round key. */
    private static final class Slave {
        final Counts counts;
        final AdjustmentLedger<Long> ledger = new AdjustmentLedger<>();
        final List<Long> appliedTerms = new ArrayList<>();
        final Set<String> appliedRounds = new HashSet<>();
        final List<String> appliedBy = new ArrayList<>();
        final Map<Long, String> masterOfTerm = new HashMap<>();
        String violation;

        Slave(Counts counts) {
            this.counts = counts;
        }

        /** @return the newer term if fenced, else null */
        Long receive(String master, long round, long term, long nanos) {
            AdjustmentLedger.Decision<Long> decision = ledger.admit(master, round, term, nanos);
            if (decision instanceof AdjustmentLedger.Fenced<Long> fenced) {
                counts.fenced++;
                return fenced.highestTerm();
            }
            if (!(decision instanceof AdjustmentLedger.Apply<Long>)) {
                return null;
            }
            long lastTerm = appliedTerms.isEmpty() ? 0 : appliedTerms.get(appliedTerms.size() - 1);
            if (term < lastTerm && violation == null) {
                violation = "applied term " + term + " after term " + lastTerm;
            }
            String followed = masterOfTerm.computeIfAbsent(term, t -> master);
            if (!followed.equals(master) && violation == null) {
                violation = "applied adjustments of " + followed + " and " + master + " in term " + term;
            }
            if (!appliedRounds.add(master + "#" + round) && violation == null) {
                violation = "applied " + master + "#" + round + " twice";
            }
            appliedTerms.add(term);
            appliedBy.add(master + "@" + term);
            ledger.applied(master, round, term, nanos, nanos);
            counts.applied++;
            return null;
        }
    }

    static String run(long seed, Algorithm algorithm) {
        return run(seed, algorithm, new Counts());
    }

    static String run(long seed, Algorithm algorithm, Counts counts) {
        Random choice = new Random(seed * 31 + algorithm.ordinal());
        int masters = 2 + choice.nextInt(2);
        SimulatedNetwork net = new SimulatedNetwork(seed, SimulatedNetwork.Network.loopback(), masters, algorithm, SETTINGS);
        Map<Integer, Slave> slaves = new HashMap<>();
        for (int slave : SLAVES) {
            slaves.put(slave, new Slave(counts));
        }
        Map<String, Long> rounds = new HashMap<>();
        for (int id : net.members()) {
            net.startProcess(id);
            scheduleRounds(net, slaves, rounds, id);
        }
        net.runFor(BOOT);

        Random random = net.random();
        Set<Integer> killed = new HashSet<>();
        long end = net.now() + FAULTS;
        while (net.now() < end) {
            net.runFor((long) (random.nextDouble() * 1_500 * MS));
            int id = net.members().get(random.nextInt(masters));
            switch (random.nextInt(8)) {
                case 0 -> net.crash(id);
                case 1 -> net.recover(id);
                case 2 -> {
                    net.kill(id);
                    killed.add(id);
                }
                case 3 -> {
                    if (killed.remove(id)) {
                        net.startProcess(id);
                        scheduleRounds(net, slaves, rounds, id);
                    }
                }
                case 4 -> net.stall(id, (long) (random.nextDouble() * 3_000 * MS));
                case 5 -> net.cut(id, net.members().get(random.nextInt(masters)));
                case 6 -> net.cut(id, SLAVES[random.nextInt(SLAVES.length)]);
                default -> {
                    net.heal();
                    net.loss(random.nextDouble() < 0.5 ? 0 : random.nextDouble() * 0.2);
                }
            }
        }
        net.heal();
        net.loss(0);
        for (int id : net.members()) {
            if (killed.remove(id)) {
                net.startProcess(id);
                scheduleRounds(net, slaves, rounds, id);
            } else {
                net.recover(id);
            }
        }
        net.runFor(SETTLE);

        for (Map.Entry<Integer, Slave> slave : slaves.entrySet()) {
            if (slave.getValue().violation != null) {
                return "slave " + slave.getKey() + " " + slave.getValue().violation;
            }
        }
        if (!net.violations().isEmpty()) {
            return net.violations().get(0);
        }
        Integer leader = net.agreedLeader();
        if (leader == null) {
            return "no agreed leader " + SETTLE / MS + " ms after the faults (terms " + terms(net) + ")";
        }
        String instance = instance(net, leader);
        long term = net.node(leader).term();
        Map<Integer, Integer> before = new HashMap<>();
        slaves.forEach((id, slave) -> before.put(id, slave.appliedBy.size()));
        net.runFor(3 * ROUND_INTERVAL);
        for (Map.Entry<Integer, Slave> slave : slaves.entrySet()) {
            List<String> since = slave.getValue().appliedBy.subList(before.get(slave.getKey()), slave.getValue().appliedBy.size());
            if (!since.contains(instance + "@" + term)) {
                return "slave " + slave.getKey() + " applied no round of the leader " + instance + " in term " + term
                        + " (it accepted term " + slave.getValue().ledger.highestTerm() + "; applied since: " + since + ")";
            }
        }
        return null;
    }

    /** Every round interval from now, while the process lives: a round, if the node believes it leads. */
    private static void scheduleRounds(SimulatedNetwork net, Map<Integer, Slave> slaves, Map<String, Long> rounds, int id) {
        net.onProcess(id, ROUND_INTERVAL, () -> {
            ElectionNode node = net.node(id);
            if (net.isUp(id) && node.role() == Role.LEADER) {
                String instance = instance(net, id);
                long round = rounds.merge(instance, 1L, Long::sum);
                long term = node.term();
                for (int slave : SLAVES) {
                    long nanos = net.random().nextInt(2_000) - 1_000;
                    net.request(id, slave, () -> slaves.get(slave).receive(instance, round, term, nanos),
                            acceptedTerm -> net.fenced(id, acceptedTerm));
                }
            }
            scheduleRounds(net, slaves, rounds, id);
        });
    }

    private static String instance(SimulatedNetwork net, int id) {
        return "m" + id + "." + net.incarnation(id);
    }

    private static String terms(SimulatedNetwork net) {
        StringBuilder terms = new StringBuilder();
        for (int id : net.members()) {
            ElectionNode node = net.node(id);
            terms.append(id).append(':').append(node == null ? "-" : node.role() + "@" + node.term()).append(' ');
        }
        return terms.toString().trim();
    }
}
