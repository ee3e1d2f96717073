package dev.clocksync.support.heap;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Every service collects its heap once when it is ready: see {@link StartUpCollection}. */
@AutoConfiguration
public class HeapAutoConfiguration {

    @Bean
    StartUpCollection startUpCollection() {
        return new StartUpCollection();
    }
}
