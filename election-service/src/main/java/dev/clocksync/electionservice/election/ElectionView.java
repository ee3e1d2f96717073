package dev.clocksync.electionservice.election;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.clocksync.election.ElectionSummary;
import dev.clocksync.election.MessageType;
import dev.clocksync.election.NodeState;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a node knows about the coordinator and its latest election, as {@code GET /election} shows it. */
@Schema(description = "This node's view of the coordinator and of its latest election")
public record ElectionView(
        @Schema(description = "This node's id", example = "3") int nodeId,
        @Schema(description = "The coordinator of the node's term; null while it knows none", nullable = true) Integer leaderId,
        @Schema(description = "The node's term: the number of the latest election it knows of") long term,
        @Schema(description = "What the node is doing", allowableValues = {"LEADER", "FOLLOWER", "ELECTING", "CRASHED"}) String state,
        @Schema(description = "The algorithm of the elections this node starts by itself", allowableValues = {"bully", "ring"}) String algorithm,
        @Schema(description = "Whether the node leads, or follows a coordinator it does not suspect yet") boolean leaderAlive,
        @Schema(description = "How long this node lets its coordinator be silent before it suspects it and asks the "
                + "others whether they still hear it (the pre-vote before an election), milliseconds: "
                + "election.failure-timeout on a quiet machine, up to four times that on a starved one, as the gaps "
                + "between heartbeats and between its own ticks show", example = "600")
        long suspectAfterMillis,
        @Schema(description = "Every member's id") List<Integer> members,
        @Schema(description = "The election of the node's term, as far as this node saw it; null before the first", nullable = true)
        LastElection lastElection) {

    /** The node's latest election. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "One election, as one node saw it")
    public record LastElection(
            @Schema(description = "Its term") long term,
            @Schema(description = "Its algorithm", allowableValues = {"bully", "ring"}) String algorithm,
            @Schema(description = "Who started it, if known") Integer initiator,
            @Schema(description = "Why this node started it; absent if it joined or only heard the outcome",
                    allowableValues = {"startup", "manual", "leader_failed", "recovered", "coordinator_timeout",
                            "ring_timeout", "lower_coordinator", "conflicting_coordinator", "stalled", "fenced"}) String reason,
            @Schema(description = "elected or in progress") String outcome,
            @Schema(description = "The coordinator it produced") Integer leaderId,
            @Schema(description = "From this node starting or joining it to knowing its coordinator, milliseconds; "
                    + "absent if this node only heard the outcome") Double durationMillis,
            @Schema(description = "Election messages this node sent in it, by type (heartbeats not counted)")
            Map<String, Integer> messagesSent,
            @Schema(description = "Ring: the participants, initiator first") List<Integer> participants) {

        static LastElection of(ElectionSummary election) {
            Map<String, Integer> sent = new LinkedHashMap<>();
            for (MessageType type : MessageType.values()) {
                if (type.isElectionTraffic()) {
                    sent.put(type.name(), election.messagesSent().getOrDefault(type, 0));
                }
            }
            Long duration = election.durationNanos();
            return new LastElection(election.term(), election.algorithm().label(), election.initiator(),
                    election.reason() == null ? null : election.reason().name().toLowerCase(java.util.Locale.ROOT),
                    election.leader() == null ? "in progress" : "elected", election.leader(),
                    duration == null ? null : Math.round(duration / 1_000.0) / 1_000.0, sent,
                    election.participants().isEmpty() ? null : election.participants());
        }
    }

    /** @return the view of this state */
    public static ElectionView of(NodeState state, boolean leaderAlive) {
        return new ElectionView(state.id(), state.leader(), state.term(), state.role().name(), state.algorithm().label(),
                leaderAlive, state.suspectAfterNanos() / 1_000_000, state.members(), state.lastElection() == null ? null : LastElection.of(state.lastElection()));
    }
}
