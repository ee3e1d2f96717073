package dev.clocksync.timeclient.sync;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP while the clock is synchronized: a good sync no older than {@code cristian.max-age} (three
 * intervals by default), with an error bound within {@code cristian.max-error-bound}; DOWN otherwise.
 */
@Component("cristian")
class SyncHealthIndicator implements HealthIndicator {

    private final SyncService syncs;
    private final CristianProperties properties;

    SyncHealthIndicator(SyncService syncs, CristianProperties properties) {
        this.syncs = syncs;
        this.properties = properties;
    }

    @Override
    public Health health() {
        SyncService.SyncState state = syncs.state();
        Health.Builder health = state.synced() ? Health.up() : Health.down();
        health.withDetail("synchronized", state.synced())
                .withDetail("server", properties.serverUrl().toString())
                .withDetail("pollIntervalMillis", state.pollInterval().toMillis())
                .withDetail("maxAgeMillis", properties.effectiveMaxAge().toMillis())
                .withDetail("maxErrorBoundNanos", properties.maxErrorBound().toNanos());
        if (state.age() != null) {
            health.withDetail("lastSyncAgeMillis", state.age().toMillis())
                    .withDetail("errorBoundNanos", state.errorBoundNanos());
        }
        if (!state.synced()) {
            health.withDetail("lastError", state.lastError());
        }
        return health.build();
    }
}
