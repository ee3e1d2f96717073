package dev.clocksync.electionservice.messaging;

import dev.clocksync.support.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** 400: a well-formed message that makes no sense here (unknown node, not addressed to this node, ...). */
class InvalidMessageException extends ErrorResponseException {

    InvalidMessageException(String detail) {
        super(HttpStatus.BAD_REQUEST, Problems.problem(HttpStatus.BAD_REQUEST, "invalid-message", "Invalid message", detail), null);
    }
}
