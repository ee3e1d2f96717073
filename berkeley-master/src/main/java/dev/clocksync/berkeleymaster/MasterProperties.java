package dev.clocksync.berkeleymaster;

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
 * How the master runs its rounds.
 *
 * @param interval         time between rounds (the seed lab's 5 s)
 * @param scheduled        whether rounds run on a schedule at all (off: only {@code POST /rounds})
 * @param samples          reads of each slave's clock per round; its offset is the mean over the quarter of them with
 *                         the least delay, the least-delay one alone for fewer than eight (1 to 16)
 * @param initialSamples   reads of a slave the master has not measured before (its first round, or its first after
 *                         being unreachable), like ntpd's {@code iburst}: the first exchanges with a freshly started
 *                         slave run its serving code cold and slowly, so more of them are needed to find one
 *                         whose two legs took as long; a long burst also warms both ends' code as it goes, which
 *                         the warm-ups at start-up, cut short on a busy machine, may not have done (1 to 256; at
 *                         least {@code samples} are taken)
 * @param tolerance        clocks further than this from the median are left out of the average (timed's GOOD_RANGE)
 * @param verify           whether each round reads the adjusted clocks once more to measure the spread after it
 * @param registrationTtl  a slave that has not registered again within this is forgotten
 * @param connectTimeout   connect timeout of every call to a slave
 * @param readTimeout      read timeout of every call to a slave: a hung slave costs a round at most this, per phase
 * @param maxSlaves        how many slaves the registry takes (1 to 10 000)
 * @param historySize      how many rounds {@code GET /rounds} keeps (1 to 10 000)
 * @param parallelism      how many slaves are read at once (1 to 1 000); 1, the default, reads them one after
 *                         another, the most accurate on a small machine, where parallel reads compete for the
 *                         CPU and lengthen each other's round trips; adjustments are always sent in parallel
 * @param warmUpReads      reads of its own clock at start-up, before it reports ready, to warm the measurement
 *                         path so that the first round is as accurate as later ones (0 to 10 000; 0: none); it stops after
 *                         5 s whatever the count
 * @param trendRounds      how many rounds each slave's offset is filtered over: the round uses the line through its
 *                         offsets of the last this many rounds (chrony's regression across samples), held within the
 *                         range of this round's quickest reading (1 to 256; 1: each round on its own)
 */
@ConfigurationProperties("berkeley")
@Validated
public record MasterProperties(
        @NotNull @DurationMin(millis = 100) @DurationMax(days = 1) @DefaultValue("5s") Duration interval,
        @DefaultValue("true") boolean scheduled,
        @Min(1) @Max(16) @DefaultValue("4") int samples,
        @Min(1) @Max(256) @DefaultValue("256") int initialSamples,
        @NotNull @DurationMin(nanos = 0) @DurationMax(days = 3650) @DefaultValue("10s") Duration tolerance,
        @DefaultValue("true") boolean verify,
        @NotNull @DurationMin(millis = 100) @DurationMax(days = 1) @DefaultValue("20s") Duration registrationTtl,
        @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 1) @DefaultValue("300ms") Duration connectTimeout,
        @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 1) @DefaultValue("1s") Duration readTimeout,
        @Min(1) @Max(10_000) @DefaultValue("1000") int maxSlaves,
        @Min(1) @Max(10_000) @DefaultValue("100") int historySize,
        @Min(1) @Max(1_000) @DefaultValue("1") int parallelism,
        @Min(0) @Max(10_000) @DefaultValue("5000") int warmUpReads,
        @Min(1) @Max(256) @DefaultValue("32") int trendRounds) {

    /**
     * @return the most calls a round makes to one slave: its first burst ({@code initialSamples}), or a burst
     *         and a second one if the first was slow, and one read to verify
     */
    public int maxReadsPerSlave() {
        return Math.max(initialSamples, 2 * samples) + 1;
    }
}
