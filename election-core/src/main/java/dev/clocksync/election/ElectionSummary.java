package dev.clocksync.election;

import java.util.List;
import java.util.Map;

/**
 * An election as one node saw it: the election of one term.
 *
 * @param term           the term
 * @param algorithm      the algorithm it ran (of the first election message this node saw, or its own)
 * @param initiator      who started it, if known
 * @param reason         why, if this node started it; null if it joined or only heard the outcome
 * @param startedAtNanos when this node started or joined it (monotonic); null if it only heard the outcome
 * @param leader         the coordinator it produced; null while it is under way
 * @param electedAtNanos when this node learnt the coordinator (monotonic); null while under way
 * @param messagesSent   election messages this node sent in this term, by type (heartbeats not counted)
 * @param participants   Ring: the participants that elected the coordinator; else empty
 */
public record ElectionSummary(long term, Algorithm algorithm, Integer initiator, Reason reason, Long startedAtNanos,
        Integer leader, Long electedAtNanos, Map<MessageType, Integer> messagesSent, List<Integer> participants) {

    public ElectionSummary {
        messagesSent = Map.copyOf(messagesSent);
        participants = List.copyOf(participants);
    }

    /** @return how long it took from the moment this node started or joined it, if it did, to the coordinator */
    public Long durationNanos() {
        return startedAtNanos == null || electedAtNanos == null ? null : electedAtNanos - startedAtNanos;
    }

    /** @return how many election messages this node sent in this term */
    public int totalMessagesSent() {
        return messagesSent.values().stream().mapToInt(Integer::intValue).sum();
    }
}
