package dev.clocksync.support.clock;

import dev.clocksync.clock.TimeSource;
import dev.clocksync.clock.VirtualClock;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import java.util.Map;

/**
 * Every service has a virtual clock ({@code clock.*}), a name ({@code node.name}) and {@code GET /clock}.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@EnableConfigurationProperties({ClockProperties.class, NodeProperties.class})
public class ClockAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TimeSource hostTimeSource() {
        return TimeSource.system();
    }

    @Bean
    @ConditionalOnMissingBean
    VirtualClock virtualClock(TimeSource host, ClockProperties properties) {
        return new VirtualClock(host, properties.toSettings());
    }

    @Bean
    ClockController clockController(VirtualClock clock, NodeProperties node) {
        return new ClockController(clock, node);
    }

    @Bean
    ClockMetrics clockMetrics(VirtualClock clock) {
        return new ClockMetrics(clock);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    ClockWarmUp clockWarmUp(ClockProperties properties, ApplicationContext context) {
        return new ClockWarmUp(properties.warmUpReads(), context);
    }

    @Bean
    InfoContributor nodeInfoContributor(NodeProperties node, ClockProperties clock) {
        return builder -> builder.withDetail("node", Map.of(
                "name", node.name(),
                "clock", Map.of(
                        "offset", clock.offset().toString(),
                        "driftPpm", clock.driftPpm(),
                        "maxSlewRatePpm", clock.maxSlewRatePpm(),
                        "stepForward", clock.stepForward())));
    }
}
