package dev.clocksync.timeserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Invalid configuration stops the service at start-up with a report that names the property. */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationValidationTests {

    private static void start(String... args) {
        new SpringApplicationBuilder(TimeServerApplication.class).web(WebApplicationType.NONE).run(args);
    }

    @Test
    void aZeroBurstIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--time-server.rate-limit.burst=0")).isInstanceOf(Exception.class);
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Property: time-server.rate-limit.burst");
    }

    @Test
    void aNegativeRateIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--time-server.rate-limit.requests-per-second=-1")).isInstanceOf(Exception.class);
        assertThat(output).contains("\"time-server.rate-limit.requests-per-second\"").contains("must be greater than or equal to 0.001");
    }

    @Test
    void aSlewRateThatWouldStopTheClockIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--clock.max-slew-rate-ppm=1000000")).isInstanceOf(Exception.class);
        assertThat(output).contains("\"clock.max-slew-rate-ppm\"").contains("must be less than or equal to 900000");
    }

    @Test
    void anOffsetThatIsNotADurationIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--clock.offset=soon")).isInstanceOf(Exception.class);
        assertThat(output).contains("Property: clock.offset").contains("soon");
    }

    @Test
    void aBadNodeNameIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--node.name=two words")).isInstanceOf(Exception.class);
        assertThat(output).contains("Property: node.name");
    }

    @Test
    void withoutTheClusterTokenItDoesNotStart(CapturedOutput output) {
        assertThatThrownBy(() -> start("--cluster.token=")).isInstanceOf(Exception.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("cluster.token (environment variable CLUSTER_TOKEN) must be set, or cluster.open=true");
    }
}
