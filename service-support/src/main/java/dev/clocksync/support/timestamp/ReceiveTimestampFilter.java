package dev.clocksync.support.timestamp;

import dev.clocksync.clock.VirtualClock;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Takes t1, the receive timestamp, of a request for a clock reading: the node's clock when the server began
 * reading the request, from the {@link RequestStartValve}'s mark where Tomcat gave one, else now (the first
 * thing the application does with the request: this filter runs before the others). Either way the time the
 * server then spends parsing, filtering and dispatching counts as server hold (t2 − t1) rather than as
 * network delay. The handler finds t1 in the request attribute {@link #RECEIVED}.
 */
public class ReceiveTimestampFilter extends OncePerRequestFilter {

    /** The request attribute holding t1, a {@code Long} of epoch nanoseconds on the node's clock. */
    public static final String RECEIVED = "dev.clocksync.timestamp.received";

    private final VirtualClock clock;

    public ReceiveTimestampFilter(VirtualClock clock) {
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(RECEIVED, received(request));
        chain.doFilter(request, response);
    }

    /**
     * The mark is {@code System.nanoTime()}; the clock's host may have a monotonic clock of its own (a manual
     * one in tests), so what is carried over is the time elapsed since the mark, not the mark itself.
     */
    private long received(HttpServletRequest request) {
        long monotonicNow = clock.monotonicNanos();
        if (request.getAttribute(RequestStartValve.STARTED) instanceof Long started) {
            long elapsed = System.nanoTime() - started;
            if (elapsed >= 0) {
                return clock.epochNanosAt(monotonicNow - elapsed);
            }
        }
        return clock.epochNanos();
    }
}
