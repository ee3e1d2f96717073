package dev.clocksync.clock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A host clock that moves only when told to: for tests and deterministic simulations.
 * {@link #advance(Duration)} moves both clocks together, as real time passing does;
 * {@link #stepWall(Duration)} moves only the wall clock, as an administrator setting the date does.
 */
public final class ManualTimeSource implements TimeSource {

    private final AtomicLong wall;
    private final AtomicLong monotonic;

    public ManualTimeSource(long wallEpochNanos) {
        this.wall = new AtomicLong(wallEpochNanos);
        this.monotonic = new AtomicLong(0);
    }

    @Override
    public long wallEpochNanos() {
        return wall.get();
    }

    @Override
    public long monotonicNanos() {
        return monotonic.get();
    }

    public void advance(Duration elapsed) {
        advanceNanos(elapsed.toNanos());
    }

    public void advanceNanos(long elapsedNanos) {
        if (elapsedNanos < 0) {
            throw new IllegalArgumentException("time does not run backwards: " + elapsedNanos + " ns");
        }
        monotonic.addAndGet(elapsedNanos);
        wall.addAndGet(elapsedNanos);
    }

    public void stepWall(Duration step) {
        wall.addAndGet(step.toNanos());
    }
}
