package dev.clocksync.dashboard.watch;

/**
 * The latest that is known of one service: whether its last read succeeded, the value of its last good
 * read (kept while it is down, for the page to show greyed), and when.
 *
 * @param up         whether the last read answered
 * @param value      the last good answer; null if there never was one, or if the answer was "none yet" (404)
 * @param error      why the last read failed; null when it answered
 * @param answeredAt when the last good answer came, host epoch milliseconds; 0 if none ever did
 * @param checkedAt  when the last read ended, host epoch milliseconds; 0 before the first
 */
public record Probe<T>(boolean up, T value, String error, long answeredAt, long checkedAt) {

    /** Nothing read yet. */
    public static <T> Probe<T> pending() {
        return new Probe<>(false, null, "not read yet", 0, 0);
    }

    /** @return this probe after a good answer at {@code now} */
    public Probe<T> answered(T answer, long now) {
        return new Probe<>(true, answer, null, now, now);
    }

    /** @return this probe after a failed read at {@code now}: down, the last good value kept */
    public Probe<T> failed(String why, long now) {
        return new Probe<>(false, value, why, answeredAt, now);
    }

    /**
     * @return this probe as the page should take it at {@code now}: down if no read has ended for longer than
     * {@code staleMillis} (its reader is stuck, which its timeouts should prevent)
     */
    public Probe<T> at(long now, long staleMillis) {
        if (up && now - checkedAt > staleMillis) {
            return new Probe<>(false, value, "no answer for " + (now - checkedAt) + " ms", answeredAt, checkedAt);
        }
        return this;
    }
}
