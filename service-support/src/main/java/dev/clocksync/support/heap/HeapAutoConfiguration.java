package dev.clocksync.support.heap;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Every service collects its heap once when it is ready ({@link StartUpCollection}) and again whenever its old
 * generation has grown by a few megabytes since ({@link HeapTrim}).
 */
@AutoConfiguration
public class HeapAutoConfiguration {

    @Bean
    StartUpCollection startUpCollection() {
        return new StartUpCollection();
    }

    @Bean
    HeapTrim heapTrim() {
        return new HeapTrim();
    }
}
