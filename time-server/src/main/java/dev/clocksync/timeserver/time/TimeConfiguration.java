package dev.clocksync.timeserver.time;

import dev.clocksync.support.timestamp.TimestampedPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    /** {@code GET /time} gets its receive timestamp (t1) and is sent the moment it is written. */
    @Bean
    TimestampedPaths timeTimestampedPaths() {
        return TimestampedPaths.of("/time");
    }
}
