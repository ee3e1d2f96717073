package dev.clocksync.support.timestamp;

import dev.clocksync.clock.VirtualClock;
import dev.clocksync.support.clock.ClockAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import java.util.List;

/** The receive timestamp (t1) of {@code /clock} and every other {@link TimestampedPaths}. */
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

    /** Tomcat's mark of when it began reading each request, for the {@link ReceiveTimestampFilter}. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestStartValve() {
        return factory -> factory.addEngineValves(new RequestStartValve());
    }

    private static List<String> patterns(ObjectProvider<TimestampedPaths> paths) {
        return paths.orderedStream().flatMap(p -> p.patterns().stream()).distinct().toList();
    }
}
