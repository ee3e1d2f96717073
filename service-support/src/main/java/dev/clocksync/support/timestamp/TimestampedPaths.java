package dev.clocksync.support.timestamp;

import java.util.List;

/**
 * Paths whose answers carry clock timestamps: each gets the {@link ReceiveTimestampFilter} (t1), and its
 * handler sends a {@link TimestampedAnswer}. Every service has {@code /clock}; a service declares more with a
 * bean of this type.
 *
 * @param patterns servlet URL patterns, which are also Spring MVC path patterns (e.g. {@code /time})
 */
public record TimestampedPaths(List<String> patterns) {

    public TimestampedPaths {
        patterns = List.copyOf(patterns);
    }

    public static TimestampedPaths of(String... patterns) {
        return new TimestampedPaths(List.of(patterns));
    }
}
