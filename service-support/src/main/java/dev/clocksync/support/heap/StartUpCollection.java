package dev.clocksync.support.heap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Collects the whole heap once, when the service is ready (its warm-ups done, before its readiness
 * probe answers), so that the old generation holds what the service keeps rather than what its start-up
 * left there.
 * <p>
 * A start-up promotes garbage: an election node's old generation had grown to 23 MB by the time the
 * cluster was healthy, of which 16 MB were live. The serial collector gives an old generation's free
 * pages back to the operating system only after a full collection, and only as far as
 * {@code -XX:MaxHeapFreeRatio} allows; {@code config/jvm.options} sets that ratio and turns off the
 * collector's habit of shrinking a generation a little more at each collection
 * ({@code -XX:-ShrinkHeapInSteps}), so that this one collection hands the rest back at once. What the service
 * promotes later is trimmed by {@link HeapTrim}.
 * <p>
 * It pays most where a service starts on its own (the Berkeley master after {@code bench/berkeley}: 125 MB
 * against 137). Where fourteen services start at once on two cores it takes 0.5–1.4 s, before the
 * readiness probe answers, and gives back little: most of the old generation is still live then
 * (docs/benchmarks.md, the sixth round of 2026-11-27).
 * <p>
 * {@code -XX:+DisableExplicitGC} turns it off.
 */
public class StartUpCollection implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartUpCollection.class);

    private final Runnable collector;
    private final LongSupplier committedHeap;
    private final LongSupplier collections;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile boolean collected;

    StartUpCollection() {
        this(System::gc, JvmHeap::committed, JvmHeap::collections);
    }

    /**
     * @param collector     collects the heap
     * @param committedHeap the bytes of heap committed now
     * @param collections   how many collections the JVM has made so far
     */
    StartUpCollection(Runnable collector, LongSupplier committedHeap, LongSupplier collections) {
        this.collector = collector;
        this.committedHeap = committedHeap;
        this.collections = collections;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        long before = committedHeap.getAsLong();
        long collectionsBefore = collections.getAsLong();
        long start = System.nanoTime();
        collector.run();
        long took = System.nanoTime() - start;
        if (collections.getAsLong() == collectionsBefore) {
            log.info("Heap not collected after start-up: the JVM ignores explicit collections (-XX:+DisableExplicitGC)");
            return;
        }
        collected = true;
        long after = committedHeap.getAsLong();
        log.info("Heap collected after start-up in {} ms: {} KB committed before, {} KB after",
                took / 1_000_000, before / 1024, after / 1024);
    }

    /** @return whether the heap has been collected (false before the service is ready, or if the JVM ignored the call) */
    public boolean collected() {
        return collected;
    }
}
