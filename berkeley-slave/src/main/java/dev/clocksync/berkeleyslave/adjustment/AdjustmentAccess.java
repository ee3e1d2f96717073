package dev.clocksync.berkeleyslave.adjustment;

import dev.clocksync.berkeleyslave.SlaveProperties;
import dev.clocksync.support.access.TrustedCallers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** A slave takes adjustments only from its master: from the addresses the host of {@code berkeley.master-url} has. */
@Configuration(proxyBeanMethods = false)
class AdjustmentAccess {

    @Bean
    TrustedCallers adjustmentsFromTheMaster(SlaveProperties properties) {
        return new TrustedCallers("/clock/adjustments",
                "this slave's master (berkeley.master-url, " + properties.masterUrl().getHost() + ")",
                List.of(properties.masterUrl().getHost()));
    }
}
