package dev.clocksync.dashboard.control;

import dev.clocksync.support.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The controls act with the cluster's token, so no other web site may make a visitor's browser press them
 * (cross-site request forgery), nor reach them through a name of its own that resolves to this machine (DNS
 * rebinding). A request is refused with 403 when
 * <ul>
 *     <li>its {@code Host} is not one of {@code dashboard.allowed-hosts} (localhost by default), or</li>
 *     <li>the browser says it comes from another site or origin: {@code Sec-Fetch-Site} other than
 *     {@code same-origin} or {@code none}; where a browser sends no {@code Sec-Fetch-Site}, an {@code Origin}
 *     other than the {@code Host}.</li>
 * </ul>
 * Requests without those browser headers (curl, scripts) are not from a web page, and pass.
 */
class SameOriginInterceptor implements HandlerInterceptor {

    private final List<String> allowedHosts;

    /** @param allowedHosts host names, lower case ({@code [::1]} for IPv6), or {@code *} for any */
    SameOriginInterceptor(List<String> allowedHosts) {
        this.allowedHosts = List.copyOf(allowedHosts);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String host = request.getHeader(HttpHeaders.HOST);
        if (!allowedHosts.contains("*") && (host == null || !allowedHosts.contains(hostName(host)))) {
            throw Problems.exception(HttpStatus.FORBIDDEN, "host-not-allowed", "Host not allowed",
                    "The dashboard's controls answer only when reached as one of " + allowedHosts
                            + " (dashboard.allowed-hosts); this request came for " + host);
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            if (!site.equals("same-origin") && !site.equals("none")) {
                throw crossSite("Sec-Fetch-Site: " + site);
            }
            return true;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !sameAuthority(origin, host)) {
            throw crossSite("Origin " + origin);
        }
        return true;
    }

    /** @return the host name of a Host header, lower case, without the port: {@code [::1]:8000} is {@code [::1]} */
    static String hostName(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            return end < 0 ? name : name.substring(0, end + 1);
        }
        int colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    private static boolean sameAuthority(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            String wanted = host.trim().toLowerCase(Locale.ROOT);
            String name = uri.getHost().toLowerCase(Locale.ROOT);
            int defaultPort = "https".equals(uri.getScheme()) ? 443 : 80;
            int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
            return wanted.equals(name + ":" + port) || (port == defaultPort && wanted.equals(name));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static RuntimeException crossSite(String what) {
        return Problems.exception(HttpStatus.FORBIDDEN, "cross-site", "Cross-site request refused",
                "The dashboard's controls answer only its own page (" + what + ")");
    }
}
