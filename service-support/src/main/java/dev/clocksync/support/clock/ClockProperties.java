package dev.clocksync.support.clock;

import dev.clocksync.clock.ClockSettings;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The node's virtual clock: the host clock plus an offset that drifts.
 *
 * @param offset         where the clock starts relative to the host clock, e.g. {@code 2500ms} or {@code -1500ms}
 * @param driftPpm       how fast the clock gains (+) or loses (-) time, in parts per million, within ±50 000
 * @param maxSlewRatePpm how fast corrections are slewed, in parts per million of elapsed time, 1 to 900 000;
 *                       the default 500 000 absorbs a one-second correction in two seconds
 * @param stepForward    whether forward corrections are stepped at once; backward ones are always slewed
 * @param warmUpReads    how many times the service reads its own {@code GET /clock} over HTTP at start-up,
 *                       before it reports ready (0 to 100 000; 0: not at all), so that the path a peer
 *                       measures it through is compiled by the JIT before anybody measures it
 */
@ConfigurationProperties("clock")
@Validated
public record ClockProperties(
        @NotNull @DurationMin(days = -3650) @DurationMax(days = 3650) @DefaultValue("0s") Duration offset,
        @DecimalMin("-50000") @DecimalMax("50000") @DefaultValue("0") double driftPpm,
        @Min(1) @Max(900_000) @DefaultValue("500000") long maxSlewRatePpm,
        @DefaultValue("true") boolean stepForward,
        @Min(0) @Max(100_000) @DefaultValue("0") int warmUpReads) {

    /** @return the clock library's settings for these properties */
    public ClockSettings toSettings() {
        return new ClockSettings(offset.toNanos(), driftPpm, maxSlewRatePpm, stepForward);
    }
}
