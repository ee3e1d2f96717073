package dev.clocksync.berkeleyslave.registration;

import dev.clocksync.berkeleyslave.SlaveProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * UP while the master takes this slave's registrations: the last one succeeded within three heartbeat
 * intervals. DOWN before the first one and while the master does not answer; the clock works either
 * way, but no round will include it.
 */
@Component("berkeley")
class RegistrationHealthIndicator implements HealthIndicator {

    private final MasterRegistration registration;
    private final SlaveProperties properties;

    RegistrationHealthIndicator(MasterRegistration registration, SlaveProperties properties) {
        this.registration = registration;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Duration since = registration.sinceLastSuccess();
        boolean registered = since != null && since.compareTo(properties.heartbeatInterval().multipliedBy(3)) <= 0;
        Health.Builder health = registered ? Health.up() : Health.down();
        health.withDetail("registered", registered)
                .withDetail("name", registration.name())
                .withDetail("master", properties.masterUrl().toString());
        if (registration.advertisedUrl() != null) {
            health.withDetail("advertisedUrl", registration.advertisedUrl().toString());
        }
        if (since != null) {
            health.withDetail("lastRegistrationAgeMillis", since.toMillis());
        }
        if (!registered && registration.lastError() != null) {
            health.withDetail("lastError", registration.lastError());
        }
        return health.build();
    }
}
