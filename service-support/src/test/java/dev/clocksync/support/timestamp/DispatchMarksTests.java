package dev.clocksync.support.timestamp;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchMarksTests {

    @Test
    void aTaskCarriesTheMomentItWasHandedOverOnceAndNoFurther() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Executor marking = DispatchMarks.marking(pool);
            AtomicLong first = new AtomicLong();
            AtomicLong second = new AtomicLong();
            long before = System.nanoTime();
            marking.execute(() -> {
                first.set(DispatchMarks.take());
                second.set(DispatchMarks.take());
            });
            pool.submit(() -> { }).get(5, TimeUnit.SECONDS);

            assertThat(first.get() - before).as("handed over after this test's mark").isNotNegative();
            assertThat(System.nanoTime() - first.get()).isPositive();
            assertThat(second.get()).as("a second request on the same hand-over").isEqualTo(-1);
            assertThat(pool.submit(DispatchMarks::take).get(5, TimeUnit.SECONDS)).as("a task not handed over by it").isEqualTo(-1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wrapsOnce() {
        Executor marking = DispatchMarks.marking(Runnable::run);

        assertThat(DispatchMarks.marking(marking)).isSameAs(marking);
    }
}
