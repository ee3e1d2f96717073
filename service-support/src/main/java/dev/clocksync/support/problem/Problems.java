package dev.clocksync.support.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.net.URI;

/**
 * The project's own problem documents (RFC 9457): a status, a type under {@value #TYPE_PREFIX}
 * that names the problem, a title and a detail. Thrown as {@link ErrorResponseException}s, they are
 * answered by the shared advice as {@code application/problem+json}.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:clocksync:problem:";

    private Problems() {
    }

    /** @return a problem document; {@code type} is the part after {@value #TYPE_PREFIX}, e.g. {@code rate-limited} */
    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return problem;
    }

    /** @return an exception the shared advice answers with that problem */
    public static ErrorResponseException exception(HttpStatus status, String type, String title, String detail) {
        return new ErrorResponseException(status, problem(status, type, title, detail), null);
    }

    /**
     * Answers a problem from a servlet filter, before any controller: through the MVC exception resolvers
     * (the shared advice), like an error a controller raises; if none takes it, with its status and headers.
     */
    public static void answer(HttpServletRequest request, HttpServletResponse response, HandlerExceptionResolver resolver,
            ErrorResponseException problem) throws IOException {
        if (resolver.resolveException(request, response, null, problem) == null) {
            problem.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            response.sendError(problem.getStatusCode().value());
        }
    }
}
