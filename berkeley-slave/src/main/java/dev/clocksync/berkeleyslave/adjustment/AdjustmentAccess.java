package dev.clocksync.berkeleyslave.adjustment;

import dev.clocksync.berkeleyslave.SlaveProperties;
import dev.clocksync.support.access.TrustedCallers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.util.List;

/** A slave takes adjustments only from its masters: from the addresses the hosts of {@code berkeley.master-url} have. */
@Configuration(proxyBeanMethods = false)
class AdjustmentAccess {

    @Bean
    TrustedCallers adjustmentsFromTheMaster(SlaveProperties properties) {
        List<String> hosts = properties.masterUrl().stream().map(URI::getHost).distinct().toList();
        return new TrustedCallers("/clock/adjustments",
                "this slave's master" + (properties.masterUrl().size() > 1 ? "s" : "") + " (berkeley.master-url, "
                        + String.join(", ", hosts) + ")",
                hosts);
    }
}
