package dev.clocksync.support.access;

import dev.clocksync.support.SupportTestApplication;
import dev.clocksync.support.problem.ProbeController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A service without a token does not start, unless told to run open; then it says so loudly. */
@ExtendWith(OutputCaptureExtension.class)
class StartUpTests {

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(SupportTestApplication.class, ProbeController.class)
                .run(args);
    }

    @Test
    void withoutATokenTheServiceDoesNotStart(CapturedOutput output) {
        assertThatThrownBy(() -> start("--server.port=0", "--cluster.token=")).isInstanceOf(Exception.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("cluster.token (environment variable CLUSTER_TOKEN) must be set, or cluster.open=true");
    }

    @Test
    void aMalformedTokenIsRefusedWithoutBeingShown(CapturedOutput output) {
        assertThatThrownBy(() -> start("--server.port=0", "--cluster.token=short-secret!")).isInstanceOf(Exception.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("cluster.token must be 16 to 512 characters")
                .doesNotContain("short-secret!");
    }

    @Test
    void runningOpenTakesChangesWithoutATokenAndWarnsLoudly(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start("--server.port=0", "--cluster.token=", "--cluster.open=true")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            String answer = RestClient.create("http://127.0.0.1:" + port).post().uri("/probe/orders")
                    .contentType(MediaType.APPLICATION_JSON).body("{\"name\":\"KMC\",\"count\":3}")
                    .retrieve().body(String.class);
            assertThat(answer).contains("\"name\":\"KMC\"");
            assertThat(output).contains("WARN").contains("cluster.open=true: NO ACCESS CONTROL");
        }
    }

    @Test
    void aTokenIsNeverShownByTheProperties() {
        assertThat(new ClusterProperties("support-test-token-0123456789", false).toString())
                .doesNotContain("support-test-token").contains("(set)");
    }
}
