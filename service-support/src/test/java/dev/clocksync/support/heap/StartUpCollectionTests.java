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

import static org.assertj.core.api.Assertions.assertThat;

/** A service collects its heap once, when it is first ready. */
class StartUpCollectionTests {

    @Test
    void collectsOnceHoweverOftenTheServiceIsSaidToBeReady() {
        AtomicInteger collections = new AtomicInteger();
        StartUpCollection collection = new StartUpCollection(collections::incrementAndGet, () -> 32L << 20, collections::get);
        assertThat(collection.collected()).isFalse();
        assertThat(collections).hasValue(0);

        ApplicationReadyEvent ready = new ApplicationReadyEvent(new SpringApplication(), new String[0],
                new GenericApplicationContext(), Duration.ofSeconds(1));
        collection.onApplicationEvent(ready);
        collection.onApplicationEvent(ready);

        assertThat(collections).hasValue(1);
        assertThat(collection.collected()).isTrue();
    }

    @Test
    void saysSoWhenTheJvmIgnoresTheCall() {
        AtomicInteger calls = new AtomicInteger();
        StartUpCollection collection = new StartUpCollection(calls::incrementAndGet, () -> 32L << 20, () -> 7);

        collection.onApplicationEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
                new GenericApplicationContext(), Duration.ofSeconds(1)));

        assertThat(calls).hasValue(1);
        assertThat(collection.collected()).isFalse();
    }

    @Nested
    @SpringBootTest(classes = SupportTestApplication.class)
    class InAService {

        @Autowired
        StartUpCollection collection;

        @Test
        void hasCollectedByTheTimeTheServiceIsReady() {
            assertThat(collection.collected()).isTrue();
        }
    }
}
