package dev.clocksync.clock.ntp;

/**
 * NTP's 64-bit timestamp (RFC 5905 §6): 32 bits of seconds since 1900-01-01 00:00 UTC and 32 bits of
 * fraction (one unit is 2<sup>−32</sup> s, about 0.23 ns). The seconds wrap every 2<sup>32</sup> s
 * (136 years): era 0 ends on 2036-02-07 06:28:16 UTC. Encoding keeps only the seconds modulo 2<sup>32</sup>;
 * decoding needs a pivot, a time known to be within 68 years of the encoded one, to pick the era.
 * Zero is NTP's "unknown" and never encodes a real time here.
 */
public final class NtpTimestamp {

    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    public static final long UNIX_EPOCH_NTP_SECONDS = 2_208_988_800L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long ERA_SECONDS = 1L << 32;

    private NtpTimestamp() {
    }

    /** @return the NTP timestamp of a time given in nanoseconds since the Unix epoch, fraction rounded to nearest */
    public static long fromEpochNanos(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND) + UNIX_EPOCH_NTP_SECONDS;
        long nanos = Math.floorMod(epochNanos, NANOS_PER_SECOND);
        long fraction = ((nanos << 32) + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
        if (fraction == ERA_SECONDS) {
            fraction = 0;
            seconds++;
        }
        return (Math.floorMod(seconds, ERA_SECONDS) << 32) | fraction;
    }

    /**
     * @param timestamp        an NTP timestamp
     * @param pivotEpochNanos  a time within 68 years of the encoded one (e.g. the local clock), which picks the era
     * @return the time in nanoseconds since the Unix epoch, fraction rounded to the nearest nanosecond
     */
    public static long toEpochNanos(long timestamp, long pivotEpochNanos) {
        long seconds = seconds(timestamp);
        long pivotSeconds = Math.floorDiv(pivotEpochNanos, NANOS_PER_SECOND) + UNIX_EPOCH_NTP_SECONDS;
        long era = Math.floorDiv(pivotSeconds - seconds + ERA_SECONDS / 2, ERA_SECONDS);
        long ntpSeconds = seconds + era * ERA_SECONDS;
        return (ntpSeconds - UNIX_EPOCH_NTP_SECONDS) * NANOS_PER_SECOND + fractionToNanos(fraction(timestamp));
    }

    /** @return the 32-bit seconds field, unsigned */
    public static long seconds(long timestamp) {
        return timestamp >>> 32;
    }

    /** @return the 32-bit fraction field, unsigned */
    public static long fraction(long timestamp) {
        return timestamp & 0xFFFF_FFFFL;
    }

    /** @return a fraction of a second (units of 2^-32 s) in nanoseconds, rounded to nearest */
    static long fractionToNanos(long fraction) {
        return (fraction * NANOS_PER_SECOND + (1L << 31)) >>> 32;
    }

    /** @return a duration in NTP's 32-bit short format (16 bits of seconds, 16 of fraction), rounded up, saturating */
    public static int shortFormat(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        long units = (Math.min(nanos, 65_535L * NANOS_PER_SECOND) * 65_536 + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
        return (int) Math.min(units, 0xFFFF_FFFFL);
    }

    /** @return a duration in NTP's short format, in nanoseconds */
    public static long shortFormatToNanos(int value) {
        return (Integer.toUnsignedLong(value) * NANOS_PER_SECOND) >>> 16;
    }
}
