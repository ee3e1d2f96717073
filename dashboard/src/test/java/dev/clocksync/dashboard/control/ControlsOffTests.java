package dev.clocksync.dashboard.control;

import dev.clocksync.dashboard.DashboardProperties;
import dev.clocksync.support.access.ClusterProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlsOffTests {

    @Test
    void withControlsOffNoButtonCallsAnything() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DashboardProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("dashboard.controls", "false")))
                .bindOrCreate("dashboard", DashboardProperties.class);
        Controls controls = new Controls(properties, new ClusterProperties("dashboard-test-token-0123456789", false),
                RestClient.builder(), JsonMapper.builder().build(), meters);

        // Port 1: were it called, the answer would be 502 (nothing listens), not 403.
        assertThatThrownBy(() -> controls.post("crash", "node-1", URI.create("http://127.0.0.1:1"), "/admin/crash"))
                .isInstanceOfSatisfying(ErrorResponseException.class, refused -> {
                    assertThat(refused.getStatusCode().value()).isEqualTo(403);
                    assertThat(refused.getBody().getType()).hasToString("urn:clocksync:problem:controls-off");
                });
        assertThat(meters.counter("dashboard.actions", "action", "crash", "outcome", "refused").count()).isEqualTo(1);
    }
}
