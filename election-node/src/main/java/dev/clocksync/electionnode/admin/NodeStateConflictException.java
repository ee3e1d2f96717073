package dev.clocksync.electionnode.admin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;

/** 409: crash a crashed node, or recover one that is not crashed. */
class NodeStateConflictException extends ErrorResponseException {

    private NodeStateConflictException(String type, String title, String detail) {
        super(HttpStatus.CONFLICT, problem(type, title, detail), null);
    }

    private static ProblemDetail problem(String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setType(URI.create("urn:clocksync:problem:" + type));
        problem.setTitle(title);
        return problem;
    }

    static NodeStateConflictException alreadyCrashed() {
        return new NodeStateConflictException("already-crashed", "Already crashed",
                "This node is crashed already; POST /admin/recover brings it back.");
    }

    static NodeStateConflictException notCrashed() {
        return new NodeStateConflictException("not-crashed", "Not crashed",
                "This node is not crashed; POST /admin/crash crashes it.");
    }
}
