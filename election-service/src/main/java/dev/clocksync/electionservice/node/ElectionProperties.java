package dev.clocksync.electionservice.node;

import dev.clocksync.election.Algorithm;
import dev.clocksync.election.ElectionSettings;
import dev.clocksync.support.http.PeerClients;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who this node is, who the other members are, and how it elects a coordinator: the same properties for an
 * election node and for a Berkeley master that is elected.
 *
 * @param nodeId             this node's id, a positive integer; ids compare as integers, the highest live one leads
 * @param peers              every member's base URL by id, this node's own included (the others reach it there;
 *                           it never calls itself), e.g. {@code --election.peers.2=http://127.0.0.1:8102} or
 *                           {@code ELECTION_PEERS_2=...}; what unset means is the service's choice ({@link ElectionGroup}):
 *                           the five local nodes 1 to 5 on ports 8101 to 8105 for an election node, no election for a master
 * @param algorithm          {@code bully} or {@code ring}: the algorithm of the elections this node starts by itself
 *                           (every node takes part in either)
 * @param heartbeatInterval  how often the coordinator sends heartbeats, and followers check they heard one
 * @param failureTimeout     how long a follower hears nothing from the coordinator before it holds an election, on a
 *                           quiet machine; at least two heartbeat intervals. A follower waits longer, up to four
 *                           times this, while heartbeats and its own ticks come late and scattered (a starved
 *                           machine), and twice this in its first seconds
 * @param answerTimeout      Bully: how long to wait for an ANSWER from a higher node before taking over
 * @param coordinatorTimeout Bully: after an ANSWER, how long to wait for the COORDINATOR before starting again;
 *                           longer than the answer timeout
 * @param ringTimeout        Ring: how long an election may take to come round and name a coordinator before
 *                           starting again
 * @param connectTimeout     how long to wait for a connection to a peer; a peer that is down on this host
 *                           refuses at once, one on a dead host costs this much
 * @param readTimeout        how long to wait for a peer's answer to a message; a hung peer costs this much
 * @param historySize        how many events {@code GET /election/history} keeps (1 to 10 000)
 */
@ConfigurationProperties("election")
@Validated
public record ElectionProperties(
        @Min(1) @DefaultValue("1") int nodeId,
        @Size(max = 1000) Map<Integer, URI> peers,
        @NotNull @DefaultValue("bully") Algorithm algorithm,
        @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 1) @DefaultValue("150ms") Duration heartbeatInterval,
        @NotNull @DurationMin(millis = 20) @DurationMax(minutes = 10) @DefaultValue("600ms") Duration failureTimeout,
        @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 1) @DefaultValue("250ms") Duration answerTimeout,
        @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 10) @DefaultValue("1s") Duration coordinatorTimeout,
        @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 10) @DefaultValue("1s") Duration ringTimeout,
        @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 1) @DefaultValue("200ms") Duration connectTimeout,
        @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 1) @DefaultValue("300ms") Duration readTimeout,
        @Min(1) @Max(10_000) @DefaultValue("100") int historySize) {

    public ElectionProperties {
        peers = peers == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(peers));
    }

    @AssertTrue(message = "election.peers must list election.node-id, with the node's own URL")
    public boolean isNodeAPeer() {
        return peers.isEmpty() || peers.containsKey(nodeId);
    }

    @AssertTrue(message = "election.peers ids must be positive integers")
    public boolean isPeerIdsPositive() {
        return peers.keySet().stream().allMatch(id -> id != null && id > 0);
    }

    @AssertTrue(message = "election.peers URLs must be absolute http or https URLs")
    public boolean isPeerUrlsHttp() {
        return peers.values().stream().allMatch(PeerClients::isHttpUrl);
    }

    @AssertTrue(message = "election.failure-timeout must be at least twice election.heartbeat-interval")
    public boolean isFailureTimeoutAtLeastTwoHeartbeats() {
        return heartbeatInterval == null || failureTimeout == null
                || failureTimeout.compareTo(heartbeatInterval.multipliedBy(2)) >= 0;
    }

    @AssertTrue(message = "election.coordinator-timeout must be longer than election.answer-timeout")
    public boolean isCoordinatorTimeoutLongerThanAnswerTimeout() {
        return answerTimeout == null || coordinatorTimeout == null || coordinatorTimeout.compareTo(answerTimeout) > 0;
    }

    /** @return the state machine's timeouts */
    public ElectionSettings toSettings() {
        return ElectionSettings.of(heartbeatInterval, failureTimeout, answerTimeout, coordinatorTimeout, ringTimeout);
    }
}
