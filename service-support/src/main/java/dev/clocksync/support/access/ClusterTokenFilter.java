package dev.clocksync.support.access;

import dev.clocksync.support.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Lets a request that may change the node's state (any method but GET, HEAD, OPTIONS and TRACE) through
 * only if it carries the cluster's token as {@code Authorization: Bearer <token>}: without one it is
 * answered 401 with {@code WWW-Authenticate: Bearer}, with another one 403. Reads pass untouched. The
 * token is compared in constant time ({@link MessageDigest#isEqual}, which takes as long for any token
 * of the same length as the one presented). The answers are problem documents from the shared advice,
 * through the MVC exception resolvers, like any error a controller raises.
 */
class ClusterTokenFilter extends OncePerRequestFilter {

    static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final String BEARER = "Bearer ";

    private final byte[] token;
    private final HandlerExceptionResolver resolver;

    ClusterTokenFilter(String token, HandlerExceptionResolver resolver) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.resolver = resolver;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (READS.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.substring(BEARER.length()).isBlank()) {
            Problems.answer(request, response, resolver, AccessProblems.missingToken());
            return;
        }
        byte[] presented = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(presented, token)) {
            Problems.answer(request, response, resolver, AccessProblems.wrongToken());
            return;
        }
        chain.doFilter(request, response);
    }
}
