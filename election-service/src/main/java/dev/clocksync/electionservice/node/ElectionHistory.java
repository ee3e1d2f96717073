package dev.clocksync.electionservice.node;

import dev.clocksync.election.ElectionEvent;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The most recent events of this node, newest first, at most {@code election.history-size}. */
public final class ElectionHistory {

    /**
     * @param sequence numbers events from 1, in the order they happened
     * @param at       the node's (virtual) clock when it happened, for people; elections are timed monotonically
     * @param event    what happened
     */
    public record Entry(long sequence, Instant at, ElectionEvent event) {
    }

    private final int size;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long sequence;

    ElectionHistory(int size) {
        this.size = size;
    }

    synchronized void add(ElectionEvent event, Instant at) {
        entries.addFirst(new Entry(++sequence, at, event));
        while (entries.size() > size) {
            entries.removeLast();
        }
    }

    /** @return up to {@code limit} most recent events, newest first */
    public synchronized List<Entry> recent(int limit) {
        return entries.stream().limit(limit).toList();
    }
}
