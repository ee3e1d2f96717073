package dev.clocksync.electionnode.messaging;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;

/** 400: a well-formed message that makes no sense here (unknown node, not addressed to this node, ...). */
class InvalidMessageException extends ErrorResponseException {

    InvalidMessageException(String detail) {
        super(HttpStatus.BAD_REQUEST, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(URI.create("urn:clocksync:problem:invalid-message"));
        problem.setTitle("Invalid message");
        return problem;
    }
}
