package dev.clocksync.berkeleyslave;

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
        new SpringApplicationBuilder(BerkeleySlaveApplication.class).web(WebApplicationType.NONE).run(args);
    }

    @Test
    void aMasterUrlThatIsNotHttpIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--berkeley.master-url=mailto:master@example.org")).isInstanceOf(Exception.class);
        assertThat(output).contains("berkeley.master-url must be absolute http or https URLs");
    }

    @Test
    void aListWithOneMasterThatIsNotHttpIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--berkeley.master-url=http://a:8080,ftp://b:8090")).isInstanceOf(Exception.class);
        assertThat(output).contains("berkeley.master-url must be absolute http or https URLs");
    }

    @Test
    void aMasterNamedTwiceIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--berkeley.master-url=http://a:8080,http://A:8080/")).isInstanceOf(Exception.class);
        assertThat(output).contains("berkeley.master-url names a master twice");
    }

    @Test
    void aZeroHeartbeatIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--berkeley.heartbeat-interval=0s")).isInstanceOf(Exception.class);
        assertThat(output).contains("\"berkeley.heartbeat-interval\"");
    }

    @Test
    void aNameWithSpacesIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--berkeley.node-name=production line")).isInstanceOf(Exception.class);
        // node.name takes its value from berkeley.node-name, and is bound (and refused) first
        assertThat(output).contains("Property: node.name").contains("\"production line\"").contains("must match");
    }

    @Test
    void aZeroMaximumAdjustmentIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--berkeley.max-adjustment=0s")).isInstanceOf(Exception.class);
        assertThat(output).contains("\"berkeley.max-adjustment\"");
    }

    @Test
    void withoutTheClusterTokenItDoesNotStart(CapturedOutput output) {
        assertThatThrownBy(() -> start("--cluster.token=")).isInstanceOf(Exception.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("cluster.token (environment variable CLUSTER_TOKEN) must be set, or cluster.open=true");
    }
}
