package dev.clocksync.dashboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Invalid configuration stops the dashboard at start-up with a report that names the property. Every
 * start here points the services at port 1 (nothing listens there).
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationValidationTests {

    private static ConfigurableApplicationContext start(String... args) {
        List<String> all = new ArrayList<>(List.of("--cluster.token=dashboard-test-token-0123456789",
                "--dashboard.master.name=master", "--dashboard.master.url=http://127.0.0.1:1"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(DashboardApplication.class).web(WebApplicationType.NONE).run(all.toArray(String[]::new));
    }

    @Test
    void aRefreshBelow100MillisecondsIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--dashboard.refresh=10ms")).isInstanceOf(Exception.class);
        assertThat(output).contains("APPLICATION FAILED TO START").contains("dashboard.refresh");
    }

    @Test
    void aSlowRefreshWithoutALongerStaleAfterIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--dashboard.refresh=5s")).isInstanceOf(Exception.class);
        assertThat(output).contains("dashboard.stale-after must be at least dashboard.refresh");
    }

    @Test
    void twoClocksOfOneNameAreRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--dashboard.slaves[0].name=master", "--dashboard.slaves[0].url=http://127.0.0.1:1"))
                .isInstanceOf(Exception.class);
        assertThat(output).contains("dashboard clock names (time server, clients, master, slaves) must differ");
    }

    @Test
    void aServiceUrlThatIsNotHttpIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--dashboard.nodes[0].id=1", "--dashboard.nodes[0].url=ftp://127.0.0.1:21"))
                .isInstanceOf(Exception.class);
        assertThat(output).contains("dashboard service URLs must be absolute http or https URLs");
    }

    @Test
    void aNodeIdThatIsNotPositiveIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--dashboard.nodes[0].id=0", "--dashboard.nodes[0].url=http://127.0.0.1:1"))
                .isInstanceOf(Exception.class);
        assertThat(output).contains("dashboard.nodes[0].id");
    }

    @Test
    void withoutATokenItDoesNotStart(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(DashboardApplication.class).web(WebApplicationType.NONE)
                .run("--dashboard.master.name=master", "--dashboard.master.url=http://127.0.0.1:1"))
                .isInstanceOf(Exception.class);
        assertThat(output).contains("cluster.token (environment variable CLUSTER_TOKEN) must be set");
    }

    @Test
    void theDefaultsAreTheLocalCluster() {
        try (ConfigurableApplicationContext context = start()) {
            DashboardProperties properties = context.getBean(DashboardProperties.class);
            assertThat(properties.clocks()).extracting(DashboardProperties.Service::name)
                    .containsExactly("time-server", "mobile", "laptop", "master", "KMC", "MIT", "TAPMI", "SOLS");
            assertThat(properties.slaves().get(3).url()).hasToString("http://127.0.0.1:8084");
            assertThat(properties.nodes()).extracting(DashboardProperties.Node::id).containsExactly(1, 2, 3, 4, 5);
            assertThat(properties.nodes().get(4).url()).hasToString("http://127.0.0.1:8105");
            assertThat(properties.controls()).isTrue();
        }
    }
}
