package dev.clocksync.timeserver.ratelimit;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;

/** 429 with {@code Retry-After}: HTTP's counterpart of NTP's Kiss-o'-Death RATE. */
class RateLimitedException extends ErrorResponseException {

    static final URI TYPE = URI.create("urn:clocksync:problem:rate-limited");

    RateLimitedException(long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(retryAfterSeconds), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }

    private static ProblemDetail problem(long retryAfterSeconds) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "This client polls faster than the server allows; poll less often and retry after "
                        + retryAfterSeconds + " s.");
        problem.setType(TYPE);
        problem.setTitle("Rate limited");
        problem.setProperty("retryAfterSeconds", retryAfterSeconds);
        return problem;
    }
}
