package dev.clocksync.support.timestamp;

import dev.clocksync.clock.VirtualClock;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Takes t1, the receive timestamp, as the first thing the application does with a request for a
 * clock reading: before the other filters, the dispatcher and any interceptor, so that the time they
 * take counts as server hold (t2 − t1) rather than as network delay. The handler finds it in the
 * request attribute {@link #RECEIVED}.
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
        request.setAttribute(RECEIVED, clock.epochNanos());
        chain.doFilter(request, response);
    }
}
