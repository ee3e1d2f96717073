package dev.clocksync.timeclient.sync;

import dev.clocksync.clock.VirtualClock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The time server as {@code cristian.protocol} reaches it: {@code GET /time} or an NTP request. Chosen
 * here at run time, not by bean conditions: the services run with Spring AOT, whose conditions are
 * fixed at build time.
 */
@Configuration(proxyBeanMethods = false)
class TimeServerConfiguration {

    @Bean
    TimeServer timeServer(CristianProperties properties, VirtualClock clock) {
        return switch (properties.protocol()) {
            case HTTP -> new HttpTimeServer(properties, clock);
            case NTP -> new NtpTimeServer(properties, clock);
        };
    }
}
