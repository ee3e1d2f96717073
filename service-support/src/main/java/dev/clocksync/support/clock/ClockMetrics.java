package dev.clocksync.support.clock;

import dev.clocksync.clock.VirtualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.concurrent.TimeUnit;

/** Publishes the clock's offset from the host clock and its pending slew as gauges. */
class ClockMetrics implements MeterBinder {

    private final VirtualClock clock;

    ClockMetrics(VirtualClock clock) {
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        TimeGauge.builder("clock.offset", clock, TimeUnit.NANOSECONDS, c -> c.read().offsetNanos())
                .description("The virtual clock minus the host clock")
                .register(registry);
        TimeGauge.builder("clock.pending.slew", clock, TimeUnit.NANOSECONDS, c -> c.read().pendingSlewNanos())
                .description("Correction not yet absorbed by slewing")
                .register(registry);
    }
}
