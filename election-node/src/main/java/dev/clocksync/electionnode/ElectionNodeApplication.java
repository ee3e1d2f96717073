package dev.clocksync.electionnode;

import dev.clocksync.electionservice.node.ElectionGroup;
import dev.clocksync.electionservice.node.ElectionProperties;
import dev.clocksync.support.launch.ServiceApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** An election node is the election library alone; with no {@code election.peers} it is one of the five local nodes. */
@SpringBootApplication
@ConfigurationPropertiesScan
@OpenAPIDefinition(info = @Info(title = "election-node", version = "v1",
        description = "A node of a group that elects a coordinator, by the Bully or the Ring algorithm, over HTTP. "
                + "The coordinator sends heartbeats; a follower that hears none for the failure timeout holds an "
                + "election. Every election has a term; a node believes at most one coordinator per term. "
                + "POST /admin/crash makes the node behave as dead until POST /admin/recover."))
public class ElectionNodeApplication {

    public static void main(String[] args) {
        ServiceApplication.run(ElectionNodeApplication.class, args);
    }

    @Bean
    ElectionGroup electionGroup(ElectionProperties properties) {
        return ElectionGroup.configuredOr(properties, ElectionGroup.LOCAL_FIVE);
    }
}
