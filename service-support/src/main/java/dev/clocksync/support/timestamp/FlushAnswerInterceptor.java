package dev.clocksync.support.timestamp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;

/**
 * Sends a timestamped answer as soon as it is written. Without this, the servlet container holds the
 * buffered answer until every filter has finished (request metrics among them), and that time, spent
 * after t2, would lengthen the return leg only and bias every measured offset.
 */
public class FlushAnswerInterceptor implements HandlerInterceptor {

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
            ModelAndView modelAndView) throws IOException {
        response.flushBuffer();
    }
}
