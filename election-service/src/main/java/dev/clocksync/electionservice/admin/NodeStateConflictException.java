package dev.clocksync.electionservice.admin;

import dev.clocksync.support.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** 409: crash a crashed node, or recover one that is not crashed. */
class NodeStateConflictException extends ErrorResponseException {

    private NodeStateConflictException(String type, String title, String detail) {
        super(HttpStatus.CONFLICT, Problems.problem(HttpStatus.CONFLICT, type, title, detail), null);
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
