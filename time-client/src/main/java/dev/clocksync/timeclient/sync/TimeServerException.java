package dev.clocksync.timeclient.sync;

import java.time.Duration;

/** The time server could not be used for a sample: unreachable, too slow, refusing, or answering nonsense. */
class TimeServerException extends RuntimeException {

    private final Duration retryAfter;

    private TimeServerException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    static TimeServerException unavailable(String message, Throwable cause) {
        return new TimeServerException(message, null, cause);
    }

    static TimeServerException rateLimited(Duration retryAfter) {
        return new TimeServerException("the time server rate-limited this client (retry after "
                + retryAfter.toSeconds() + " s)", retryAfter, null);
    }

    /** @return whether the server answered 429 */
    boolean isRateLimited() {
        return retryAfter != null;
    }

    /** @return how long the server asked us to wait, if it rate-limited us */
    Duration retryAfter() {
        return retryAfter;
    }
}
