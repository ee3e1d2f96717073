package dev.clocksync.support.heap;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/** What {@link StartUpCollection} and {@link HeapTrim} read of the running JVM's heap and collectors. */
final class JvmHeap {

    private JvmHeap() {
    }

    /** @return the bytes of heap committed now */
    static long committed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    /** @return how many collections the JVM has made so far, all collectors together */
    static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(count -> count > 0).sum();
    }
}
