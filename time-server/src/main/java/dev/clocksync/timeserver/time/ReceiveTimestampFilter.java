package dev.clocksync.timeserver.time;

import dev.clocksync.clock.VirtualClock;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Takes t1, the receive timestamp, as the first thing the application does with a request for the
 * time: before the other filters, the dispatcher and the rate limiter, so that the time they take
 * counts as server hold (t2 − t1) rather than as network delay.
 */
class ReceiveTimestampFilter extends OncePerRequestFilter {

    static final String RECEIVED = "dev.clocksync.timeserver.time.received";

    private final VirtualClock clock;

    ReceiveTimestampFilter(VirtualClock clock) {
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(RECEIVED, clock.epochNanos());
        chain.doFilter(request, response);
    }
}
