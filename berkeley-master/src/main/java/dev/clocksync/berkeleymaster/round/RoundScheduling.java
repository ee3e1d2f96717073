package dev.clocksync.berkeleymaster.round;

import lombok.extern.slf4j.Slf4j;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.ErrorResponseException;

/** A round every {@code berkeley.interval}, the first one interval after start-up so that slaves can register. */
@Slf4j
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "berkeley.scheduled", matchIfMissing = true)
class RoundScheduling {

    private final RoundService rounds;

    RoundScheduling(RoundService rounds) {
        this.rounds = rounds;
    }

    @Scheduled(fixedDelayString = "${berkeley.interval:5s}", initialDelayString = "${berkeley.interval:5s}")
    void scheduledRound() {
        try {
            rounds.run("scheduled");
        } catch (ErrorResponseException e) {
            log.warn("Scheduled round skipped: {}", e.getBody().getDetail());
        } catch (RuntimeException e) {
            log.error("Scheduled round failed", e);
        }
    }
}
