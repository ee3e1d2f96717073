package dev.clocksync.dashboard.control;

import dev.clocksync.support.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

import java.net.URI;
import java.util.Locale;

/**
 * The controls act with the cluster's token, so another web site must not be able to make a visitor's
 * browser press them (cross-site request forgery): a request that a browser marks as coming from another
 * origin ({@code Origin} other than this host, or {@code Sec-Fetch-Site: cross-site}) is refused with 403.
 * Requests without those headers (curl, scripts) are not from a browser page and pass.
 */
class SameOriginInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw crossSite("Sec-Fetch-Site: " + site);
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !sameHost(origin, request.getHeader(HttpHeaders.HOST))) {
            throw crossSite("Origin " + origin);
        }
        return true;
    }

    private static boolean sameHost(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return authority.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT))
                    || defaultPort(uri, host);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** {@code Host: example:80} against {@code Origin: http://example}. */
    private static boolean defaultPort(URI origin, String host) {
        int port = "https".equals(origin.getScheme()) ? 443 : 80;
        return origin.getPort() < 0 && (origin.getHost() + ":" + port).equalsIgnoreCase(host);
    }

    private static RuntimeException crossSite(String what) {
        return Problems.exception(HttpStatus.FORBIDDEN, "cross-site", "Cross-site request refused",
                "The dashboard's controls answer only its own page (" + what + ")");
    }
}
