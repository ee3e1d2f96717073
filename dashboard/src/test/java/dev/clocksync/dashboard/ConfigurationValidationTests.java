package dev.clocksync.dashboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Invalid configuration stops the dashboard at start-up with a report that names the property. Every
 * start here points the services at port 1 (nothing listens there).
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationValidationTests {

    private static ConfigurableApplicationContext start(String... args) {
        List<String> all = new ArrayList<>(List.of("--dashboard.master.name=master", "--dashboard.master.url=http://127.0.0.1:1"));
        all.addAll(List.of(args));
        return startWithoutMaster(all.toArray(String[]::new));
    }

    /** Without dashboard.master.*: a repeated command-line option would join its values, not replace them. */
    private static ConfigurableApplicationContext startWithoutMaster(String... args) {
        List<String> all = new ArrayList<>(List.of("--cluster.token=dashboard-test-token-0123456789"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(DashboardApplication.class).web(WebApplicationType.NONE).run(all.toArray(String[]::new));
    }

    private static DashboardProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("dashboard", DashboardProperties.class);
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
        assertThat(output).contains("dashboard clock names (time server, clients, masters, slaves) must differ");
    }

    @Test
    void moreMasterNamesThanUrlsAreRefused(CapturedOutput output) {
        assertThatThrownBy(() -> startWithoutMaster("--dashboard.master.name=master,master-2",
                "--dashboard.master.url=http://127.0.0.1:1")).isInstanceOf(Exception.class);
        assertThat(output).contains("dashboard.master.name must not name more masters than dashboard.master.url has URLs");
    }

    @Test
    void aMasterListedTwiceIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> startWithoutMaster("--dashboard.master.url=http://127.0.0.1:1,http://127.0.0.1:1"))
                .isInstanceOf(Exception.class);
        assertThat(output).contains("dashboard.master.url must not list a master twice");
    }

    @Test
    void aMasterNameThatIsNotAWordIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> startWithoutMaster("--dashboard.master.name=master,the other",
                "--dashboard.master.url=http://127.0.0.1:1,http://127.0.0.1:2")).isInstanceOf(Exception.class);
        assertThat(output).contains("APPLICATION FAILED TO START").contains("dashboard.master.name");
    }

    @Test
    void aMasterUrlThatIsNotHttpIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> startWithoutMaster("--dashboard.master.url=http://127.0.0.1:1,ftp://127.0.0.1:21"))
                .isInstanceOf(Exception.class);
        assertThat(output).contains("dashboard service URLs must be absolute http or https URLs");
    }

    @Test
    void oneMasterIsSetAsBeforeAndSeveralAsCommaSeparatedLists() {
        assertThat(bind(Map.of("dashboard.master.name", "berkeley", "dashboard.master.url", "http://master:8080")).masters())
                .containsExactly(new DashboardProperties.Service("berkeley", URI.create("http://master:8080")));
        assertThat(bind(Map.of("dashboard.master.url", "http://master:8080, http://master-2:8090")).masters())
                .as("unnamed, the second is named after the first")
                .containsExactly(new DashboardProperties.Service("master", URI.create("http://master:8080")),
                        new DashboardProperties.Service("master-2", URI.create("http://master-2:8090")));
        assertThat(bind(Map.of("dashboard.master.name", "east,west", "dashboard.master.url", "http://a:8080,http://b:8090"))
                .masters()).extracting(DashboardProperties.Service::name).containsExactly("east", "west");
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
    void theDefaultMastersAreTheLocalClustersTwo() {
        try (ConfigurableApplicationContext context = startWithoutMaster()) {
            assertThat(context.getBean(DashboardProperties.class).masters()).containsExactly(
                    new DashboardProperties.Service("master", URI.create("http://127.0.0.1:8080")),
                    new DashboardProperties.Service("master-2", URI.create("http://127.0.0.1:8090")));
        }
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
