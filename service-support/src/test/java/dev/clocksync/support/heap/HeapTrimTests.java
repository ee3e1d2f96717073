package dev.clocksync.support.heap;

import dev.clocksync.support.SupportTestApplication;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.support.GenericApplicationContext;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The old generation is collected again once young collections have grown the heap by a few megabytes. */
class HeapTrimTests {

    private static final long MB = 1 << 20;

    private final AtomicLong committed = new AtomicLong(30 * MB);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger collections = new AtomicInteger();
    /** A full collection gives back all but 20 MB. */
    private final HeapTrim trim = new HeapTrim(() -> {
        collections.incrementAndGet();
        committed.set(20 * MB);
    }, committed::get, now::get, collections::get);

    private void ready() {
        trim.onApplicationEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
                new GenericApplicationContext(), Duration.ofSeconds(1)));
        trim.destroy();
    }

    @Test
    void growthBelowTheLineIsLeftAlone() {
        ready();
        committed.set(30 * MB + HeapTrim.GROWTH_MB * MB - 1);

        assertThat(trim.collected(false)).isFalse();
        assertThat(collections).hasValue(0);
    }

    @Test
    void youngCollectionsThatGrewTheHeapByTheLineAreFollowedByAFullOne() {
        ready();
        committed.set(30 * MB + HeapTrim.GROWTH_MB * MB);

        assertThat(trim.collected(false)).isTrue();
        assertThat(collections).hasValue(1);
        assertThat(trim.trims()).isEqualTo(1);
    }

    @Test
    void theLineIsMeasuredFromTheLastFullCollection() {
        ready();
        committed.set(20 * MB);
        trim.collected(true);

        committed.set(21 * MB);
        assertThat(trim.collected(false)).isFalse();
        committed.set(20 * MB + HeapTrim.GROWTH_MB * MB);
        assertThat(trim.collected(false)).isTrue();
    }

    @Test
    void trimsAtMostOnceAnInterval() {
        ready();
        committed.set(40 * MB);
        assertThat(trim.collected(false)).isTrue();

        committed.set(40 * MB);
        now.addAndGet(HeapTrim.INTERVAL.toNanos() - 1);
        assertThat(trim.collected(false)).isFalse();
        now.addAndGet(1);
        assertThat(trim.collected(false)).isTrue();
        assertThat(collections).hasValue(2);
    }

    @Test
    void aTrimThatGaveNothingBackMovesTheLine() {
        HeapTrim keepsEverything = new HeapTrim(collections::incrementAndGet, committed::get, now::get, collections::get);
        committed.set(30 * MB);
        keepsEverything.collected(true);
        committed.set(33 * MB);
        assertThat(keepsEverything.collected(false)).isTrue();

        now.addAndGet(HeapTrim.INTERVAL.toNanos());
        committed.set(34 * MB);
        assertThat(keepsEverything.collected(false)).isFalse();
        assertThat(collections).hasValue(1);
    }

    @Test
    void stopsForGoodWhenTheJvmIgnoresExplicitCollections() {
        AtomicInteger calls = new AtomicInteger();
        HeapTrim ignored = new HeapTrim(calls::incrementAndGet, committed::get, now::get, () -> 7);
        committed.set(20 * MB);
        ignored.collected(true);
        committed.set(30 * MB);

        assertThat(ignored.collected(false)).isFalse();
        now.addAndGet(HeapTrim.INTERVAL.toNanos());
        assertThat(ignored.collected(false)).isFalse();
        assertThat(calls).hasValue(1);
        assertThat(ignored.trims()).isZero();
    }

    @Nested
    @SpringBootTest(classes = SupportTestApplication.class)
    class InAService {

        @Autowired
        HeapTrim heapTrim;

        @Test
        void isToldOfTheJvmsCollections() {
            long seen = heapTrim.collectionsSeen();
            System.gc();
            await().atMost(Duration.ofSeconds(30)).until(() -> heapTrim.collectionsSeen() > seen);
        }
    }
}
