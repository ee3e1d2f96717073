package dev.clocksync.timeclient.sync;

import dev.clocksync.clock.VirtualClock;
import dev.clocksync.support.clock.ClockWarmUp;
import lombok.extern.slf4j.Slf4j;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import java.net.URI;

/**
 * Warms the client's exchange path before the service reports ready, as the Berkeley master warms its
 * measurement path: exchanges with its own {@code GET /clock} through the same connection handling, timer and
 * parser a sync uses with the time server, and nothing else (the clock is not touched). A cold JVM runs that code
 * interpreted on both legs of an exchange, unevenly, which makes the legs differ by tens of microseconds; so the
 * first syncs are as accurate as the later ones. Over NTP there is nothing of this to warm. It stops at
 * {@code cristian.warm-up-exchanges}, after {@link ClockWarmUp#LIMIT}, or when its own clock stops answering.
 */
@Slf4j
@Component
class ExchangeWarmUp implements ApplicationRunner {

    private final CristianProperties properties;
    private final VirtualClock clock;
    private final ApplicationContext context;

    ExchangeWarmUp(CristianProperties properties, VirtualClock clock, ApplicationContext context) {
        this.properties = properties;
        this.clock = clock;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.warmUpExchanges() == 0 || properties.protocol() != CristianProperties.Protocol.HTTP
                || !(context instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        HttpTimeServer self = new HttpTimeServer(URI.create("http://127.0.0.1:" + web.getWebServer().getPort() + "/clock"),
                properties.connectTimeout(), properties.readTimeout(), clock);
        ClockWarmUp.Outcome outcome = ClockWarmUp.repeat(properties.warmUpExchanges(), () -> {
            try {
                self.exchange();
                return true;
            } catch (TimeServerException e) {
                return false;
            }
        });
        log.info("exchange path warmed up: {}", outcome);
    }
}
