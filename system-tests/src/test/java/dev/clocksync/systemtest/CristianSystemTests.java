package dev.clocksync.systemtest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Cristian's algorithm across real processes: a time server and the student's mobile and laptop. */
class CristianSystemTests {


    private final Services services = new Services();

    @AfterEach
    void stopEverythingStarted() {
        services.close();
    }

    @Test
    void mobileAndLaptopSkewedBySecondsEndWithinTheirErrorBoundsOfTheServer() {
        ServiceProcess server = services.start("time-server", "time-server", "--clock.offset=250ms", "--ntp.port=0").awaitLive();
        ServiceProcess mobile = services.start("time-client", "mobile", "--node.name=mobile", "--clock.offset=3s",
                "--cristian.server-url=" + server.url(), "--cristian.scheduled=false").awaitLive();
        ServiceProcess laptop = services.start("time-client", "laptop", "--node.name=laptop", "--clock.offset=-2s",
                "--clock.max-slew-rate-ppm=900000", "--cristian.server-url=" + server.url(), "--cristian.scheduled=false").awaitLive();
        long serverOffset = server.json("/clock").get("offsetNanos").asLong();

        long[] residuals = new long[2];
        long[] bounds = new long[2];
        int i = 0;
        for (ServiceProcess client : List.of(mobile, laptop)) {
            HttpResponse<String> response = client.post("/sync");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode sync = ServiceProcess.json(response);
            assertThat(sync.get("status").asString()).isEqualTo("synchronized");

            JsonNode clock = client.settledClock();
            residuals[i] = clock.get("offsetNanos").asLong() - serverOffset;
            bounds[i] = sync.get("errorBoundNanos").asLong();
            assertThat(Math.abs(residuals[i])).as("%s residual", clock.get("node").asString()).isLessThanOrEqualTo(bounds[i]);
            i++;
        }
        assertThat(Math.abs(residuals[0] - residuals[1])).as("mobile and laptop agree").isLessThanOrEqualTo(bounds[0] + bounds[1]);
        assertThat(mobile.status("/actuator/health")).isEqualTo(200);
    }

    @Test
    void aClientWithoutItsServerKeepsItsClockReportsUnsynchronizedAndSyncsOnceTheServerIsUp() {
        int serverPort = ServiceProcess.freePort();
        ServiceProcess mobile = services.start("time-client", "mobile-early", "--node.name=mobile", "--clock.offset=-1500ms",
                "--cristian.server-url=http://127.0.0.1:" + serverPort, "--cristian.interval=500ms", "--cristian.max-backoff=2s").awaitLive();

        await().atMost(Duration.ofSeconds(60)).until(() -> mobile.json("/sync/history?limit=50").size() >= 2);
        JsonNode history = mobile.json("/sync/history?limit=1");
        assertThat(history.get(0).get("status").asString()).isEqualTo("unreachable");
        assertThat(mobile.json("/clock").get("offsetNanos").asLong()).isEqualTo(-1_500_000_000L);
        assertThat(mobile.status("/actuator/health")).isEqualTo(503);
        assertThat(mobile.json("/actuator/health").at("/components/cristian/details/pollIntervalMillis").asLong())
                .as("backed off").isGreaterThan(500);

        services.start("time-server", "time-server-late", serverPort, "--ntp.port=0").awaitLive();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> mobile.status("/actuator/health") == 200);
        JsonNode clock = mobile.settledClock();
        assertThat(Math.abs(clock.get("offsetNanos").asLong())).isLessThan(Duration.ofMillis(50).toNanos());
    }

    /**
     * The packaged services run with Spring AOT, which fixes bean conditions at build time: every switch
     * a user may set when starting a service must still act at run time. Each one here is set against
     * its default.
     */
    @Test
    void switchesSetAtStartUpActInThePackagedServices() {
        int ntpPort = ServiceProcess.freeUdpPort();
        ServiceProcess server = services.start("time-server", "switches-server", "--ntp.port=" + ntpPort,
                "--time-server.rate-limit.enabled=false", "--spring.profiles.active=bench").awaitLive();
        ServiceProcess client = services.start("time-client", "switches-client", "--node.name=mobile",
                "--cristian.server-url=" + server.url(), "--cristian.protocol=ntp", "--cristian.ntp-port=" + ntpPort,
                "--cristian.scheduled=false", "--cristian.interval=200ms").awaitLive();
        ServiceProcess quiet = services.start("time-server", "switches-quiet", "--ntp.enabled=false").awaitLive();

        assertThat(server.status("/bench/bare")).as("the bench profile's endpoint").isEqualTo(200);
        assertThat(quiet.status("/bench/bare")).as("no bench endpoint without the profile").isEqualTo(404);
        for (int i = 0; i < 60; i++) {
            assertThat(server.status("/time")).as("request %d, rate limit off (the burst is 40)", i).isEqualTo(200);
        }

        assertThat(client.json("/sync/history?limit=10")).as("cristian.scheduled=false: no sync at start-up").isEmpty();
        double ntpBefore = server.json("/actuator/metrics/ntp.requests").at("/measurements/0/value").asDouble();
        HttpResponse<String> sync = client.post("/sync");
        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);
        assertThat(ServiceProcess.json(sync).get("status").asString()).isEqualTo("synchronized");
        assertThat(server.json("/actuator/metrics/ntp.requests").at("/measurements/0/value").asDouble())
                .as("cristian.protocol=ntp: the sync's samples went over NTP").isGreaterThan(ntpBefore);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(client.json("/sync/history?limit=10")).as("only the sync asked for").hasSize(1));

        JsonNode ntpHealth = quiet.json("/actuator/health").at("/components/ntp");
        assertThat(ntpHealth.get("status").asString()).as("ntp.enabled=false").isEqualTo("UNKNOWN");
        assertThat(ntpHealth.at("/details/enabled").asBoolean(true)).isFalse();
        assertThat(server.json("/actuator/health").at("/components/ntp/status").asString()).isEqualTo("UP");
    }
}
