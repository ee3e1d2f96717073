package dev.clocksync.berkeleymaster.round;

import dev.clocksync.berkeleymaster.MasterProperties;
import lombok.extern.slf4j.Slf4j;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.web.ErrorResponseException;

/**
 * A round every {@code berkeley.interval}, the first one interval after start-up so that slaves can
 * register; none with {@code berkeley.scheduled=false}. The switch is read here at run time, not by a
 * bean condition: the services run with Spring AOT, whose conditions are fixed at build time.
 */
@Slf4j
@Configuration(proxyBeanMethods = false)
class RoundScheduling implements SchedulingConfigurer {

    private final RoundService rounds;
    private final MasterProperties properties;

    RoundScheduling(RoundService rounds, MasterProperties properties) {
        this.rounds = rounds;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.scheduled()) {
            registrar.addFixedDelayTask(new FixedDelayTask(this::scheduledRound, properties.interval(), properties.interval()));
        }
    }

    private void scheduledRound() {
        try {
            rounds.run("scheduled");
        } catch (ErrorResponseException e) {
            log.warn("Scheduled round skipped: {}", e.getBody().getDetail());
        } catch (RuntimeException e) {
            log.error("Scheduled round failed", e);
        }
    }
}
