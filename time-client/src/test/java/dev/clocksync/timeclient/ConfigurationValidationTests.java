package dev.clocksync.timeclient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Invalid configuration stops the client at start-up with a report that names the property. */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationValidationTests {

    private static void start(String... args) {
        new SpringApplicationBuilder(TimeClientApplication.class).web(WebApplicationType.NONE).run(args);
    }

    @Test
    void negativeSamplesAreRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--cristian.samples=-1")).isInstanceOf(Exception.class);
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Property: cristian.samples");
    }

    @Test
    void aZeroIntervalIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--cristian.interval=0s")).isInstanceOf(Exception.class);
        assertThat(output).contains("Property: cristian.interval");
    }

    @Test
    void aMaximumBackoffBelowTheIntervalIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--cristian.interval=1m", "--cristian.max-backoff=10s")).isInstanceOf(Exception.class);
        assertThat(output).contains("cristian.max-backoff must be at least cristian.interval");
    }

    @Test
    void aServerUrlThatIsNotHttpIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--cristian.server-url=ftp://time.example")).isInstanceOf(Exception.class);
        assertThat(output).contains("cristian.server-url must be an absolute http or https URL");
    }

    @Test
    void aTimeoutThatIsNotADurationIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--cristian.read-timeout=forever")).isInstanceOf(Exception.class);
        assertThat(output).contains("\"cristian.read-timeout\"").contains("forever");
    }

    @Test
    void withoutTheClusterTokenItDoesNotStart(CapturedOutput output) {
        assertThatThrownBy(() -> start("--cluster.token=")).isInstanceOf(Exception.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("cluster.token (environment variable CLUSTER_TOKEN) must be set, or cluster.open=true");
    }
}
