package dev.clocksync.electionnode.messaging;

import dev.clocksync.electionnode.node.ElectionProperties;
import dev.clocksync.support.access.TrustedCallers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** A node takes election messages only from the other members of its group: from the addresses of their hosts. */
@Configuration(proxyBeanMethods = false)
class MessageAccess {

    @Bean
    TrustedCallers messagesFromMembers(ElectionProperties properties) {
        List<String> hosts = properties.peers().entrySet().stream()
                .filter(peer -> peer.getKey() != properties.nodeId())
                .map(peer -> peer.getValue().getHost())
                .distinct()
                .toList();
        return new TrustedCallers("/election/messages", "the other members of this node's group (election.peers)", hosts);
    }
}
