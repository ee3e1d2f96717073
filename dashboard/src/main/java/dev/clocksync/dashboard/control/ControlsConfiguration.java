package dev.clocksync.dashboard.control;

import dev.clocksync.dashboard.DashboardProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The controls answer the dashboard's own page only. */
@Configuration(proxyBeanMethods = false)
class ControlsConfiguration implements WebMvcConfigurer {

    private final DashboardProperties properties;

    ControlsConfiguration(DashboardProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new SameOriginInterceptor(properties.allowedHosts())).addPathPatterns("/api/actions/**");
    }
}
