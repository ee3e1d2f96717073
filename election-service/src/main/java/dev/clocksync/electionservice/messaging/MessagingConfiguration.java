package dev.clocksync.electionservice.messaging;

import dev.clocksync.electionservice.node.ElectionDriver;
import dev.clocksync.electionservice.node.NodeUnavailableException;
import dev.clocksync.support.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A crashed node refuses every message with 503 before even reading it: to the sender it is as dead
 * as a process that was killed (which refuses the connection), and the sender treats both alike. A service
 * that is not elected has no election to show or take part in: its election endpoints answer 404.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration implements WebMvcConfigurer {

    private final ElectionDriver driver;

    MessagingConfiguration(ElectionDriver driver) {
        this.driver = driver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (!driver.elected()) {
                    throw Problems.exception(HttpStatus.NOT_FOUND, "not-elected", "Not elected",
                            "This service is not elected: it runs alone, with no election.peers configured.");
                }
                return true;
            }
        }).addPathPatterns("/election", "/election/**", "/admin/crash", "/admin/recover");
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (driver.crashed()) {
                    throw NodeUnavailableException.crashed();
                }
                return true;
            }
        }).addPathPatterns("/election/messages");
    }
}
