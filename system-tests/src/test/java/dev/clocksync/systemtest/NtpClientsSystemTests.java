package dev.clocksync.systemtest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Standard NTP clients synchronizing from the time server: chrony's chronyd and ntpsec's ntpdig. */
class NtpClientsSystemTests {

    private static final Pattern CHRONY_OFFSET = Pattern.compile("System clock wrong by (-?\\d+\\.\\d+) seconds");
    private static final Pattern NTPDIG_OFFSET = Pattern.compile("\\(\\+0000\\) ([-+]\\d+\\.\\d+) \\+/- (\\d+\\.\\d+) (\\S+) s(\\d+)");

    private final Services services = new Services();
    private final NetworkNamespaces namespaces = new NetworkNamespaces();

    @AfterEach
    void cleanUp() {
        services.close();
        namespaces.close();
    }

    @Test
    void chronydMeasuresTheOffsetTheServerIsConfiguredWith() {
        Tools.require("chronyd", "chronyd against the time server");
        int ntpPort = ServiceProcess.freeUdpPort();
        services.start("time-server", "ntp-for-chrony", "--clock.offset=1500ms", "--ntp.port=" + ntpPort).awaitLive();

        Tools.Result chrony = Tools.run(60, List.of("chronyd", "-Q", "-u", "root", "-t", "30",
                "server 127.0.0.1 port " + ntpPort + " iburst"));

        Matcher offset = CHRONY_OFFSET.matcher(chrony.output());
        assertThat(offset.find()).as(chrony.output()).isTrue();
        assertThat(Double.parseDouble(offset.group(1))).as(chrony.output()).isCloseTo(1.5, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void ntpdigOnPort123InANetworkNamespaceReportsTheOffset() {
        Tools.require("ntpdig", "ntpsec's ntpdig against the time server on port 123");
        assumeTrue(NetworkNamespaces.available(), "network namespaces need root and iproute2: not testing ntpdig on port 123");
        String server = namespaces.create("s");
        String client = namespaces.create("c");
        namespaces.link(server, "192.0.2.10/24", client, "192.0.2.20/24");
        services.start(NetworkNamespaces.in(server), "time-server", "ntp-on-123", 8011,
                "--server.address=192.0.2.10", "--ntp.port=123", "--clock.offset=-750ms");

        List<String> ntpdig = new java.util.ArrayList<>(NetworkNamespaces.in(client));
        ntpdig.addAll(List.of("ntpdig", "-t", "2", "192.0.2.10"));
        Matcher[] found = new Matcher[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Tools.Result result = Tools.run(30, ntpdig);
            Matcher matcher = NTPDIG_OFFSET.matcher(result.output());
            found[0] = matcher;
            return result.exitCode() == 0 && matcher.find();
        });

        Matcher offset = Optional.of(found[0]).orElseThrow();
        double bound = Double.parseDouble(offset.group(2));
        assertThat(Double.parseDouble(offset.group(1))).as("within ntpdig's own error bound, %s s", bound)
                .isCloseTo(-0.75, org.assertj.core.data.Offset.offset(bound + 1e-6));
        assertThat(offset.group(3)).isEqualTo("192.0.2.10");
        assertThat(offset.group(4)).as("stratum").isEqualTo("1");
    }
}
