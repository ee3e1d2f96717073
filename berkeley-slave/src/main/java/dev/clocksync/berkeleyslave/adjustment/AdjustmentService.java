package dev.clocksync.berkeleyslave.adjustment;

import dev.clocksync.berkeleyslave.SlaveProperties;
import dev.clocksync.clock.ClockAdjustment;
import dev.clocksync.clock.VirtualClock;
import dev.clocksync.support.clock.ClockView;
import dev.clocksync.support.clock.NodeProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Applies the master's adjustments, each round at most once. A retried request (same master and
 * round, same adjustment) gets the first answer again; the same round with another adjustment is a
 * conflict. The last {@value #REMEMBERED} rounds are remembered.
 */
@Slf4j
@Service
class AdjustmentService {

    static final int REMEMBERED = 1024;

    private final VirtualClock clock;
    private final NodeProperties node;
    private final long maxAdjustmentNanos;
    private final Map<String, AdjustmentView> applied = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AdjustmentView> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final Counter appliedCount;
    private final Counter replayedCount;
    private final Counter refusedCount;
    private volatile long lastAdjustmentNanos;

    AdjustmentService(VirtualClock clock, NodeProperties node, SlaveProperties properties, MeterRegistry registry) {
        this.clock = clock;
        this.node = node;
        this.maxAdjustmentNanos = properties.maxAdjustment().toNanos();
        this.appliedCount = Counter.builder("berkeley.adjustments").tag("outcome", "applied")
                .description("Adjustments received from the master, by outcome").register(registry);
        this.replayedCount = Counter.builder("berkeley.adjustments").tag("outcome", "replayed")
                .description("Adjustments received from the master, by outcome").register(registry);
        this.refusedCount = Counter.builder("berkeley.adjustments").tag("outcome", "refused")
                .description("Adjustments received from the master, by outcome").register(registry);
        TimeGauge.builder("berkeley.last.adjustment", this, TimeUnit.NANOSECONDS, s -> s.lastAdjustmentNanos)
                .description("The last adjustment applied").register(registry);
    }

    synchronized AdjustmentView apply(AdjustmentRequest request) {
        AdjustmentView earlier = applied.get(request.key());
        if (earlier != null) {
            if (earlier.adjustmentNanos() != request.adjustmentNanos()) {
                refusedCount.increment();
                throw AdjustmentRefusals.conflict(request.key(), earlier.adjustmentNanos(), request.adjustmentNanos());
            }
            replayedCount.increment();
            return earlier.replay(ClockView.of(node.name(), clock.read()));
        }
        long adjustment = request.adjustmentNanos();
        if (adjustment > maxAdjustmentNanos || adjustment < -maxAdjustmentNanos) {
            refusedCount.increment();
            throw AdjustmentRefusals.tooLarge(adjustment, maxAdjustmentNanos);
        }
        ClockAdjustment done;
        try {
            done = clock.adjust(adjustment);
        } catch (IllegalArgumentException outOfRange) {
            refusedCount.increment();
            throw AdjustmentRefusals.outOfRange(adjustment);
        }
        AdjustmentView view = new AdjustmentView(request.round(), request.master(), adjustment, false,
                done.steppedNanos(), done.pendingSlewNanos(), ClockView.of(node.name(), done.after()));
        applied.put(request.key(), view);
        appliedCount.increment();
        lastAdjustmentNanos = adjustment;
        log.info("round {}: adjusted by {} ns ({} stepped, {} to slew)", request.key(), adjustment, done.steppedNanos(), done.pendingSlewNanos());
        return view;
    }
}
