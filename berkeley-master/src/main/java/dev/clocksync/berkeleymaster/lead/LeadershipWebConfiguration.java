package dev.clocksync.berkeleymaster.lead;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The rounds endpoints answer on every master ({@link LeaderForwarding}); a crashed master ({@code POST /admin/crash})
 * refuses registrations with 503, as a dead one would not answer, so that slaves see it down.
 */
@Configuration(proxyBeanMethods = false)
class LeadershipWebConfiguration implements WebMvcConfigurer {

    private final LeaderForwarding forwarding;
    private final Leadership leadership;

    LeadershipWebConfiguration(LeaderForwarding forwarding, Leadership leadership) {
        this.forwarding = forwarding;
        this.leadership = leadership;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(forwarding).addPathPatterns("/rounds", "/rounds/**");
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (leadership.crashed()) {
                    throw Leadership.crashedAnswer();
                }
                return true;
            }
        }).addPathPatterns("/slaves", "/slaves/**");
    }
}
