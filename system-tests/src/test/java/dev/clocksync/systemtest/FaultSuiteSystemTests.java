package dev.clocksync.systemtest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real faults on real processes on hosts of their own: every service runs in a network namespace with its
 * own address from 192.0.2.0/24, all plugged into one switch (a bridge in a namespace of its own). The
 * suite kills processes with SIGKILL, freezes them with SIGSTOP (the kernel still accepts connections for
 * them; nothing answers), pulls a host's cable, and asserts that each algorithm recovers within a bound.
 * Each recovery it observes goes to {@code target/reliability/faults.tsv} (scenario, bound, observed
 * milliseconds); {@code bench/faults} runs the suite repeatedly and sums them up in docs/reliability.md.
 * <p>
 * The election scenarios share one group of five nodes, and the Berkeley ones one master and its slaves:
 * starting them is most of the suite's time. Each scenario starts from the state a fresh group settles in
 * (every process running and resumed, every cable plugged in, all five nodes agreeing on node 5; every
 * slave registered with the master), restarting whatever an earlier scenario killed, and measures its
 * recovery from there. The recoveries do not depend on how long the processes have run.
 * <p>
 * The bounds are the algorithms' own timeouts with room for a small machine running a dozen JVMs: the
 * election's failure timeout is 600 ms and an election takes a few exchanges of at most 300 ms; the
 * Berkeley master rounds every second and slaves register again every second; the time client polls
 * every second and backs off to 4 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultSuiteSystemTests {

    /** Election: one new coordinator everywhere after the old one is killed, frozen or cut off. */
    private static final Duration ELECTION_BOUND = Duration.ofSeconds(10);
    /** Berkeley: a restarted slave registered and adjusted again; a restarted master knows every slave again. */
    private static final Duration BERKELEY_BOUND = Duration.ofSeconds(20);
    /** Cristian: the time client notices the server is gone, and synchronizes again once it is back. */
    private static final Duration CRISTIAN_BOUND = Duration.ofSeconds(20);
    /** Services starting, several at once on a small machine: not a recovery, only a time limit. */
    private static final Duration START = Duration.ofSeconds(120);

    private static final Path FIGURES = Path.of(System.getProperty("clocksync.reliability", "target/reliability"), "faults.tsv");

    private final NetworkNamespaces network = new NetworkNamespaces();
    /** Every process started on each host (namespace), the one running now last. */
    private final Map<String, List<ServiceProcess>> processes = new LinkedHashMap<>();
    private int hosts;
    private int starts;

    @BeforeAll
    void needNamespaces() {
        assumeTrue(NetworkNamespaces.available(), "network namespaces need root and iproute2: no fault suite here");
        Tools.require("curl", "the fault suite (it reaches services inside their namespaces with curl)");
    }

    @AfterAll
    void stopEverythingStarted() {
        stop(processes.keySet().stream().toList());
        network.close();
    }

    /** Stops every process started on the hosts (namespaces), frozen ones too. */
    private void stop(List<String> namespaces) {
        for (String namespace : namespaces) {
            for (ServiceProcess process : processes.getOrDefault(namespace, List.of())) {
                Tools.run("kill", "-CONT", Long.toString(process.pid()));
                process.close();
            }
            processes.remove(namespace);
        }
    }

    private void stop(Host... hosts) {
        stop(Stream.of(hosts).map(Host::namespace).toList());
    }

    // ---------------------------------------------------------------------------------------------- hosts

    private Host host(String role) {
        String namespace = network.create(role);
        String address = "192.0.2." + (11 + hosts++);
        network.plug(namespace, address + "/24");
        return new Host(namespace, address, ServiceProcess.TOKEN);
    }

    private void run(Host host, String module, String name, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--node.name=" + name);
        ServiceProcess process = ServiceProcess.start(NetworkNamespaces.in(host.namespace()), module,
                name + "-" + starts++, Host.PORT, all.toArray(String[]::new));
        processes.computeIfAbsent(host.namespace(), namespace -> new ArrayList<>()).add(process);
    }

    private ServiceProcess process(Host host) {
        List<ServiceProcess> started = processes.get(host.namespace());
        return started.get(started.size() - 1);
    }

    private void awaitLive(Host... hosts) {
        for (Host host : hosts) {
            ServiceProcess process = process(host);
            await().atMost(START).pollInterval(Duration.ofMillis(250)).until(() -> {
                assertThat(process.isAlive()).as("%s is running", host.url()).isTrue();
                return host.get("/actuator/health/liveness").status() == 200;
            });
        }
    }

    /**
     * Waits until the condition holds, at most {@code bound}, and records how long it took.
     *
     * @return the time it took
     */
    private static Duration recover(String scenario, Duration bound, BooleanSupplier condition) {
        long start = System.nanoTime();
        await(scenario).atMost(bound).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        record(scenario, bound, took);
        return took;
    }

    private static synchronized void record(String scenario, Duration bound, Duration observed) {
        String line = scenario + "\t" + bound.toMillis() + "\t" + observed.toMillis() + "\n";
        System.out.print("fault figure: " + line);
        try {
            Files.createDirectories(FIGURES.getParent());
            Files.writeString(FIGURES, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------- elections

    /** @return whether the nodes {@code ids} all name {@code leader} in one term, and the leader knows it leads */
    private static boolean agree(List<Host> nodes, int leader, int... ids) {
        return Elections.agree(id -> nodes.get(id - 1).json("/election"), leader, ids);
    }

    private static long term(Host node) {
        return node.json("/election").get("term").asLong();
    }

    /** Five election nodes, node i on nodes.get(i - 1), each with every member's address. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Election {

        private final List<Host> nodes = new ArrayList<>();
        private final List<String> peers = new ArrayList<>();

        @BeforeAll
        void startTheGroup() {
            for (int id = 1; id <= 5; id++) {
                nodes.add(host("n" + id));
            }
            for (int id = 1; id <= 5; id++) {
                peers.add("--election.peers." + id + "=" + nodes.get(id - 1).url());
            }
            for (int id = 1; id <= 5; id++) {
                start(id);
            }
            awaitLive(nodes.toArray(Host[]::new));
        }

        private void start(int id) {
            List<String> args = new ArrayList<>(peers);
            args.add("--election.node-id=" + id);
            run(nodes.get(id - 1), "election-node", "node-" + id, args.toArray(String[]::new));
        }

        /** Each scenario starts as a fresh group settles: all five running and agreeing on node 5. */
        @BeforeEach
        void settled() {
            for (int id = 1; id <= 5; id++) {
                if (!process(nodes.get(id - 1)).isAlive()) {
                    start(id);
                    awaitLive(nodes.get(id - 1));
                }
            }
            await().atMost(START).pollInterval(Duration.ofMillis(250)).until(() -> agree(nodes, 5, 1, 2, 3, 4, 5));
        }

        /** What a scenario that failed half-way left behind: a frozen process, a cut cable. */
        @AfterEach
        void undoTheFaults() {
            nodes.forEach(node -> Tools.run("kill", "-CONT", Long.toString(process(node).pid())));
            network.healAll();
        }

        @AfterAll
        void stopTheGroup() {
            stop(nodes.toArray(Host[]::new));
        }

        @Test
        void coordinatorKilled() {
            long before = term(nodes.get(4));

            process(nodes.get(4)).signal("KILL");

            recover("kill -9 coordinator: nodes 1-4 agree on node 4", ELECTION_BOUND, () -> agree(nodes, 4, 1, 2, 3, 4));
            assertThat(term(nodes.get(3))).isGreaterThan(before);
        }

        @Test
        void coordinatorFrozenThenResumed() {
            long before = term(nodes.get(4));

            process(nodes.get(4)).signal("STOP");

            recover("kill -STOP coordinator: nodes 1-4 agree on node 4", ELECTION_BOUND, () -> agree(nodes, 4, 1, 2, 3, 4));
            long replaced = term(nodes.get(3));
            assertThat(replaced).isGreaterThan(before);

            process(nodes.get(4)).signal("CONT");

            recover("kill -CONT: node 5 rejoins and leads all five", ELECTION_BOUND,
                    () -> agree(nodes, 5, 1, 2, 3, 4, 5) && term(nodes.get(4)) > replaced);
        }

        @Test
        void coordinatorCutOffThenHealed() {
            long before = term(nodes.get(4));

            network.cut(nodes.get(4).namespace());

            recover("link of coordinator cut: nodes 1-4 agree on node 4", ELECTION_BOUND, () -> agree(nodes, 4, 1, 2, 3, 4));
            // Bully with a partition: node 5 hears no higher node, so it stays coordinator of its side: two coordinators.
            JsonNode alone = nodes.get(4).json("/election");
            assertThat(alone.get("leaderId").asInt()).as("node 5, cut off, still leads its own side").isEqualTo(5);
            assertThat(alone.get("state").asString()).isEqualTo("LEADER");
            long replaced = term(nodes.get(3));
            assertThat(replaced).isGreaterThan(before);

            network.heal(nodes.get(4).namespace());

            recover("link healed: exactly one coordinator, node 5, for all five", ELECTION_BOUND,
                    () -> agree(nodes, 5, 1, 2, 3, 4, 5) && term(nodes.get(0)) > replaced);
            for (int id = 1; id <= 4; id++) {
                assertThat(nodes.get(id - 1).json("/election").get("state").asString()).as("node %d", id).isNotEqualTo("LEADER");
            }
        }
    }

    // -------------------------------------------------------------------------------------------- Berkeley

    private static final String[] SLAVES = {"KMC", "MIT", "TAPMI"};

    private void runMaster(Host master) {
        run(master, "berkeley-master", "master", "--berkeley.interval=1s", "--berkeley.registration-ttl=4s",
                "--berkeley.warm-up-reads=0", "--clock.max-slew-rate-ppm=900000");
    }

    private void runSlave(Host slave, Host master, String name) {
        run(slave, "berkeley-slave", name, "--berkeley.node-name=" + name, "--berkeley.master-url=" + master.url(),
                "--berkeley.advertised-url=" + slave.url(), "--berkeley.heartbeat-interval=1s",
                "--berkeley.max-retry-interval=1s", "--clock.warm-up-reads=0", "--clock.offset=" + (name.length() - 4) + "s");
    }

    private static Set<String> registered(Host master) {
        JsonNode slaves = master.json("/slaves");
        Set<String> names = new HashSet<>();
        if (slaves != null) {
            slaves.forEach(slave -> names.add(slave.get("name").asString()));
        }
        return names;
    }

    /** @return the status of the slave in each round after {@code after}, by round */
    private static Map<Long, String> statuses(Host master, String slave, long after) {
        Map<Long, String> statuses = new LinkedHashMap<>();
        JsonNode rounds = master.json("/rounds?limit=100");
        if (rounds == null) {
            return statuses;
        }
        for (JsonNode round : rounds) {
            long number = round.get("round").asLong();
            if (number > after) {
                for (JsonNode participant : round.get("participants")) {
                    if (slave.equals(participant.get("name").asString())) {
                        statuses.put(number, participant.get("status").asString());
                    }
                }
            }
        }
        return statuses;
    }

    /** @return in how many rounds after {@code after} the master reports the slave adjusted */
    private static long adjustedRounds(Host master, String slave, long after) {
        return statuses(master, slave, after).values().stream().filter("adjusted"::equals).count();
    }

    private static long latestRound(Host master) {
        JsonNode latest = master.json("/rounds/latest");
        return latest == null ? 0 : latest.get("round").asLong();
    }

    private static final Pattern APPLIED = Pattern.compile("(?m)^berkeley_adjustments_total\\{[^}]*outcome=\"applied\"[^}]*} ([0-9.eE+]+)$");

    private static long applied(Host slave) {
        Host.Answer metrics = slave.get("/actuator/prometheus");
        Matcher matcher = APPLIED.matcher(metrics.body());
        assertThat(matcher.find()).as("berkeley_adjustments_total{outcome=applied} in %s", metrics.body().length()).isTrue();
        return (long) Double.parseDouble(matcher.group(1));
    }

    /** A master rounding every second and three slaves registering every second. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Berkeley {

        private final Host master = host("m");
        private final Map<String, Host> slaves = new LinkedHashMap<>();
        private final Host kmc;

        Berkeley() {
            for (String name : SLAVES) {
                slaves.put(name, host(name.toLowerCase().substring(0, 3)));
            }
            kmc = slaves.get("KMC");
        }

        @BeforeAll
        void startTheMasterAndItsSlaves() {
            runMaster(master);
            slaves.forEach((name, slave) -> runSlave(slave, master, name));
            awaitLive(master);
            awaitLive(slaves.values().toArray(Host[]::new));
        }

        /** Each scenario starts as a fresh master and slaves settle: all running, every slave registered. */
        @BeforeEach
        void everySlaveRegistered() {
            if (!process(master).isAlive()) {
                runMaster(master);
                awaitLive(master);
            }
            slaves.forEach((name, slave) -> {
                if (!process(slave).isAlive()) {
                    runSlave(slave, master, name);
                    awaitLive(slave);
                }
            });
            await().atMost(START).pollInterval(Duration.ofMillis(250)).until(() -> registered(master).containsAll(List.of(SLAVES)));
        }

        @AfterAll
        void stopThem() {
            stop(master);
            stop(slaves.values().toArray(Host[]::new));
        }

        @Test
        void slaveKilledMidRoundsIsReportedAndComesBackAdjustedOnce() {
            long from = latestRound(master);
            await().atMost(START).until(() -> statuses(master, "KMC", from).containsValue("adjusted"));

            process(kmc).signal("KILL");
            long killedAt = latestRound(master);

            recover("kill -9 slave: reported unreachable, rounds go on", BERKELEY_BOUND,
                    () -> statuses(master, "KMC", killedAt).containsValue("unreachable") && latestRound(master) >= killedAt + 2);
            for (String other : List.of("MIT", "TAPMI")) {
                assertThat(statuses(master, other, killedAt).values()).as(other).contains("adjusted");
            }

            long restartedAt = latestRound(master);
            runSlave(kmc, master, "KMC");
            awaitLive(kmc);
            recover("slave restarted: registered again and adjusted", BERKELEY_BOUND,
                    () -> statuses(master, "KMC", restartedAt).containsValue("adjusted"));

            // Every adjustment the new KMC process applied is one the master reports sending it, once.
            await().atMost(BERKELEY_BOUND).until(() -> adjustedRounds(master, "KMC", restartedAt) >= 3);
            long sentBefore = adjustedRounds(master, "KMC", restartedAt);
            long applied = applied(kmc);
            long sentAfter = adjustedRounds(master, "KMC", restartedAt);
            assertThat(applied).as("adjustments applied by the restarted KMC").isBetween(sentBefore, sentAfter);
        }

        @Test
        void masterRestartedFindsEverySlaveAgain() {
            process(master).signal("KILL");
            runMaster(master);
            awaitLive(master);

            recover("master restarted: every slave registered again", BERKELEY_BOUND,
                    () -> registered(master).containsAll(List.of(SLAVES)));
            recover("master restarted: a round adjusts every slave", BERKELEY_BOUND, () -> {
                JsonNode latest = master.json("/rounds/latest");
                return latest != null && adjusted(latest).containsAll(List.of(SLAVES));
            });
        }
    }

    // ----------------------------------------------------------------------------------- elected masters

    private static final Pattern TERM_ACCEPTED = Pattern.compile("(?m)^berkeley_term_accepted\\{[^}]*} ([0-9.eE+]+)$");

    /** @return the highest term of a master whose adjustment the slave has applied */
    private static long termAccepted(Host slave) {
        Matcher matcher = TERM_ACCEPTED.matcher(slave.get("/actuator/prometheus").body());
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : -1;
    }

    /** @return whether the master's latest round, as it answers it, is one of its own in a term above {@code term} that adjusted every slave */
    private static boolean adjustedEverySlave(Host master, String name, long term) {
        JsonNode latest = master.json("/rounds/latest");
        if (latest == null || !name.equals(latest.get("leader").asString()) || latest.get("term").asLong() <= term) {
            return false;
        }
        return adjusted(latest).containsAll(List.of(SLAVES));
    }

    /** @return the names of the clocks the round adjusted */
    private static Set<String> adjusted(JsonNode round) {
        Set<String> adjusted = new HashSet<>();
        round.get("participants").forEach(p -> {
            if ("adjusted".equals(p.get("status").asString())) {
                adjusted.add(p.get("name").asString());
            }
        });
        return adjusted;
    }

    /**
     * Two masters electing the one that runs the rounds (m2, the higher id, while both are up) and three slaves
     * registered with both, at the masters' default election settings.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ElectedMasters {

        private final List<Host> masters = List.of(host("m1"), host("m2"));
        private final Map<String, Host> slaves = new LinkedHashMap<>();

        ElectedMasters() {
            for (String name : SLAVES) {
                slaves.put(name, host("e" + name.toLowerCase().substring(0, 2)));
            }
        }

        private Host m(int id) {
            return masters.get(id - 1);
        }

        private void runMaster(int id) {
            run(m(id), "berkeley-master", "master-" + id, "--berkeley.interval=1s", "--berkeley.registration-ttl=4s",
                    "--berkeley.warm-up-reads=0", "--clock.max-slew-rate-ppm=900000", "--election.node-id=" + id,
                    "--election.peers.1=" + m(1).url(), "--election.peers.2=" + m(2).url());
        }

        private void runSlave(String name) {
            Host slave = slaves.get(name);
            run(slave, "berkeley-slave", name, "--berkeley.node-name=" + name,
                    "--berkeley.master-url=" + m(2).url() + "," + m(1).url(), "--berkeley.advertised-url=" + slave.url(),
                    "--berkeley.heartbeat-interval=1s", "--berkeley.max-retry-interval=1s", "--clock.warm-up-reads=0",
                    "--clock.offset=" + (name.length() - 4) + "s");
        }

        private boolean agree(int leader) {
            return Elections.agree(id -> m(id).json("/election"), leader, 1, 2);
        }

        @BeforeAll
        void startTheMastersAndTheirSlaves() {
            runMaster(1);
            runMaster(2);
            slaves.keySet().forEach(this::runSlave);
            awaitLive(masters.toArray(Host[]::new));
            awaitLive(slaves.values().toArray(Host[]::new));
        }

        /** Each scenario starts with both masters running, m2 leading, and every slave registered with both. */
        @BeforeEach
        void settled() {
            for (int id = 1; id <= 2; id++) {
                if (!process(m(id)).isAlive()) {
                    runMaster(id);
                    awaitLive(m(id));
                }
            }
            await().atMost(START).pollInterval(Duration.ofMillis(250)).until(() -> agree(2)
                    && registered(m(1)).containsAll(List.of(SLAVES)) && registered(m(2)).containsAll(List.of(SLAVES))
                    && adjustedEverySlave(m(2), "master-2", 0));
        }

        @AfterEach
        void undoTheFaults() {
            masters.forEach(master -> Tools.run("kill", "-CONT", Long.toString(process(master).pid())));
            network.healAll();
        }

        @AfterAll
        void stopThem() {
            stop(masters.toArray(Host[]::new));
            stop(slaves.values().toArray(Host[]::new));
        }

        @Test
        void leaderKilled() {
            long term = term(m(2));

            process(m(2)).signal("KILL");

            recover("kill -9 leading master: a round by the other adjusts every slave", BERKELEY_BOUND,
                    () -> adjustedEverySlave(m(1), "master-1", term));
        }

        @Test
        void leaderFrozenThenResumed() {
            long term = term(m(2));
            long applied = slaves.values().stream().mapToLong(FaultSuiteSystemTests::applied).sum();
            // A round may start between this read and the freeze, and its adjustments go either way.
            long lastBeforeFreeze = latestRound(m(2)) + 1;

            process(m(2)).signal("STOP");

            recover("kill -STOP leading master: a round by the other adjusts every slave", BERKELEY_BOUND,
                    () -> adjustedEverySlave(m(1), "master-1", term));
            long takeover = term(m(1));

            process(m(2)).signal("CONT");

            recover("kill -CONT: the old leader steps down, then leads again in a newer term", BERKELEY_BOUND,
                    () -> agree(2) && term(m(2)) > takeover && adjustedEverySlave(m(2), "master-2", takeover));
            // Whatever it ran in its old term after it resumed adjusted nothing: the slaves refused that term.
            JsonNode rounds = m(2).json("/rounds?limit=100");
            assertThat(rounds).isNotNull();
            for (JsonNode round : rounds) {
                if (round.get("term").asLong() == term && round.get("round").asLong() > lastBeforeFreeze) {
                    round.get("participants").forEach(p -> assertThat(p.get("status").asString())
                            .as("round %s of the deposed term %d, after the freeze", round.get("round"), term)
                            .isNotIn("adjusted", "replayed"));
                }
            }
            slaves.values().forEach(slave -> assertThat(termAccepted(slave)).as(slave.url()).isGreaterThan(takeover));
            assertThat(slaves.values().stream().mapToLong(FaultSuiteSystemTests::applied).sum()).isGreaterThan(applied);
        }

        @Test
        void leaderCutOffThenHealed() {
            long term = term(m(2));

            network.cut(m(2).namespace());

            recover("link of leading master cut: a round by the other adjusts every slave", BERKELEY_BOUND,
                    () -> adjustedEverySlave(m(1), "master-1", term));
            long takeover = term(m(1));

            network.heal(m(2).namespace());

            recover("link healed: exactly one leading master, every slave following its term", BERKELEY_BOUND, () -> {
                if (!agree(2) && !agree(1)) {
                    return false;
                }
                long leading = Math.max(term(m(1)), term(m(2)));
                return leading > takeover && slaves.values().stream().allMatch(slave -> termAccepted(slave) == leading);
            });
            assertThat(Stream.of(m(1), m(2)).filter(m -> "LEADER".equals(m.json("/election").get("state").asString())))
                    .as("leaders after the heal").hasSize(1);
        }
    }

    // -------------------------------------------------------------------------------------------- Cristian

    /** A time server and a client polling it every second. */
    @Nested
    class Cristian {

        private final Host server = host("ts");
        private final Host client = host("c1");

        @AfterEach
        void stopThem() {
            stop(server, client);
        }

        @Test
        void timeServerDownClientKeepsItsClockBacksOffAndRecovers() {
            run(server, "time-server", "time-server", "--ntp.enabled=false");
            awaitLive(server);
            run(client, "time-client", "mobile", "--cristian.server-url=" + server.url(), "--cristian.interval=1s",
                    "--cristian.max-backoff=4s", "--clock.offset=2s");
            awaitLive(client);
            await().atMost(START).until(() -> synced(client));

            process(server).signal("KILL");
            long headingBefore = heading(client);

            recover("time server killed: client reports not synchronized", CRISTIAN_BOUND, () -> !synced(client));
            recover("time server down: client backs off to its longest interval", CRISTIAN_BOUND,
                    () -> health(client).get("pollIntervalMillis").asLong() == 4_000);
            // 1 s, a failure, 2 s, a failure, 4 s: the last two syncs failed
            JsonNode history = client.json("/sync/history?limit=2");
            assertThat(history).hasSize(2);
            history.forEach(sync -> assertThat(sync.get("status").asString()).isEqualTo("unreachable"));
            assertThat(Math.abs(heading(client) - headingBefore)).as("the client's clock kept its time (no jump, no reset)")
                    .isLessThan(Duration.ofMillis(5).toNanos());

            run(server, "time-server", "time-server", "--ntp.enabled=false");
            awaitLive(server);
            recover("time server back: client synchronized again", CRISTIAN_BOUND, () -> synced(client));
            assertThat(health(client).get("pollIntervalMillis").asLong()).isEqualTo(1_000);
        }
    }

    /** @return where the clock is heading: its offset from the host clock once its pending slew is done */
    private static long heading(Host client) {
        JsonNode clock = client.json("/clock");
        return clock.get("offsetNanos").asLong() + clock.get("pendingSlewNanos").asLong();
    }

    private static JsonNode health(Host client) {
        JsonNode health = client.get("/actuator/health/cristian").json();
        return health.get("details");
    }

    private static boolean synced(Host client) {
        Host.Answer answer = client.get("/actuator/health/cristian");
        return answer.status() == 200 && answer.json().get("details").get("synchronized").asBoolean();
    }
}
