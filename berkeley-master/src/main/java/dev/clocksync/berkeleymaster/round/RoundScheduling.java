package dev.clocksync.berkeleymaster.round;

import dev.clocksync.berkeleymaster.MasterProperties;
import dev.clocksync.berkeleymaster.lead.Leadership;
import lombok.extern.slf4j.Slf4j;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.web.ErrorResponseException;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Scheduled rounds, run by the leading master only: the first one interval after start-up so that slaves can
 * register, then one every {@code berkeley.interval} after the last ended; and one at once when this master takes
 * over in a new term later, so that the clocks are not left without a master for up to an interval after a failover.
 * None with {@code berkeley.scheduled=false}. The switch is read here at run time, not by a bean condition: the
 * services run with Spring AOT, whose conditions are fixed at build time.
 */
@Slf4j
@Configuration(proxyBeanMethods = false)
class RoundScheduling implements SchedulingConfigurer {

    /** How often leadership and the interval are checked; a takeover's round waits at most this. */
    private static final Duration MAX_TICK = Duration.ofMillis(100);

    private final RoundService rounds;
    private final Leadership leadership;
    private final MasterProperties properties;
    private final long startedNanos = System.nanoTime();
    /** Used on the scheduler's thread only. */
    private long lastTerm = -1;
    private long lastEndedNanos;

    RoundScheduling(RoundService rounds, Leadership leadership, MasterProperties properties) {
        this.rounds = rounds;
        this.leadership = leadership;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.scheduled()) {
            Duration tick = properties.interval().dividedBy(2).compareTo(MAX_TICK) < 0 ? properties.interval().dividedBy(2) : MAX_TICK;
            registrar.addFixedDelayTask(new FixedDelayTask(this::tick, tick, tick));
        }
    }

    private void tick() {
        OptionalLong term = leadership.leadingTerm();
        long now = System.nanoTime();
        long interval = properties.interval().toNanos();
        if (term.isEmpty() || now - startedNanos < interval) {
            return;
        }
        boolean takeover = term.getAsLong() != lastTerm;
        if (!takeover && now - lastEndedNanos < interval) {
            return;
        }
        lastTerm = term.getAsLong();
        try {
            rounds.run("scheduled");
        } catch (ErrorResponseException e) {
            log.warn("Scheduled round skipped: {}", e.getBody().getDetail());
        } catch (RuntimeException e) {
            log.error("Scheduled round failed", e);
        } finally {
            lastEndedNanos = System.nanoTime();
        }
    }
}
