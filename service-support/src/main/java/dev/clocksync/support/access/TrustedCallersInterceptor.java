package dev.clocksync.support.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lombok.extern.slf4j.Slf4j;
import org.springframework.web.servlet.HandlerInterceptor;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Refuses state-changing requests for one {@link TrustedCallers} path from any other address, with 403. */
@Slf4j
class TrustedCallersInterceptor implements HandlerInterceptor {

    private final TrustedCallers trusted;

    TrustedCallersInterceptor(TrustedCallers trusted) {
        this.trusted = trusted;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (ClusterTokenFilter.READS.contains(request.getMethod()) || isTrusted(request.getRemoteAddr())) {
            return true;
        }
        throw AccessProblems.untrustedCaller(request.getMethod(), request.getRequestURI(), trusted.callers(),
                request.getRemoteAddr());
    }

    boolean isTrusted(String remoteAddress) {
        InetAddress remote;
        try {
            remote = InetAddress.getByName(remoteAddress); // a literal address: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
        for (String host : trusted.hosts()) {
            try {
                for (InetAddress address : InetAddress.getAllByName(host)) {
                    if (address.equals(remote) || address.isLoopbackAddress() && remote.isLoopbackAddress()) {
                        return true;
                    }
                }
            } catch (UnknownHostException e) {
                log.warn("cannot resolve {}, one of the hosts {} may call {} from: {}", host, trusted.callers(),
                        trusted.pathPattern(), e.getMessage());
            }
        }
        return false;
    }
}
