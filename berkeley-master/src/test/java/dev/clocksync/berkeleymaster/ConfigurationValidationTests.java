package dev.clocksync.berkeleymaster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class ConfigurationValidationTests {

    private static void start(String... args) {
        new SpringApplicationBuilder(BerkeleyMasterApplication.class).web(WebApplicationType.NONE).run(args);
    }

    @Test
    void aZeroIntervalIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--berkeley.interval=0s")).isInstanceOf(Exception.class);
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Property: berkeley.interval");
    }

    @Test
    void zeroSamplesAreRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--berkeley.samples=0")).isInstanceOf(Exception.class);
        assertThat(output).contains("Property: berkeley.samples");
    }

    @Test
    void aNegativeToleranceIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--berkeley.tolerance=-1s")).isInstanceOf(Exception.class);
        assertThat(output).contains("Property: berkeley.tolerance");
    }

    @Test
    void aTimeoutThatIsNotADurationIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--berkeley.read-timeout=later")).isInstanceOf(Exception.class);
        assertThat(output).contains("\"berkeley.read-timeout\"").contains("later");
    }

    @Test
    void withoutTheClusterTokenItDoesNotStart(CapturedOutput output) {
        assertThatThrownBy(() -> start("--cluster.token=")).isInstanceOf(Exception.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("cluster.token (environment variable CLUSTER_TOKEN) must be set, or cluster.open=true");
    }
}
