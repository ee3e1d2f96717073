package dev.clocksync.berkeleymaster.round;

import dev.clocksync.berkeleymaster.MasterProperties;
import dev.clocksync.berkeleymaster.registry.SlaveRegistry.Slave;
import dev.clocksync.support.clock.ClockWarmUp;
import lombok.extern.slf4j.Slf4j;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.stereotype.Component;

import java.net.URI;

/**
 * Warms the master's measurement path before the service reports ready: it reads its own
 * {@code GET /clock} through the same client, interceptor and parser it reads slaves with. A cold JVM
 * runs that code interpreted, slowly and unevenly, which lengthens round trips and makes the two legs
 * of an exchange differ; warmed up, the first round is as accurate as the later ones. It stops at
 * {@code berkeley.warm-up-reads}, after {@link ClockWarmUp#LIMIT}, or when its own clock stops answering.
 */
@Slf4j
@Component
class MeasurementWarmUp implements ApplicationRunner {

    private final SlaveClockClient client;
    private final MasterProperties properties;
    private final WebServerApplicationContext context;

    MeasurementWarmUp(SlaveClockClient client, MasterProperties properties, WebServerApplicationContext context) {
        this.client = client;
        this.properties = properties;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.warmUpReads() == 0) {
            return;
        }
        Slave self = new Slave("self", URI.create("http://127.0.0.1:" + context.getWebServer().getPort()));
        ClockWarmUp.Outcome outcome = ClockWarmUp.repeat(properties.warmUpReads(), () -> {
            try {
                client.read(self);
                return true;
            } catch (SlaveCallException e) {
                return false;
            }
        });
        log.info("measurement path warmed up: {}", outcome);
    }
}
