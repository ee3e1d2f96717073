package dev.clocksync.timeclient.sync;

import jakarta.annotation.PreDestroy;
import lombok.extern.slf4j.Slf4j;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.ErrorResponseException;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Syncs at start-up and then every {@code cristian.interval}, or the backed-off interval after
 * failures: each sync, once it has ended, plans the next from the interval current then. Not a Spring
 * trigger task: on virtual threads (JDK 21+) its scheduler asks the trigger for the next run as soon as
 * it has handed the sync to a thread, before the sync has set the interval, so a client whose first sync
 * failed waited the whole interval instead of a second. None with {@code cristian.scheduled=false}: the
 * switch is read here at run time, not by a bean condition, because the services run with Spring AOT,
 * whose conditions are fixed at build time.
 */
@Slf4j
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SyncScheduling {

    private final SyncService syncs;
    private final CristianProperties properties;
    private final TaskScheduler scheduler;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> next;

    SyncScheduling(SyncService syncs, CristianProperties properties, TaskScheduler scheduler) {
        this.syncs = syncs;
        this.properties = properties;
        this.scheduler = scheduler;
    }

    @EventListener(ContextRefreshedEvent.class)
    void start() {
        if (properties.scheduled() && started.compareAndSet(false, true)) {
            schedule(Duration.ZERO);
        }
    }

    private void scheduledSync() {
        try {
            syncs.synchronize("scheduled");
        } catch (ErrorResponseException e) {
            log.warn("Scheduled sync failed: {}", e.getBody().getDetail());
        } catch (RuntimeException e) {
            log.error("Scheduled sync failed unexpectedly", e);
        } finally {
            schedule(syncs.currentInterval());
        }
    }

    private void schedule(Duration delay) {
        if (stopped) {
            return;
        }
        try {
            next = scheduler.schedule(this::scheduledSync, scheduler.getClock().instant().plus(delay));
        } catch (TaskRejectedException closing) {
            log.debug("no further scheduled sync: the scheduler is shut down");
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        ScheduledFuture<?> scheduled = next;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
