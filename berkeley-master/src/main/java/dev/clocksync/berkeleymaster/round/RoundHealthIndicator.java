package dev.clocksync.berkeleymaster.round;

import dev.clocksync.berkeleymaster.MasterProperties;
import dev.clocksync.berkeleymaster.lead.Leadership;
import dev.clocksync.berkeleymaster.registry.SlaveRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * DOWN when scheduled rounds have stopped: no round has ended for three intervals (plus the time a
 * round may take) since the first was due. UP otherwise, with the last round's figures.
 */
@Component("berkeley")
class RoundHealthIndicator implements HealthIndicator {

    private final RoundService rounds;
    private final Leadership leadership;
    private final SlaveRegistry registry;
    private final MasterProperties properties;
    private final long startedMonotonic;

    RoundHealthIndicator(RoundService rounds, Leadership leadership, SlaveRegistry registry, MasterProperties properties) {
        this.rounds = rounds;
        this.leadership = leadership;
        this.registry = registry;
        this.properties = properties;
        this.startedMonotonic = System.nanoTime();
    }

    @Override
    public Health health() {
        Duration since = rounds.sinceLatest();
        Duration grace = properties.interval().multipliedBy(3)
                .plus(properties.connectTimeout().plus(properties.readTimeout()).multipliedBy(properties.maxReadsPerSlave()));
        Duration waiting = since != null ? since : Duration.ofNanos(System.nanoTime() - startedMonotonic);
        OptionalLong term = leadership.leadingTerm();
        // A standby runs no rounds: it is healthy while it is ready to take over (the election's health says whether
        // it knows a live leader).
        boolean late = term.isPresent() && properties.scheduled() && waiting.compareTo(grace) > 0;
        Health.Builder health = late ? Health.down().withDetail("problem", "no round has ended for " + waiting.toMillis() + " ms")
                : Health.up();
        health.withDetail("role", !leadership.elected() ? "alone" : term.isPresent() ? "leader" : "standby");
        term.ifPresent(leading -> health.withDetail("term", leading));
        health.withDetail("master", rounds.instance())
                .withDetail("scheduled", properties.scheduled())
                .withDetail("intervalMillis", properties.interval().toMillis())
                .withDetail("registeredSlaves", registry.live().size());
        rounds.latest().ifPresent(round -> {
            health.withDetail("lastRound", round.round()).withDetail("lastUnreachable", round.unreachable());
            if (since != null) {
                health.withDetail("lastRoundAgeMillis", since.toMillis());
            }
            if (round.spreadAfterNanos() != null) {
                health.withDetail("lastSpreadAfterNanos", round.spreadAfterNanos());
            }
        });
        return health.build();
    }
}
