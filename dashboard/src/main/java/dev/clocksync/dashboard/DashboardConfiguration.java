package dev.clocksync.dashboard;

import dev.clocksync.support.access.ClusterProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.InstantSource;

/**
 * The dashboard has no virtual clock and no access filter of its own (both auto-configurations are
 * excluded in application.properties): its pages and reads are open, its controls are guarded by
 * {@code dev.clocksync.dashboard.control}. It does hold the cluster's token, for the calls its controls make.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterProperties.class)
class DashboardConfiguration {

    /** The host clock: when readings were taken, for the chart's time axis. */
    @Bean
    InstantSource hostClock() {
        return InstantSource.system();
    }
}
