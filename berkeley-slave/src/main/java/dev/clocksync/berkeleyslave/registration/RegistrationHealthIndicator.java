package dev.clocksync.berkeleyslave.registration;

import dev.clocksync.berkeleyslave.SlaveProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * UP while a master takes this slave's registrations: the last one with at least one of them succeeded within
 * three heartbeat intervals (with several masters, a standby that is down does not make the slave DOWN). DOWN
 * before the first one and while no master answers; the clock works either way, but no round will include it.
 * The details list every master.
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
        Duration fresh = properties.heartbeatInterval().multipliedBy(3);
        List<Map<String, Object>> masters = new ArrayList<>();
        boolean registered = false;
        for (MasterRegistration.Link link : registration.links()) {
            Duration since = link.sinceLastSuccess();
            boolean withThis = since != null && since.compareTo(fresh) <= 0;
            registered |= withThis;
            Map<String, Object> master = new LinkedHashMap<>();
            master.put("url", link.url().toString());
            master.put("registered", withThis);
            if (since != null) {
                master.put("lastRegistrationAgeMillis", since.toMillis());
            }
            if (!withThis && link.lastError() != null) {
                master.put("lastError", link.lastError());
            }
            masters.add(master);
        }
        Health.Builder health = registered ? Health.up() : Health.down();
        health.withDetail("registered", registered)
                .withDetail("name", registration.name())
                .withDetail("masters", masters);
        if (registration.advertisedUrl() != null) {
            health.withDetail("advertisedUrl", registration.advertisedUrl().toString());
        }
        return health.build();
    }
}
