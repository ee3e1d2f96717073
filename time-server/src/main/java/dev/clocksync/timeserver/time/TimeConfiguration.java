package dev.clocksync.timeserver.time;

import dev.clocksync.clock.VirtualClock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class TimeConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new FlushAnswerInterceptor()).addPathPatterns("/time");
    }

    @Bean
    FilterRegistrationBean<ReceiveTimestampFilter> receiveTimestampFilter(VirtualClock clock) {
        FilterRegistrationBean<ReceiveTimestampFilter> registration = new FilterRegistrationBean<>(new ReceiveTimestampFilter(clock));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/time");
        return registration;
    }
}
