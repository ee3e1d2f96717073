package dev.clocksync.dashboard.watch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard reads from the services: only the fields it shows, every other field ignored, so that
 * a service may add fields without breaking the page. The same records go to the page as they came.
 */
public final class Readings {

    private Readings() {
    }

    /** {@code GET /clock} of any service. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Clock(String node, long offsetNanos, double driftPpm, long pendingSlewNanos, long hostEpochNanos) {
    }

    /** One entry of a Cristian client's {@code GET /sync/history}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sync(long sequence, String trigger, String status, Instant at, Long offsetNanos, Long roundTripNanos,
            Long errorBoundNanos, String error) {
    }

    /**
     * A master's {@code GET /rounds/latest}: the leading master's latest round, whichever master is asked. {@code term}
     * is the leader's election term (0 from a master that is not elected), {@code leader} its name.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Round(long round, long term, String leader, String trigger, Instant startedAt, long durationMillis, long toleranceNanos,
            long medianOffsetNanos, long averageOffsetNanos, long spreadBeforeNanos, Long spreadAfterNanos,
            Long spreadAfterErrorNanos, int unreachable, List<Participant> participants) {
    }

    /** One clock of a round. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Participant(String name, String role, Long offsetNanos, Long roundTripNanos, Long errorBoundNanos,
            boolean included, String reason, Long adjustmentNanos, String status, String detail,
            Long verifiedOffsetNanos, Long verifiedErrorBoundNanos) {
    }

    /** An election node's {@code GET /election}, or an elected master's. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Election(int nodeId, Integer leaderId, long term, String state, String algorithm, boolean leaderAlive,
            List<Integer> members, LastElection lastElection) {
    }

    /** The node's latest election, as it saw it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LastElection(long term, String algorithm, Integer initiator, String reason, String outcome,
            Integer leaderId, Double durationMillis, Map<String, Integer> messagesSent, List<Integer> participants) {
    }
}
