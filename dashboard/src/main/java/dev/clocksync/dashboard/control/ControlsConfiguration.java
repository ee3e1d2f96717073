package dev.clocksync.dashboard.control;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The controls answer the dashboard's own page only. */
@Configuration(proxyBeanMethods = false)
class ControlsConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new SameOriginInterceptor()).addPathPatterns("/api/actions/**");
    }
}
