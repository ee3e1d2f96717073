package dev.clocksync.electionnode;

import dev.clocksync.election.Algorithm;
import dev.clocksync.electionservice.node.ElectionGroup;
import dev.clocksync.electionservice.node.ElectionProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Invalid configuration stops the node at start-up with a report that names the property. Every start
 * here names peers on port 1 (nothing listens there), so that nothing could reach a real node on
 * 8101 to 8105 even if a start succeeded.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationValidationTests {

    private static void start(String... args) {
        List<String> all = new ArrayList<>(List.of("--election.peers.1=http://127.0.0.1:1", "--election.peers.2=http://127.0.0.1:1"));
        all.addAll(List.of(args));
        new SpringApplicationBuilder(ElectionNodeApplication.class).web(WebApplicationType.NONE).run(all.toArray(String[]::new));
    }

    @Test
    void aNodeIdThatIsNotPositiveIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--election.node-id=0")).isInstanceOf(Exception.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("\"election.node-id\" from property source").contains("must be greater than or equal to 1");
    }

    @Test
    void aNodeIdThatIsNotAnIntegerIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--election.node-id=two")).isInstanceOf(Exception.class);
        assertThat(output).contains("\"election.node-id\"").contains("two");
    }

    @Test
    void peersWithoutTheNodeItselfAreRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--election.node-id=3")).isInstanceOf(Exception.class);
        assertThat(output).contains("election.peers must list election.node-id");
    }

    @Test
    void aPeerUrlThatIsNotHttpIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--election.peers.2=ftp://127.0.0.1:21")).isInstanceOf(Exception.class);
        assertThat(output).contains("election.peers URLs must be absolute http or https URLs");
    }

    @Test
    void aPeerIdThatIsNotPositiveIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--election.peers.0=http://127.0.0.1:1")).isInstanceOf(Exception.class);
        assertThat(output).contains("election.peers ids must be positive integers");
    }

    @Test
    void anUnknownAlgorithmIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--election.algorithm=paxos")).isInstanceOf(Exception.class);
        assertThat(output).contains("\"election.algorithm\"").contains("paxos");
    }

    @Test
    void aFailureTimeoutShorterThanTwoHeartbeatsIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--election.heartbeat-interval=500ms", "--election.failure-timeout=600ms"))
                .isInstanceOf(Exception.class);
        assertThat(output).contains("election.failure-timeout must be at least twice election.heartbeat-interval");
    }

    @Test
    void aCoordinatorTimeoutNoLongerThanTheAnswerTimeoutIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--election.answer-timeout=1s", "--election.coordinator-timeout=1s"))
                .isInstanceOf(Exception.class);
        assertThat(output).contains("election.coordinator-timeout must be longer than election.answer-timeout");
    }

    @Test
    void aTimeoutThatIsNotADurationOrIsZeroIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--election.read-timeout=forever")).isInstanceOf(Exception.class);
        assertThat(output).contains("\"election.read-timeout\"").contains("forever");
        assertThatThrownBy(() -> start("--election.connect-timeout=0s")).isInstanceOf(Exception.class);
        assertThat(output).contains("\"election.connect-timeout\" from property source").contains("must be longer than or equal to 1 milli");
    }

    /** The way of naming peers in the environment: {@code ELECTION_PEERS_1=...}. */
    @Test
    void peersBindFromEnvironmentVariablesAndIdsCompareAsIntegers() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "ELECTION_NODE_ID", "10",
                "ELECTION_PEERS_9", "http://127.0.0.1:8109",
                "ELECTION_PEERS_10", "http://127.0.0.1:8110",
                "ELECTION_PEERS_2", "http://127.0.0.1:8102",
                "ELECTION_ALGORITHM", "ring",
                "ELECTION_FAILURE_TIMEOUT", "750ms")));

        ElectionProperties properties = new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("election", ElectionProperties.class);

        assertThat(properties.nodeId()).isEqualTo(10);
        assertThat(properties.peers().keySet()).containsExactly(2, 9, 10);
        assertThat(properties.peers()).containsEntry(10, URI.create("http://127.0.0.1:8110"));
        assertThat(properties.algorithm()).isEqualTo(Algorithm.RING);
        assertThat(properties.failureTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(properties.heartbeatInterval()).isEqualTo(Duration.ofMillis(150));
    }

    @Test
    void withNoPeersConfiguredTheGroupIsTheFiveLocalNodes() {
        ElectionProperties properties = new Binder(ConfigurationPropertySources.get(new StandardEnvironment()))
                .bindOrCreate("election", ElectionProperties.class);

        ElectionGroup group = new ElectionNodeApplication().electionGroup(properties);
        assertThat(properties.peers()).isEmpty();
        assertThat(group.members()).isEqualTo(ElectionGroup.LOCAL_FIVE);
        assertThat(group.url(5)).isEqualTo(URI.create("http://127.0.0.1:8105"));
        assertThat(properties.nodeId()).isEqualTo(1);
        assertThat(properties.toSettings().failureTimeoutNanos()).isEqualTo(Duration.ofMillis(600).toNanos());
    }

    @Test
    void withoutTheClusterTokenItDoesNotStart(CapturedOutput output) {
        assertThatThrownBy(() -> start("--cluster.token=")).isInstanceOf(Exception.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("cluster.token (environment variable CLUSTER_TOKEN) must be set, or cluster.open=true");
    }
}
