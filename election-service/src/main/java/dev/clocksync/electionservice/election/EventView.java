package dev.clocksync.electionservice.election;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.clocksync.election.ElectionEvent;
import dev.clocksync.electionservice.node.ElectionHistory;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Locale;

/** One event of a node's history, as {@code GET /election/history} lists it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Something that happened to this node")
record EventView(
        @Schema(description = "Numbers this node's events from 1") long sequence,
        @Schema(description = "The node's clock when it happened") Instant at,
        @Schema(description = "What happened", allowableValues = {"election_started", "election_joined", "leader_elected",
                "leader_suspected", "coordinator_rejected", "fenced", "crashed", "recovered"}) String event,
        @Schema(description = "The node's term afterwards") long term,
        @Schema(description = "leader_elected: the coordinator; leader_suspected: the silent one; coordinator_rejected: "
                + "the claimant not believed; otherwise the coordinator believed afterwards") Integer leaderId,
        @Schema(description = "election_started: why") String reason,
        @Schema(description = "The algorithm of the node's election in that term") String algorithm,
        @Schema(description = "Who started that election, if known") Integer initiator,
        @Schema(description = "leader_elected: from this node starting or joining the election to knowing its "
                + "coordinator, milliseconds") Double durationMillis) {

    static EventView of(ElectionHistory.Entry entry) {
        ElectionEvent event = entry.event();
        boolean elected = event.kind() == ElectionEvent.Kind.LEADER_ELECTED;
        Long duration = elected && event.election() != null ? event.election().durationNanos() : null;
        return new EventView(entry.sequence(), entry.at(), event.kind().name().toLowerCase(Locale.ROOT), event.term(),
                event.leader(), event.reason() == null ? null : event.reason().name().toLowerCase(Locale.ROOT),
                event.election() == null ? null : event.election().algorithm().label(),
                event.election() == null ? null : event.election().initiator(),
                duration == null ? null : Math.round(duration / 1_000.0) / 1_000.0);
    }
}
