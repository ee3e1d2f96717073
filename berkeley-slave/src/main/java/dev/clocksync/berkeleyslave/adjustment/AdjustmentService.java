package dev.clocksync.berkeleyslave.adjustment;

import dev.clocksync.berkeleyslave.SlaveProperties;
import dev.clocksync.clock.ClockAdjustment;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.clock.berkeley.AdjustmentLedger;
import dev.clocksync.support.clock.ClockView;
import dev.clocksync.support.clock.NodeProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Service;

import java.util.concurrent.TimeUnit;

/**
 * Applies the masters' adjustments by the rules of an {@link AdjustmentLedger}: each round at most once (a retry
 * gets the first answer again, the same round with another adjustment is a conflict), none older than a round of
 * the same master applied since, and none from a master of a lower election term than one accepted (fencing).
 */
@Slf4j
@Service
class AdjustmentService {

    private final VirtualClock clock;
    private final NodeProperties node;
    private final long maxAdjustmentNanos;
    private final AdjustmentLedger<AdjustmentView> ledger = new AdjustmentLedger<>();
    private final Counter appliedCount;
    private final Counter replayedCount;
    private final Counter refusedCount;
    private final Counter fencedCount;
    private final Counter supersededCount;
    private volatile long lastAdjustmentNanos;

    AdjustmentService(VirtualClock clock, NodeProperties node, SlaveProperties properties, MeterRegistry registry) {
        this.clock = clock;
        this.node = node;
        this.maxAdjustmentNanos = properties.maxAdjustment().toNanos();
        this.appliedCount = outcome(registry, "applied");
        this.replayedCount = outcome(registry, "replayed");
        this.refusedCount = outcome(registry, "refused");
        this.fencedCount = outcome(registry, "fenced");
        this.supersededCount = outcome(registry, "superseded");
        Gauge.builder("berkeley.term.accepted", this, s -> s.acceptedTerm())
                .description("The highest election term of a master whose adjustment this slave has applied").register(registry);
        TimeGauge.builder("berkeley.last.adjustment", this, TimeUnit.NANOSECONDS, s -> s.lastAdjustmentNanos)
                .description("The last adjustment applied").register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("berkeley.adjustments").tag("outcome", outcome)
                .description("Adjustments received from the master, by outcome").register(registry);
    }

    synchronized AdjustmentView apply(AdjustmentRequest request) {
        long term = request.termOrZero();
        // What the request asks is judged before whom it comes from: too large is refused whatever the term or round.
        long adjustment = request.adjustmentNanos();
        if (adjustment > maxAdjustmentNanos || adjustment < -maxAdjustmentNanos) {
            refusedCount.increment();
            throw AdjustmentRefusals.tooLarge(adjustment, maxAdjustmentNanos);
        }

        AdjustmentLedger.Decision<AdjustmentView> decision =
                ledger.admit(request.masterOrEmpty(), request.round(), term, request.adjustmentNanos());
        if (decision instanceof AdjustmentLedger.Replay<AdjustmentView> replay) {
            replayedCount.increment();
            return replay.earlier().replay(ClockView.of(node.name(), clock.read()));
        }
        if (decision instanceof AdjustmentLedger.Conflict<AdjustmentView> conflict) {
            refusedCount.increment();
            throw AdjustmentRefusals.conflict(request.key(), conflict.appliedNanos(), request.adjustmentNanos());
        }
        if (decision instanceof AdjustmentLedger.Fenced<AdjustmentView> fenced) {
            fencedCount.increment();
            log.warn("round {}: refused term {}, term {} of master {} accepted already", request.key(), term,
                    fenced.highestTerm(), fenced.masterOfTerm());
            throw AdjustmentRefusals.fenced(term, fenced.highestTerm(), fenced.masterOfTerm());
        }
        if (decision instanceof AdjustmentLedger.Superseded<AdjustmentView> superseded) {
            supersededCount.increment();
            log.info("round {}: refused, round {} of the same master applied already", request.key(), superseded.newestRound());
            throw AdjustmentRefusals.superseded(request.key(), superseded.newestRound());
        }
        ClockAdjustment done;
        try {
            done = clock.adjust(adjustment);
        } catch (IllegalArgumentException outOfRange) {
            refusedCount.increment();
            throw AdjustmentRefusals.outOfRange(adjustment);
        }
        AdjustmentView view = new AdjustmentView(request.round(), request.master(), term, adjustment, false,
                done.steppedNanos(), done.pendingSlewNanos(), ClockView.of(node.name(), done.after()));
        ledger.applied(request.masterOrEmpty(), request.round(), term, adjustment, view);
        appliedCount.increment();
        lastAdjustmentNanos = adjustment;
        log.info("round {}: adjusted by {} ns ({} stepped, {} to slew)", request.key(), adjustment, done.steppedNanos(), done.pendingSlewNanos());
        return view;
    }

    /** @return the highest election term of an adjustment applied, 0 before any */
    synchronized long acceptedTerm() {
        return ledger.highestTerm();
    }
}
