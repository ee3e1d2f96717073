package dev.clocksync.timeserver.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTests {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    @Test
    void allowsABurstThenRefusesUntilTheBucketRefills() {
        RateLimiter limiter = new RateLimiter(2, 4, 100, now::get);

        for (int i = 0; i < 4; i++) {
            assertThat(limiter.acquire("10.0.0.1").allowed()).as("request %d of the burst", i).isTrue();
        }
        RateLimiter.Decision refused = limiter.acquire("10.0.0.1");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterNanos()).isEqualTo(SECOND / 2);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);

        now.addAndGet(SECOND / 2);
        assertThat(limiter.acquire("10.0.0.1").allowed()).isTrue();
        assertThat(limiter.acquire("10.0.0.1").allowed()).isFalse();
    }

    @Test
    void aRefusedRequestCostsNothing() {
        RateLimiter limiter = new RateLimiter(1, 1, 100, now::get);
        assertThat(limiter.acquire("a").allowed()).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquire("a").allowed()).isFalse();
        }

        now.addAndGet(SECOND);

        assertThat(limiter.acquire("a").allowed()).isTrue();
    }

    @Test
    void sustainsExactlyTheConfiguredRate() {
        RateLimiter limiter = new RateLimiter(10, 5, 100, now::get);
        int allowed = 0;
        for (int ms = 0; ms < 60_000; ms++) {
            if (limiter.acquire("a").allowed()) {
                allowed++;
            }
            now.addAndGet(1_000_000);
        }
        assertThat(allowed).isBetween(600, 605);
    }

    @Test
    void clientsHaveBucketsOfTheirOwn() {
        RateLimiter limiter = new RateLimiter(1, 1, 100, now::get);

        assertThat(limiter.acquire("mobile").allowed()).isTrue();
        assertThat(limiter.acquire("laptop").allowed()).isTrue();
        assertThat(limiter.acquire("mobile").allowed()).isFalse();
        assertThat(limiter.acquire("laptop").allowed()).isFalse();
    }

    @Test
    void retryAfterIsRoundedUpToWholeSeconds() {
        RateLimiter limiter = new RateLimiter(0.1, 1, 100, now::get);
        limiter.acquire("a");
        now.addAndGet(SECOND / 10);

        RateLimiter.Decision refused = limiter.acquire("a");

        assertThat(refused.retryAfterNanos()).isEqualTo(9 * SECOND + 9 * SECOND / 10);
        assertThat(refused.retryAfterSeconds()).isEqualTo(10);
    }

    @Test
    void memoryIsBoundedIdleClientsAreSweptAndNewcomersShareABucketWhenFull() {
        RateLimiter limiter = new RateLimiter(1, 2, 3, now::get);
        limiter.acquire("a");
        limiter.acquire("b");
        limiter.acquire("c");
        assertThat(limiter.trackedClients()).isEqualTo(3);

        assertThat(limiter.acquire("d").allowed()).as("first newcomer, in the shared bucket").isTrue();
        assertThat(limiter.acquire("e").allowed()).as("second newcomer, same bucket").isTrue();
        assertThat(limiter.acquire("f").allowed()).as("the shared bucket is empty").isFalse();
        assertThat(limiter.trackedClients()).isEqualTo(4);

        now.addAndGet(10 * SECOND);
        assertThat(limiter.acquire("g").allowed()).isTrue();
        assertThat(limiter.trackedClients()).as("idle buckets swept, g tracked on its own").isEqualTo(2);
    }

    @Test
    void concurrentRequestsNeverExceedTheBurst() throws Exception {
        RateLimiter limiter = new RateLimiter(0.001, 50, 100, now::get);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                tasks.add(() -> {
                    int allowed = 0;
                    for (int i = 0; i < 1_000; i++) {
                        if (limiter.acquire("same").allowed()) {
                            allowed++;
                        }
                    }
                    return allowed;
                });
            }
            int total = 0;
            for (Future<Integer> result : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                total += result.get();
            }
            assertThat(total).isEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> new RateLimiter(0, 1, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(Double.NaN, 1, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(1, 0, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(1, 1, 0, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
