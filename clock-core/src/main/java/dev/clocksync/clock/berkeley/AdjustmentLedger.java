package dev.clocksync.clock.berkeley;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A slave's rules for the adjustments masters send it: each round applied at most once, and none from a deposed
 * master. The second is fencing (Kleppmann's fencing tokens; the sequence numbers of Burrows's Chubby lock service):
 * every adjustment carries the election term of the master that sent it, and the slave remembers the highest term it
 * has accepted. A master of a lower term has been deposed, whether it knows yet or not (frozen, then resumed; cut
 * off, then healed), and is refused. Bully and Ring can leave two coordinators in one term for a moment (their
 * election then settles it in the next term), so of a term above 0 only one master is followed: the first whose
 * adjustment was applied. A single master that is not elected sends term 0, and restarted (as a new instance) is
 * still followed. The memory is the process's: a slave restarted follows whichever master comes first.
 * <p>
 * A round is named by its master instance and its number. The same round again with the same amount is a retry and
 * gets the first answer; with another amount it is refused. A master runs its rounds one after another, numbered
 * upwards, so a round older than the newest applied from its master, and not a retry of one applied, is refused as
 * well: it measured clocks that have been corrected since. That rule needs only each master's newest round, so a
 * round applied long ago (past the last {@value #REMEMBERED} remembered for retries) is not applied again, as
 * long as its master is among the {@value #REMEMBERED} last heard from.
 * Nothing here reads or moves a clock: the caller applies what {@link #admit} allows and then records it with
 * {@link #applied}, both under one lock. Not thread-safe.
 *
 * @param <V> what the caller keeps of an applied adjustment, to answer a retry with
 */
public final class AdjustmentLedger<V> {

    /** Rounds remembered for retries, and masters remembered for their newest round. */
    public static final int REMEMBERED = 1024;

    private final Map<String, Applied<V>> rounds = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Applied<V>> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final Map<String, Long> newestRound = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };
    private long highestTerm;
    private String masterOfTerm;

    /** What to do with an adjustment. */
    public sealed interface Decision<V> {
    }

    /** Apply it, then call {@link #applied}. */
    public record Apply<V>() implements Decision<V> {
    }

    /** Applied already with the same amount: answer with what was kept then, change nothing. */
    public record Replay<V>(V earlier) implements Decision<V> {
    }

    /** Applied already with another amount: refuse. */
    public record Conflict<V>(long appliedNanos) implements Decision<V> {
    }

    /**
     * Sent by a master of a term lower than one accepted (a deposed master), or by a second master of the term
     * accepted: refuse.
     *
     * @param highestTerm  the highest term accepted
     * @param masterOfTerm the master followed in it
     */
    public record Fenced<V>(long highestTerm, String masterOfTerm) implements Decision<V> {
    }

    /** Not newer than a round of the same master applied since, and not a retry of one remembered: refuse. */
    public record Superseded<V>(long newestRound) implements Decision<V> {
    }

    private record Applied<V>(long adjustmentNanos, V kept) {
    }

    /**
     * @param master the master instance that sent the adjustment ("" if it did not say)
     * @param round  its round number, positive
     * @param term   the master's election term, 0 or more
     * @return whether to apply it, and if not, why
     */
    public Decision<V> admit(String master, long round, long term, long adjustmentNanos) {
        Applied<V> earlier = rounds.get(key(master, round));
        if (earlier != null) {
            return earlier.adjustmentNanos() == adjustmentNanos ? new Replay<>(earlier.kept()) : new Conflict<>(earlier.adjustmentNanos());
        }
        if (term < highestTerm || (term == highestTerm && term > 0 && !master.equals(masterOfTerm))) {
            return new Fenced<>(highestTerm, masterOfTerm);
        }
        Long newest = newestRound.get(master);
        if (newest != null && round <= newest) {
            return new Superseded<>(newest);
        }
        return new Apply<>();
    }

    /** Records an adjustment {@link #admit} allowed and the caller applied; its term is accepted from now on. */
    public void applied(String master, long round, long term, long adjustmentNanos, V kept) {
        rounds.put(key(master, round), new Applied<>(adjustmentNanos, kept));
        newestRound.merge(master, round, Math::max);
        if (term > highestTerm || masterOfTerm == null) {
            highestTerm = term;
            masterOfTerm = master;
        }
    }

    /** @return the highest term of an applied adjustment, 0 before any */
    public long highestTerm() {
        return highestTerm;
    }

    private static String key(String master, long round) {
        return master + "#" + round;
    }
}
