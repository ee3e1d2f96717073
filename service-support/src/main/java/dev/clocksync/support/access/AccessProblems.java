package dev.clocksync.support.access;

import dev.clocksync.support.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The problem documents of access control, answered by the shared advice like every other error. */
final class AccessProblems {

    private AccessProblems() {
    }

    /** 401 with {@code WWW-Authenticate: Bearer}: no bearer token at all. */
    static ErrorResponseException missingToken() {
        ErrorResponseException problem = Problems.exception(HttpStatus.UNAUTHORIZED, "missing-token", "Token required",
                "This request changes the node's state and must carry the cluster's token: "
                        + "Authorization: Bearer <cluster.token>.");
        problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return problem;
    }

    /** 403: a bearer token, but not the cluster's. */
    static ErrorResponseException wrongToken() {
        return Problems.exception(HttpStatus.FORBIDDEN, "wrong-token", "Wrong token",
                "The bearer token is not this cluster's token.");
    }

    /** 403: the right token, from an address this request is not accepted from. */
    static ErrorResponseException untrustedCaller(String method, String path, String callers, String address) {
        return Problems.exception(HttpStatus.FORBIDDEN, "untrusted-caller", "Not from a trusted address",
                method + " " + path + " is accepted only from " + callers + "; this request came from " + address + ".");
    }
}
