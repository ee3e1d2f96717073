package dev.clocksync.support.timestamp;

import dev.clocksync.clock.VirtualClock;
import dev.clocksync.support.clock.ClockAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** The receive timestamp and the early flush for {@code /clock} and every other {@link TimestampedPaths}. */
@AutoConfiguration(after = ClockAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class TimestampAutoConfiguration {

    @Bean
    TimestampedPaths clockTimestampedPaths() {
        return TimestampedPaths.of("/clock");
    }

    @Bean
    FilterRegistrationBean<ReceiveTimestampFilter> receiveTimestampFilter(VirtualClock clock, ObjectProvider<TimestampedPaths> paths) {
        FilterRegistrationBean<ReceiveTimestampFilter> registration = new FilterRegistrationBean<>(new ReceiveTimestampFilter(clock));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setUrlPatterns(patterns(paths));
        return registration;
    }

    @Bean
    WebMvcConfigurer flushTimestampedAnswers(ObjectProvider<TimestampedPaths> paths) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new FlushAnswerInterceptor()).addPathPatterns(patterns(paths));
            }
        };
    }

    private static List<String> patterns(ObjectProvider<TimestampedPaths> paths) {
        return paths.orderedStream().flatMap(p -> p.patterns().stream()).distinct().toList();
    }
}
