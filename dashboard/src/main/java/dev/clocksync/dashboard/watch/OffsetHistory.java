package dev.clocksync.dashboard.watch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The chart's data: at each tick, every clock's offset from the host clock (null where the clock could not
 * be read), kept for a bounded number of ticks. Each row has a sequence number, so that a page that has
 * rows up to n asks only for those after n.
 */
public final class OffsetHistory {

    private final List<String> clocks;
    private final int capacity;
    private final ArrayDeque<Row> rows = new ArrayDeque<>();
    private long sequence;

    /**
     * One tick.
     *
     * @param sequence    from 1, one more each tick
     * @param at          host epoch milliseconds
     * @param offsetNanos each clock's offset, in the order of {@link #clocks()}; null where unknown
     */
    public record Row(long sequence, long at, List<Long> offsetNanos) {
    }

    /**
     * @param clocks   the clocks' names, in the order of each row's offsets
     * @param capacity how many rows to keep
     */
    public OffsetHistory(List<String> clocks, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.clocks = List.copyOf(clocks);
        this.capacity = capacity;
    }

    public List<String> clocks() {
        return clocks;
    }

    /** Adds a row, dropping the oldest beyond the capacity. */
    public synchronized Row add(long at, Long... offsetNanos) {
        if (offsetNanos.length != clocks.size()) {
            throw new IllegalArgumentException("expected " + clocks.size() + " offsets, got " + offsetNanos.length);
        }
        Row row = new Row(++sequence, at, Collections.unmodifiableList(Arrays.asList(offsetNanos.clone())));
        rows.addLast(row);
        while (rows.size() > capacity) {
            rows.removeFirst();
        }
        return row;
    }

    /**
     * The rows after a sequence number, and the newest row's number, taken together (a tick between two
     * separate calls would make them disagree).
     *
     * @param latest the newest row's sequence number, 0 before the first
     * @param rows   the rows after the sequence asked for, oldest first
     */
    public record Page(long latest, List<Row> rows) {
    }

    /** @return the rows after {@code sequence} (all that are kept if it is older than those), with the newest's number */
    public synchronized Page page(long sequence) {
        return new Page(this.sequence, after(sequence));
    }

    /** @return the rows after {@code sequence}, oldest first (all that are kept if it is older than those) */
    public synchronized List<Row> after(long sequence) {
        List<Row> newer = new ArrayList<>();
        var descending = rows.descendingIterator();
        while (descending.hasNext()) {
            Row row = descending.next();
            if (row.sequence() <= sequence) {
                break;
            }
            newer.add(row);
        }
        Collections.reverse(newer);
        return newer;
    }

    /** @return the sequence number of the newest row, 0 before the first */
    public synchronized long latest() {
        return sequence;
    }
}
