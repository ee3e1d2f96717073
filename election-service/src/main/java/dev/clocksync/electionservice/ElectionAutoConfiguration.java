package dev.clocksync.electionservice;

import dev.clocksync.electionservice.node.ElectionGroup;
import dev.clocksync.electionservice.node.ElectionProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

/**
 * Everything a service needs to elect a coordinator over HTTP with its peers: the {@code election.*} properties, the
 * state machine's driver, the transport, {@code GET/POST /election}, {@code /election/history}, {@code /election/messages},
 * {@code /admin/crash} and {@code /admin/recover}, health and metrics. The election nodes are this and nothing
 * else; a Berkeley master uses it to elect the master that runs the rounds. Without {@code election.peers} the group
 * is the service's choice: the application may declare its own {@link ElectionGroup}; by default there is none and
 * the service is not elected (the election endpoints answer 404).
 */
@AutoConfiguration
@EnableConfigurationProperties(ElectionProperties.class)
@ComponentScan(basePackages = {"dev.clocksync.electionservice.node", "dev.clocksync.electionservice.messaging",
        "dev.clocksync.electionservice.election", "dev.clocksync.electionservice.admin"})
public class ElectionAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ElectionGroup electionGroup(ElectionProperties properties) {
        return ElectionGroup.configured(properties);
    }
}
