package dev.clocksync.electionnode.messaging;

import dev.clocksync.electionnode.node.ElectionDriver;
import dev.clocksync.electionnode.node.NodeUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A crashed node refuses every message with 503 before even reading it: to the sender it is as dead
 * as a process that was killed (which refuses the connection), and the sender treats both alike.
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
                if (driver.crashed()) {
                    throw NodeUnavailableException.crashed();
                }
                return true;
            }
        }).addPathPatterns("/election/messages");
    }
}
