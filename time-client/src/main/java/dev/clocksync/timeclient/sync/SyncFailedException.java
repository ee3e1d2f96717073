package dev.clocksync.timeclient.sync;

import dev.clocksync.support.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.time.Duration;

/** A sync that could not be done: the answer to {@code POST /sync} when the server cannot be used. */
class SyncFailedException extends ErrorResponseException {

    private SyncFailedException(HttpStatus status, String type, String title, String detail, SyncView attempt) {
        super(status, problem(status, type, title, detail, attempt), null);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail, SyncView attempt) {
        ProblemDetail problem = Problems.problem(status, type, title, detail);
        problem.setProperty("sequence", attempt.sequence());
        problem.setProperty("nextSyncInMillis", attempt.nextSyncInMillis());
        return problem;
    }

    static SyncFailedException unavailable(SyncView attempt) {
        return new SyncFailedException(HttpStatus.SERVICE_UNAVAILABLE, "time-server-unavailable",
                "Time server unavailable", attempt.error() + "; the clock was left alone", attempt);
    }

    static SyncFailedException rateLimited(SyncView attempt, Duration retryAfter) {
        SyncFailedException e = new SyncFailedException(HttpStatus.SERVICE_UNAVAILABLE, "time-server-rate-limited",
                "Rate-limited by the time server", attempt.error() + "; the clock was left alone", attempt);
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        return e;
    }

    static SyncFailedException implausible(SyncView attempt) {
        return new SyncFailedException(HttpStatus.BAD_GATEWAY, "implausible-offset",
                "Implausible offset", attempt.error(), attempt);
    }

    static ErrorResponseException busy() {
        return Problems.exception(HttpStatus.CONFLICT, "sync-in-progress", "Sync in progress",
                "Another sync is still running; try again when it has finished.");
    }
}
