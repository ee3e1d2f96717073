package dev.clocksync.clock.ntp;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class NtpTimestampTests {

    private static final long S = 1_000_000_000L;
    private static final long NOW = 1_795_688_130_123_456_789L;

    private static long epochNanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * S + i.getNano();
    }

    @Test
    void theUnixEpochIsSecond2208988800() {
        long timestamp = NtpTimestamp.fromEpochNanos(0);

        assertThat(NtpTimestamp.seconds(timestamp)).isEqualTo(2_208_988_800L);
        assertThat(NtpTimestamp.fraction(timestamp)).isZero();
        assertThat(NtpTimestamp.toEpochNanos(timestamp, NOW)).isZero();
    }

    @Test
    void halfASecondIsHalfTheFraction() {
        long timestamp = NtpTimestamp.fromEpochNanos(500_000_000L);

        assertThat(NtpTimestamp.fraction(timestamp)).isEqualTo(0x8000_0000L);
    }

    @Test
    void aKnownTimestamp() {
        // 2026-11-26T10:15:30.123456789Z: NTP seconds 1795688130 + 2208988800 = 4004676930 = 0xEEB1_9D42
        long timestamp = NtpTimestamp.fromEpochNanos(epochNanos("2026-11-26T10:15:30.123456789Z"));

        assertThat(NtpTimestamp.seconds(timestamp)).isEqualTo(4_004_676_930L);
        assertThat(NtpTimestamp.fraction(timestamp)).isEqualTo(Math.round(0.123456789 * 4_294_967_296.0));
    }

    @Test
    void theFractionRoundsToNearestAndCarriesIntoTheSeconds() {
        long justBelowASecond = NtpTimestamp.fromEpochNanos(S - 1);

        assertThat(NtpTimestamp.fraction(justBelowASecond)).isEqualTo(0xFFFF_FFFCL);
        long carried = NtpTimestamp.fromEpochNanos(5 * S - 0);
        assertThat(NtpTimestamp.fraction(carried)).isZero();
        assertThat(NtpTimestamp.seconds(carried)).isEqualTo(2_208_988_805L);
    }

    @Test
    void era0EndsIn2036AndEra1StartsAtZero() {
        long endOfEra0 = epochNanos("2036-02-07T06:28:15Z");
        long startOfEra1 = epochNanos("2036-02-07T06:28:16Z");

        assertThat(NtpTimestamp.seconds(NtpTimestamp.fromEpochNanos(endOfEra0))).isEqualTo(0xFFFF_FFFFL);
        assertThat(NtpTimestamp.seconds(NtpTimestamp.fromEpochNanos(startOfEra1))).isZero();
        assertThat(NtpTimestamp.toEpochNanos(NtpTimestamp.fromEpochNanos(startOfEra1), endOfEra0)).isEqualTo(startOfEra1);
        assertThat(NtpTimestamp.toEpochNanos(NtpTimestamp.fromEpochNanos(endOfEra0), startOfEra1)).isEqualTo(endOfEra0);
    }

    @Test
    void thePivotPicksTheEraWithin68Years() {
        long in2080 = epochNanos("2080-01-01T00:00:00Z");
        long in2100 = epochNanos("2100-01-01T00:00:00Z");
        long in1980 = epochNanos("1980-01-01T00:00:00Z");

        assertThat(NtpTimestamp.toEpochNanos(NtpTimestamp.fromEpochNanos(in2080), NOW)).as("era 1").isEqualTo(in2080);
        assertThat(NtpTimestamp.toEpochNanos(NtpTimestamp.fromEpochNanos(in1980), NOW)).isEqualTo(in1980);
        assertThat(NtpTimestamp.toEpochNanos(NtpTimestamp.fromEpochNanos(in2100), in1980))
                .as("120 years away from the pivot: the era nearer the pivot wins").isEqualTo(in2100 - (1L << 32) * S);
    }

    @Test
    void roundTripsWithinHalfANanosecondEverywhereNearThePivot() {
        Random random = new Random(17);
        for (int i = 0; i < 200_000; i++) {
            long pivot = epochNanos("1990-01-01T00:00:00Z") + (long) (random.nextDouble() * 100 * 365.25 * 86_400 * S);
            long time = pivot + (long) ((random.nextDouble() - 0.5) * 2 * 60 * 365.25 * 86_400 * S);

            long decoded = NtpTimestamp.toEpochNanos(NtpTimestamp.fromEpochNanos(time), pivot);

            assertThat(decoded).as("time %d pivot %d", time, pivot).isEqualTo(time);
        }
    }

    @Test
    void shortFormatIsSixteenDotSixteenRoundedUp() {
        assertThat(NtpTimestamp.shortFormat(S)).isEqualTo(0x0001_0000);
        assertThat(NtpTimestamp.shortFormat(S / 2)).isEqualTo(0x0000_8000);
        assertThat(NtpTimestamp.shortFormat(1)).isEqualTo(1);
        assertThat(NtpTimestamp.shortFormat(0)).isZero();
        assertThat(NtpTimestamp.shortFormat(-5)).isZero();
        assertThat(Integer.toUnsignedLong(NtpTimestamp.shortFormat(Long.MAX_VALUE))).isEqualTo(0xFFFF_0000L);
        assertThat(NtpTimestamp.shortFormatToNanos(0x0001_8000)).isEqualTo(1_500_000_000L);
    }
}
