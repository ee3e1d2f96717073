package dev.clocksync.berkeleymaster.registry;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;

class RegistryFullException extends ErrorResponseException {

    RegistryFullException(int maxSlaves) {
        super(HttpStatus.CONFLICT, problem(maxSlaves), null);
    }

    private static ProblemDetail problem(int maxSlaves) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The registry holds its maximum of " + maxSlaves + " slaves (berkeley.max-slaves); remove one first.");
        problem.setType(URI.create("urn:clocksync:problem:registry-full"));
        problem.setTitle("Registry full");
        return problem;
    }
}
