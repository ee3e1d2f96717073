package dev.clocksync.electionservice.node;

import dev.clocksync.election.NodeState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP while the node knows a live coordinator: it leads, or it follows one it heard from within the
 * failure timeout. DOWN while it elects, while its coordinator is silent, and while it is crashed.
 * A service that is not elected has nothing to wait for: UP, saying so.
 */
@Component("election")
class ElectionHealthIndicator implements HealthIndicator {

    private final ElectionDriver driver;

    ElectionHealthIndicator(ElectionDriver driver) {
        this.driver = driver;
    }

    @Override
    public Health health() {
        if (!driver.elected()) {
            return Health.up().withDetail("elected", false).build();
        }
        NodeState state = driver.state();
        Health.Builder health = driver.knowsLiveLeader() ? Health.up() : Health.down();
        health.withDetail("nodeId", state.id())
                .withDetail("state", state.role().name())
                .withDetail("term", state.term());
        if (state.leader() != null) {
            health.withDetail("leaderId", state.leader());
        }
        Long heard = driver.millisSinceLeaderHeard();
        if (heard != null) {
            health.withDetail("leaderHeardMillisAgo", heard);
        }
        return health.build();
    }
}
