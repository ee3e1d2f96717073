package dev.clocksync.systemtest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Berkeley masters that elect the one that runs the rounds, and four slaves that register with both: any master
 * answers the rounds endpoints; a frozen leader is replaced, and when it resumes it adjusts no clock with its old term
 * and steps down; a killed leader is replaced and rounds go on under the other.
 */
class ElectedMastersSystemTests {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final List<String> LINES = List.of("KMC", "MIT", "TAPMI", "SOLS");

    private final Services services = new Services();

    @AfterEach
    void stopEverythingStarted() {
        services.close();
    }

    private ServiceProcess master(String name, int id, int port, int... peerPorts) {
        List<String> args = new ArrayList<>(List.of("--node.name=" + name, "--election.node-id=" + id,
                "--berkeley.interval=1s", "--berkeley.registration-ttl=10s", "--berkeley.connect-timeout=1s",
                "--berkeley.read-timeout=3s", "--berkeley.warm-up-reads=0"));
        for (int peer = 0; peer < peerPorts.length; peer++) {
            args.add("--election.peers." + (peer + 1) + "=http://127.0.0.1:" + peerPorts[peer]);
        }
        return services.start("berkeley-master", name, port, args.toArray(String[]::new));
    }

    private ServiceProcess slave(String name, String offset, String masters) {
        return services.start("berkeley-slave", name, ServiceProcess.freePort(), "--berkeley.node-name=" + name,
                "--clock.offset=" + offset, "--berkeley.master-url=" + masters,
                "--berkeley.heartbeat-interval=500ms", "--berkeley.max-retry-interval=1s");
    }

    /** @return the answer's JSON if it is 200, else null (a frozen or dead master, or one still electing) */
    private static JsonNode jsonOrNull(ServiceProcess process, String path) {
        try {
            HttpResponse<String> response = process.get(path);
            return response.statusCode() == 200 ? ServiceProcess.json(response) : null;
        } catch (UncheckedIOException | IllegalStateException e) {
            return null;
        }
    }

    private static Map<String, String> statuses(JsonNode round) {
        Map<String, String> byName = new LinkedHashMap<>();
        round.get("participants").forEach(p -> {
            if ("slave".equals(p.get("role").asString())) {
                byName.put(p.get("name").asString(), p.get("status").asString());
            }
        });
        return byName;
    }

    /** @return whether the master's latest round, as it answers it, was run by {@code leader} and adjusted all four lines */
    private static boolean latestRoundAdjustedEveryLine(ServiceProcess asked, String leader, long minTerm) {
        JsonNode round = jsonOrNull(asked, "/rounds/latest");
        return round != null && leader.equals(round.get("leader").asString()) && round.get("term").asLong() >= minTerm
                && statuses(round).keySet().containsAll(LINES)
                && LINES.stream().allMatch(line -> "adjusted".equals(statuses(round).get(line)));
    }

    private static long term(ServiceProcess master) {
        JsonNode election = jsonOrNull(master, "/election");
        return election == null ? -1 : election.get("term").asLong();
    }

    private static boolean leads(ServiceProcess master) {
        JsonNode election = jsonOrNull(master, "/election");
        return election != null && "LEADER".equals(election.get("state").asString());
    }

    @Test
    void theLeadingMasterRunsTheRoundsAnyMasterAnswersAndADeposedOneAdjustsNothing() {
        int westPort = ServiceProcess.freePort();
        int eastPort = ServiceProcess.freePort();
        // east has the higher id: it leads while both are up (Bully)
        ServiceProcess east = master("east", 2, eastPort, westPort, eastPort);
        ServiceProcess west = master("west", 1, westPort, westPort, eastPort);
        String masters = "http://127.0.0.1:" + eastPort + ",http://127.0.0.1:" + westPort;
        slave("KMC", "3s", masters);
        slave("MIT", "-2s", masters);
        slave("TAPMI", "500ms", masters);
        slave("SOLS", "-4s", masters);
        east.awaitReady();
        west.awaitReady();

        // both agree that east leads, and every line registered with both
        await().atMost(SETTLE).until(() -> leads(east) && term(west) == term(east)
                && jsonOrNull(west, "/election").get("leaderId").asInt() == 2);
        for (ServiceProcess master : List.of(east, west)) {
            await().atMost(SETTLE).until(() -> StreamSupport.stream(master.json("/slaves").spliterator(), false).count() == 4);
        }
        long firstTerm = term(east);
        await().atMost(SETTLE).until(() -> latestRoundAdjustedEveryLine(east, "east", firstTerm));

        // the standby answers from the leader, and says so
        HttpResponse<String> forwarded = west.get("/rounds/latest");
        assertThat(forwarded.statusCode()).as(forwarded.body()).isEqualTo(200);
        assertThat(forwarded.headers().firstValue("Served-By")).hasValue("east");
        assertThat(forwarded.headers().firstValue("Via")).hasValue("1.1 west");
        assertThat(ServiceProcess.json(forwarded).get("term").asLong()).isEqualTo(firstTerm);
        HttpResponse<String> manual = west.post("/rounds");
        assertThat(manual.statusCode()).as(manual.body()).isEqualTo(200);
        assertThat(ServiceProcess.json(manual).get("leader").asString()).isEqualTo("east");
        assertThat(east.get("/rounds/latest").headers().firstValue("Served-By")).hasValue("east");

        // east freezes: west takes over in a higher term and adjusts every line. A round may start between this read
        // and the freeze, and its adjustments go either way (sent before the freeze, or refused after it).
        long lastBeforeFreeze = east.json("/rounds/latest").get("round").asLong() + 1;
        east.signal("STOP");
        try {
            await().atMost(SETTLE).until(() -> leads(west) && latestRoundAdjustedEveryLine(west, "west", firstTerm + 1));
        } finally {
            east.signal("CONT");
        }
        long westTerm = term(west);

        // east resumes believing it leads term firstTerm: whatever it sends with that term is refused, it steps down,
        // and (the higher id) takes over again in a newer term
        await().atMost(SETTLE).until(() -> leads(east) && term(east) > westTerm && term(west) == term(east)
                && latestRoundAdjustedEveryLine(east, "east", westTerm + 1));
        JsonNode eastRounds = east.json("/rounds?limit=100");
        for (JsonNode round : eastRounds) {
            if (round.get("term").asLong() == firstTerm && round.get("round").asLong() > lastBeforeFreeze) {
                assertThat(statuses(round).values()).as("round %s of the deposed term", round)
                        .doesNotContain("adjusted", "replayed");
            }
        }

        // east is killed: west leads again and rounds go on with every line
        east.kill();
        await().atMost(SETTLE).until(() -> leads(west) && latestRoundAdjustedEveryLine(west, "west", westTerm + 1));
        HttpResponse<String> fromWest = west.get("/rounds/latest");
        assertThat(fromWest.headers().firstValue("Served-By")).hasValue("west");
    }
}
