package dev.clocksync.berkeleymaster.round;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;

class RoundInProgressException extends ErrorResponseException {

    RoundInProgressException() {
        super(HttpStatus.CONFLICT, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Another round is still running; try again when it has finished.");
        problem.setType(URI.create("urn:clocksync:problem:round-in-progress"));
        problem.setTitle("Round in progress");
        return problem;
    }
}
