package dev.clocksync.timeserver.ratelimit;

import dev.clocksync.support.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 429 with {@code Retry-After}: HTTP's counterpart of NTP's Kiss-o'-Death RATE. */
class RateLimitedException extends ErrorResponseException {

    RateLimitedException(long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(retryAfterSeconds), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }

    private static ProblemDetail problem(long retryAfterSeconds) {
        ProblemDetail problem = Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Rate limited",
                "This client polls faster than the server allows; poll less often and retry after "
                        + retryAfterSeconds + " s.");
        problem.setProperty("retryAfterSeconds", retryAfterSeconds);
        return problem;
    }
}
