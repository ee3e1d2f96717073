package dev.clocksync.systemtest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Berkeley algorithm across real processes: the master in the testing lab and the production-line clocks. */
class BerkeleySystemTests {

    private static final long MS = 1_000_000L;

    private final Services services = new Services();

    @AfterEach
    void stopEverythingStarted() {
        services.close();
    }

    private ServiceProcess master(int port) {
        // Generous timeouts and more samples than the default: the test must not flake on a loaded machine, where
        // the least-delay sample of a longer burst is the one least disturbed. A dead slave refuses connections at once.
        // Rounds only on demand; the short interval makes a scheduled round show at once (as a round number
        // out of step) should the switch stop acting in the packaged service (Spring AOT fixes conditions).
        return services.start("berkeley-master", "master", port, "--berkeley.scheduled=false", "--berkeley.interval=200ms",
                "--berkeley.registration-ttl=10s",
                "--berkeley.connect-timeout=2s", "--berkeley.read-timeout=5s", "--berkeley.samples=16",
                "--clock.max-slew-rate-ppm=900000");
    }

    private ServiceProcess slave(String name, String offset, int masterPort) {
        return services.start("berkeley-slave", name, ServiceProcess.freePort(), "--berkeley.node-name=" + name, "--clock.offset=" + offset,
                "--clock.max-slew-rate-ppm=900000", "--berkeley.master-url=http://127.0.0.1:" + masterPort,
                "--berkeley.heartbeat-interval=500ms", "--berkeley.max-retry-interval=1s");
    }

    private static List<String> registered(ServiceProcess master) {
        return StreamSupport.stream(master.json("/slaves").spliterator(), false).map(s -> s.get("name").asString()).toList();
    }

    private static Map<String, JsonNode> participants(JsonNode round) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        round.get("participants").forEach(p -> byName.put(p.get("name").asString(), p));
        return byName;
    }

    private static JsonNode round(ServiceProcess master) {
        HttpResponse<String> response = master.post("/rounds");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ServiceProcess.json(response);
    }

    @Test
    void theProductionLinesConvergeTheBrokenClockIsLeftOutDeadSlavesAreReportedAndARestartedMasterFindsEveryone() {
        int masterPort = ServiceProcess.freePort();
        ServiceProcess master = master(masterPort);
        Map<String, ServiceProcess> lines = new LinkedHashMap<>();
        lines.put("KMC", slave("KMC", "3s", masterPort));
        lines.put("MIT", slave("MIT", "-2s", masterPort));
        lines.put("TAPMI", slave("TAPMI", "500ms", masterPort));
        lines.put("SOLS", slave("SOLS", "-4s", masterPort));
        ServiceProcess broken = slave("BROKEN", "1h", masterPort);
        master.awaitReady();
        HttpResponse<String> anonymous = master.postWithoutToken("/rounds");
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        await().atMost(Duration.ofSeconds(120)).until(() -> registered(master).size() == 5);
        // Six JVMs have just started on a small machine and the slaves are still compiling their hot paths
        // (the master warms its own before it is ready): let them settle before measuring, so that the round
        // measures the algorithm rather than the JIT.
        List<ServiceProcess> everyone = new ArrayList<>(lines.values());
        everyone.add(broken);
        everyone.add(master);
        everyone.parallelStream().forEach(p -> {
            for (int i = 0; i < 1_000; i++) {
                p.get("/clock");
            }
        });
        // ... and until the compilers those requests set off are done: the machine answers promptly again
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> everyone.stream().allMatch(p -> p.fastestRoundTrip("/clock", 20).compareTo(Duration.ofMillis(2)) < 0));

        // one round
        JsonNode round = round(master);
        Map<String, JsonNode> participants = participants(round);
        assertThat(round.get("unreachable").asInt()).isZero();
        assertThat(participants.get("BROKEN").get("included").asBoolean()).isFalse();
        assertThat(participants.get("BROKEN").get("reason").asString()).contains("beyond the tolerance");
        assertThat(participants.get("BROKEN").get("status").asString()).as("left out, but told to adjust").isEqualTo("adjusted");
        assertThat(participants.get("BROKEN").get("adjustmentNanos").asLong()).isLessThan(-3_599_000 * MS);
        lines.keySet().forEach(name -> {
            assertThat(participants.get(name).get("included").asBoolean()).as(name).isTrue();
            assertThat(participants.get(name).get("status").asString()).as(name).isEqualTo("adjusted");
        });

        // KMC was 3.5 s ahead of the average and slews back: its readings never decrease
        long previous = Long.MIN_VALUE;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode kmc;
        do {
            kmc = lines.get("KMC").json("/clock");
            assertThat(kmc.get("epochNanos").asLong()).isGreaterThanOrEqualTo(previous);
            previous = kmc.get("epochNanos").asLong();
        } while (kmc.get("pendingSlewNanos").asLong() != 0 && System.nanoTime() < deadline);

        // once the slews are done, the good clocks agree within 1 ms
        List<ServiceProcess> good = new ArrayList<>(lines.values());
        good.add(master);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                good.stream().allMatch(p -> p.json("/clock").get("pendingSlewNanos").asLong() == 0));
        List<Long> offsets = good.stream().map(p -> p.json("/clock").get("offsetNanos").asLong()).toList();
        long spread = offsets.stream().mapToLong(Long::longValue).max().orElseThrow() - offsets.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(spread).as("offsets %s after round %s", offsets, round).isLessThanOrEqualTo(MS);

        // SOLS dies: the next round reports it and goes on
        lines.get("SOLS").close();
        JsonNode withoutSols = round(master);
        assertThat(participants(withoutSols).get("SOLS").get("status").asString()).isEqualTo("unreachable");
        assertThat(participants(withoutSols).get("KMC").get("status").asString()).isEqualTo("adjusted");
        assertThat(withoutSols.get("unreachable").asInt()).isEqualTo(1);

        // the master restarts: every live slave registers again, and its first round applies everywhere
        master.close();
        ServiceProcess restarted = master(masterPort).awaitReady();
        await().atMost(Duration.ofSeconds(60)).until(() -> registered(restarted).containsAll(List.of("KMC", "MIT", "TAPMI", "BROKEN")));
        JsonNode first = round(restarted);
        assertThat(first.get("round").asLong()).isEqualTo(1);
        assertThat(participants(first).get("KMC").get("status").asString())
                .as("a new master's round 1 is not mistaken for the old master's").isEqualTo("adjusted");
        assertThat(broken.status("/clock")).isEqualTo(200);
    }
}
