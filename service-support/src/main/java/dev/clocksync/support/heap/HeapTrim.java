package dev.clocksync.support.heap;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Collects the whole heap again whenever young collections have promoted {@value #GROWTH_MB} MB or more into the
 * old generation since the last full collection, at most once every {@link #INTERVAL}, so that the old
 * generation gives back what turned out to be garbage instead of keeping it until it reaches its cap.
 * <p>
 * The serial collector has no periodic collection (G1's {@code G1PeriodicGCInterval}): its old generation grows
 * at each young collection that promotes more than fits, and shrinks only after a full collection, which comes
 * when the old generation is full. Where a service's neighbours start at the same time as itself its young
 * collections promote a lot that dies soon after: an election node, while the other members come up, answers
 * hundreds of messages on connections its peers give up on after their read timeout, and its old generation
 * grew from 18 to 24 MB in the ten seconds after it was ready, of which 17 MB were live (docs/benchmarks.md,
 * the seventh round). Steady services promote a few hundred kilobytes a minute, and are collected every few
 * minutes or less.
 * <p>
 * It starts when the service is ready, and it listens to the JVM's collection notifications (no thread of its
 * own): the full collection runs on the JVM's notification thread, right after the young collection that
 * crossed the line. Each trim is logged at DEBUG, and shows in {@code jvm.gc.pause} with the cause
 * {@code System.gc()}. {@code -XX:+DisableExplicitGC} turns it off: the first trim the JVM ignores is logged
 * and ends it.
 */
public class HeapTrim implements ApplicationListener<ApplicationReadyEvent>, NotificationListener, DisposableBean {

    /** How far the committed heap may grow beyond what the last full collection left before it is trimmed. */
    static final long GROWTH_MB = 2;

    /** The shortest time between two trims: a full collection of a service's heap takes tens of milliseconds. */
    static final Duration INTERVAL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(HeapTrim.class);

    private final Runnable collector;
    private final LongSupplier committedHeap;
    private final LongSupplier nanoTime;
    private final LongSupplier collections;
    private final AtomicBoolean started = new AtomicBoolean();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private long baseline;
    private long lastTrim;
    private boolean trimmedOnce;
    private boolean ignored;
    private volatile int trims;
    private volatile long seen;

    HeapTrim() {
        this(System::gc, JvmHeap::committed, System::nanoTime, JvmHeap::collections);
    }

    /**
     * @param collector     collects the whole heap
     * @param committedHeap the bytes of heap committed now
     * @param nanoTime      the monotonic clock
     * @param collections   how many collections the JVM has made so far
     */
    HeapTrim(Runnable collector, LongSupplier committedHeap, LongSupplier nanoTime, LongSupplier collections) {
        this.collector = collector;
        this.committedHeap = committedHeap;
        this.nanoTime = nanoTime;
        this.collections = collections;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            baseline = committedHeap.getAsLong();
        }
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            seen++;
            collected(info.getGcAction().contains("major"));
        }
    }

    /**
     * Called after every collection the JVM made.
     *
     * @param full whether it was a full collection
     * @return whether the heap was trimmed
     */
    synchronized boolean collected(boolean full) {
        long committed = committedHeap.getAsLong();
        long now = nanoTime.getAsLong();
        if (full) {
            baseline = committed;
            return false;
        }
        if (ignored || committed - baseline < GROWTH_MB << 20 || trimmedOnce && now - lastTrim < INTERVAL.toNanos()) {
            return false;
        }
        trimmedOnce = true;
        lastTrim = now;
        long collectionsBefore = collections.getAsLong();
        collector.run();
        if (collections.getAsLong() == collectionsBefore) {
            ignored = true;
            log.info("Heap not trimmed: the JVM ignores explicit collections (-XX:+DisableExplicitGC)");
            return false;
        }
        long after = committedHeap.getAsLong();
        baseline = after;
        trims++;
        log.debug("Heap trimmed in {} ms: {} KB committed before, {} KB after",
                (nanoTime.getAsLong() - now) / 1_000_000, committed / 1024, after / 1024);
        return true;
    }

    /** @return how many of the JVM's collections it has been told of */
    public long collectionsSeen() {
        return seen;
    }

    /** @return how many times the heap has been trimmed */
    public int trims() {
        return trims;
    }

    @Override
    public void destroy() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException e) {
                // not registered: nothing to undo
            }
        }
        emitters.clear();
    }
}
