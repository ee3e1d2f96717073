package dev.clocksync.electionservice.node;

import dev.clocksync.support.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** 503: the node is crashed (fault injection) or has too many messages waiting, and takes no more. */
public class NodeUnavailableException extends ErrorResponseException {

    private NodeUnavailableException(String type, String title, String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, type, title, detail), null);
    }

    /** @return the answer of a crashed node to anything but its state and {@code POST /admin/recover} */
    public static NodeUnavailableException crashed() {
        return new NodeUnavailableException("node-crashed", "Node crashed",
                "This node is crashed (POST /admin/crash) and behaves as dead until POST /admin/recover.");
    }

    /** @return the answer of a node whose state machine has too many inputs waiting */
    public static NodeUnavailableException overloaded() {
        return new NodeUnavailableException("node-overloaded", "Node overloaded",
                "This node has too many messages waiting; try again later.");
    }
}
