package dev.clocksync.electionservice.messaging;

import dev.clocksync.electionservice.node.ElectionGroup;
import dev.clocksync.support.access.TrustedCallers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** A node takes election messages only from the other members of its group: from the addresses of their hosts. */
@Configuration(proxyBeanMethods = false)
class MessageAccess {

    @Bean
    TrustedCallers messagesFromMembers(ElectionGroup group) {
        List<String> hosts = group.members().entrySet().stream()
                .filter(peer -> peer.getKey() != group.self())
                .map(peer -> peer.getValue().getHost())
                .distinct()
                .toList();
        return new TrustedCallers("/election/messages", "the other members of this node's group (election.peers)", hosts);
    }
}
