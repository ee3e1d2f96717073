package dev.clocksync.clock.berkeley;

import dev.clocksync.clock.berkeley.AdjustmentLedger.Apply;
import dev.clocksync.clock.berkeley.AdjustmentLedger.Conflict;
import dev.clocksync.clock.berkeley.AdjustmentLedger.Decision;
import dev.clocksync.clock.berkeley.AdjustmentLedger.Fenced;
import dev.clocksync.clock.berkeley.AdjustmentLedger.Replay;
import dev.clocksync.clock.berkeley.AdjustmentLedger.Superseded;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AdjustmentLedgerTests {

    private final AdjustmentLedger<String> ledger = new AdjustmentLedger<>();

    @Test
    void aNewRoundIsAppliedAndItsRetryAnsweredAsBefore() {
        assertThat(ledger.admit("a", 1, 0, 500)).isInstanceOf(Apply.class);
        ledger.applied("a", 1, 0, 500, "first answer");

        assertThat(ledger.admit("a", 1, 0, 500)).isEqualTo(new Replay<>("first answer"));
        assertThat(ledger.admit("a", 1, 0, 700)).as("the same round, another amount").isEqualTo(new Conflict<>(500));
        assertThat(ledger.admit("a", 2, 0, 700)).isInstanceOf(Apply.class);
    }

    @Test
    void aMasterOfALowerTermIsFencedOff() {
        ledger.applied("old", 7, 3, 100, "x");
        ledger.applied("new", 1, 4, 200, "y");
        assertThat(ledger.highestTerm()).isEqualTo(4);

        assertThat(ledger.admit("old", 8, 3, 100)).as("the deposed master's next round").isEqualTo(new Fenced<>(4, "new"));
        assertThat(ledger.admit("old", 7, 3, 100)).as("a retry of what it applied changes nothing")
                .isEqualTo(new Replay<>("x"));
        assertThat(ledger.admit("new", 2, 4, 300)).isInstanceOf(Apply.class);
        assertThat(ledger.admit("newer", 1, 5, 300)).isInstanceOf(Apply.class);
    }

    @Test
    void ofATermAboveZeroOnlyTheFirstMasterIsFollowed() {
        ledger.applied("first", 1, 6, 100, "x");
        assertThat(ledger.admit("second", 1, 6, 100)).as("a second coordinator of the term")
                .isEqualTo(new Fenced<>(6, "first"));
        assertThat(ledger.admit("first", 2, 6, 100)).isInstanceOf(Apply.class);
        assertThat(ledger.admit("second", 1, 7, 100)).as("the next term settles it").isInstanceOf(Apply.class);
    }

    @Test
    void mastersThatAreNotElectedAreAllFollowed() {
        ledger.applied("before-restart", 40, 0, 100, "x");
        assertThat(ledger.admit("after-restart", 1, 0, 100)).isInstanceOf(Apply.class);
        ledger.applied("after-restart", 1, 0, 100, "y");
        assertThat(ledger.admit("before-restart", 41, 0, 100)).isInstanceOf(Apply.class);
    }

    @Test
    void aRefusedOrUnappliedAdjustmentRaisesNoTerm() {
        assertThat(ledger.admit("a", 1, 9, 100)).isInstanceOf(Apply.class);
        assertThat(ledger.highestTerm()).as("admitted, but not applied (the clock refused it)").isZero();
        assertThat(ledger.admit("b", 1, 2, 100)).isInstanceOf(Apply.class);
    }

    @Test
    void aRoundOlderThanOneAppliedFromTheSameMasterIsSuperseded() {
        ledger.applied("a", 5, 0, 100, "five");
        assertThat(ledger.admit("a", 4, 0, 100)).isEqualTo(new Superseded<>(5));
        assertThat(ledger.admit("b", 4, 0, 100)).as("another master's numbering").isInstanceOf(Apply.class);
    }

    @Test
    void aRoundAppliedLongAgoIsNeverAppliedAgain() {
        for (long round = 1; round <= 3 * AdjustmentLedger.REMEMBERED; round++) {
            ledger.applied("a", round, 0, round, "r" + round);
        }
        assertThat(ledger.admit("a", 1, 0, 1)).as("forgotten for retries, still older than the newest")
                .isEqualTo(new Superseded<>(3L * AdjustmentLedger.REMEMBERED));
        assertThat(ledger.admit("a", 3L * AdjustmentLedger.REMEMBERED, 0, 3L * AdjustmentLedger.REMEMBERED))
                .isEqualTo(new Replay<>("r" + 3 * AdjustmentLedger.REMEMBERED));
    }

    /**
     * Masters of random terms send random rounds, retried and reordered at random: whatever the order, no round is
     * applied twice and the terms of what is applied never go down.
     */
    @Test
    void inAnyOrderNoRoundIsAppliedTwiceAndAppliedTermsNeverGoDown() {
        for (long seed = 0; seed < 2_000; seed++) {
            Random random = new Random(seed);
            AdjustmentLedger<Long> ledger = new AdjustmentLedger<>();
            List<long[]> sent = new ArrayList<>();
            Map<String, Long> amounts = new HashMap<>();
            for (int i = 0; i < 200; i++) {
                int master = random.nextInt(4);
                long round = 1 + random.nextInt(30);
                long term = master + random.nextInt(2);
                long amount = random.nextInt(5) == 0 ? random.nextInt(1_000) : master * 1_000_000L + round;
                sent.add(new long[] {master, round, term, amount});
            }
            Set<String> applied = new HashSet<>();
            long lastTerm = 0;
            Map<Long, String> masterOfTerm = new HashMap<>();
            for (long[] adjustment : sent) {
                String master = "m" + adjustment[0];
                Decision<Long> decision = ledger.admit(master, adjustment[1], adjustment[2], adjustment[3]);
                String key = master + "#" + adjustment[1];
                if (decision instanceof Apply<Long>) {
                    assertThat(applied.add(key)).as("seed %d: %s applied twice", seed, key).isTrue();
                    assertThat(adjustment[2]).as("seed %d: a term lower than one applied", seed).isGreaterThanOrEqualTo(lastTerm);
                    if (adjustment[2] > 0) {
                        assertThat(masterOfTerm.computeIfAbsent(adjustment[2], t -> master)).as("seed %d: two masters of a term", seed)
                                .isEqualTo(master);
                    }
                    lastTerm = adjustment[2];
                    amounts.put(key, adjustment[3]);
                    ledger.applied(master, adjustment[1], adjustment[2], adjustment[3], adjustment[3]);
                } else if (decision instanceof Replay<Long> replay) {
                    assertThat(replay.earlier()).isEqualTo(adjustment[3]).isEqualTo(amounts.get(key));
                } else if (decision instanceof Conflict<Long> conflict) {
                    assertThat(conflict.appliedNanos()).isEqualTo(amounts.get(key)).isNotEqualTo(adjustment[3]);
                } else if (decision instanceof Fenced<Long> fenced) {
                    assertThat(fenced.highestTerm()).isEqualTo(lastTerm).isGreaterThanOrEqualTo(adjustment[2]);
                    if (fenced.highestTerm() == adjustment[2]) {
                        assertThat(fenced.masterOfTerm()).isEqualTo(masterOfTerm.get(adjustment[2])).isNotEqualTo(master);
                    }
                } else {
                    assertThat(((Superseded<Long>) decision).newestRound()).isGreaterThan(adjustment[1]);
                }
            }
            assertThat(ledger.highestTerm()).isEqualTo(lastTerm);
        }
    }
}
