package dev.clocksync.timeclient.sync;

import lombok.extern.slf4j.Slf4j;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.web.ErrorResponseException;

import java.time.Instant;

/**
 * Syncs at start-up and then every {@code cristian.interval}, or the backed-off interval after
 * failures: the next run is planned when the previous one ends, from the interval current then. None
 * with {@code cristian.scheduled=false}: the switch is read here at run time, not by a bean condition,
 * because the services run with Spring AOT, whose conditions are fixed at build time.
 */
@Slf4j
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SyncScheduling implements SchedulingConfigurer {

    private final SyncService syncs;
    private final CristianProperties properties;

    SyncScheduling(SyncService syncs, CristianProperties properties) {
        this.syncs = syncs;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (!properties.scheduled()) {
            return;
        }
        registrar.addTriggerTask(this::scheduledSync, context -> {
            Instant last = context.lastCompletion();
            return last == null ? context.getClock().instant() : last.plus(syncs.currentInterval());
        });
    }

    private void scheduledSync() {
        try {
            syncs.synchronize("scheduled");
        } catch (ErrorResponseException e) {
            log.warn("Scheduled sync failed: {}", e.getBody().getDetail());
        } catch (RuntimeException e) {
            log.error("Scheduled sync failed unexpectedly", e);
        }
    }
}
