package dev.clocksync.systemtest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Elections across five real node processes on random ports, each with every other one's URL. The
 * coordinator is killed with SIGKILL (only that process), or crashed through {@code POST /admin/crash};
 * the others must agree on the next highest; the old coordinator, restarted on its port or recovered,
 * must take over again. Time limits are generous: five JVMs share a small, busy machine.
 */
class ElectionSystemTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration AGREE = Duration.ofSeconds(30);

    private final List<ServiceProcess> started = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        started.forEach(ServiceProcess::close);
    }

    /** A group of five: {@code nodes.get(i)} is node i + 1, on {@code ports[i]}. */
    private final class Group {
        final int[] ports = ServiceProcess.freePorts(5);
        final ServiceProcess[] nodes = new ServiceProcess[5];
        final String[] extra;

        Group(String... extra) {
            this.extra = extra;
            for (int id = 1; id <= 5; id++) {
                start(id);
            }
            for (ServiceProcess node : nodes) {
                node.awaitLive();
            }
        }

        ServiceProcess start(int id) {
            List<String> args = new ArrayList<>(List.of("--node.name=node-" + id, "--election.node-id=" + id));
            for (int peer = 1; peer <= 5; peer++) {
                args.add("--election.peers." + peer + "=http://127.0.0.1:" + ports[peer - 1]);
            }
            args.addAll(List.of(extra));
            ServiceProcess node = ServiceProcess.start("election-node", "node-" + id, ports[id - 1], args.toArray(String[]::new));
            started.add(node);
            nodes[id - 1] = node;
            return node;
        }

        ServiceProcess node(int id) {
            return nodes[id - 1];
        }

        /** @return whether every node in {@code ids} names {@code leader}, in one term, and the leader knows it leads */
        boolean agree(int leader, int... ids) {
            return Elections.agree(id -> election(node(id)), leader, ids);
        }

        void awaitAgreement(int leader, int... ids) {
            await().atMost(AGREE).pollInterval(Duration.ofMillis(100)).until(() -> agree(leader, ids));
        }
    }

    private static JsonNode election(ServiceProcess node) {
        try {
            return JSON.readTree(node.get("/election").body());
        } catch (UncheckedIOException | IllegalStateException down) {
            return null;
        }
    }

    private static int[] ids(int... ids) {
        return ids;
    }

    @Test
    void bullyKilledCoordinatorIsReplacedByTheNextHighestAndTakesOverWhenRestartedAndRingRunsOnTheSameNodes() {
        Group group = new Group("--election.algorithm=bully");
        group.awaitAgreement(5, 1, 2, 3, 4, 5);
        long term = election(group.node(5)).get("term").asLong();

        group.node(5).kill();

        group.awaitAgreement(4, 1, 2, 3, 4);
        JsonNode four = election(group.node(4));
        assertThat(four.get("term").asLong()).isGreaterThan(term);
        assertThat(four.get("lastElection").get("algorithm").asString()).isEqualTo("bully");
        assertThat(group.node(4).status("/actuator/health")).isEqualTo(200);

        group.start(5).awaitLive();

        group.awaitAgreement(5, 1, 2, 3, 4, 5);
        assertThat(election(group.node(5)).get("term").asLong()).isGreaterThan(four.get("term").asLong());
        assertThat(IntStream.rangeClosed(1, 5).map(id -> group.node(id).status("/actuator/health/election")))
                .containsOnly(200);

        long before = election(group.node(5)).get("term").asLong();
        assertThat(group.node(2).post("/election?algorithm=ring").statusCode()).isEqualTo(202);

        await().atMost(AGREE).pollInterval(Duration.ofMillis(100)).until(() -> group.agree(5, ids(1, 2, 3, 4, 5))
                && election(group.node(5)).get("term").asLong() > before);
        JsonNode two = election(group.node(2)).get("lastElection");
        assertThat(two.get("algorithm").asString()).isEqualTo("ring");
        assertThat(two.get("initiator").asInt()).isEqualTo(2);
        assertThat(two.get("participants").size()).isEqualTo(5);
    }

    @Test
    void ringCrashedCoordinatorIsReplacedAndTakesOverWhenItRecoversAndAKilledOneToo() {
        Group group = new Group("--election.algorithm=ring");
        group.awaitAgreement(5, 1, 2, 3, 4, 5);

        assertThat(group.node(5).post("/admin/crash").statusCode()).isEqualTo(200);

        group.awaitAgreement(4, 1, 2, 3, 4);
        JsonNode crashed = election(group.node(5));
        assertThat(crashed.get("state").asString()).isEqualTo("CRASHED");
        assertThat(group.node(5).status("/actuator/health")).isEqualTo(503);
        JsonNode four = election(group.node(4));
        assertThat(four.get("lastElection").get("algorithm").asString()).isEqualTo("ring");

        assertThat(group.node(5).post("/admin/recover").statusCode()).isEqualTo(200);

        group.awaitAgreement(5, 1, 2, 3, 4, 5);

        group.node(5).kill();

        group.awaitAgreement(4, 1, 2, 3, 4);
        JsonNode participants = election(group.node(4)).get("lastElection").get("participants");
        assertThat(participants).as("a ring election names its participants").isNotNull();
    }
}
