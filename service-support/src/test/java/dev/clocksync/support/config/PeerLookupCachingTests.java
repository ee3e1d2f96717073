package dev.clocksync.support.config;

import dev.clocksync.support.SupportTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.security.Security;

import static org.assertj.core.api.Assertions.assertThat;

/** A service keeps host-name lookups for seconds, not the JVM's 30 s (10 s for "no such host"). */
class PeerLookupCachingTests {

    @Test
    void aStartedServiceCachesLookupsBriefly() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SupportTestApplication.class)
                .web(WebApplicationType.NONE).run("--cluster.token=support-test-token-0123456789")) {
            assertThat(context.isActive()).isTrue();
            assertThat(Security.getProperty(PeerLookupCachingEnvironmentPostProcessor.TTL)).isEqualTo("5");
            assertThat(Security.getProperty(PeerLookupCachingEnvironmentPostProcessor.NEGATIVE_TTL)).isEqualTo("1");
        }
    }

    @Test
    void aValueTheUserSetIsLeftAlone() {
        String before = Security.getProperty(PeerLookupCachingEnvironmentPostProcessor.NEGATIVE_TTL);
        Security.setProperty(PeerLookupCachingEnvironmentPostProcessor.NEGATIVE_TTL, "3");
        try {
            new PeerLookupCachingEnvironmentPostProcessor().postProcessEnvironment(null, null);
            assertThat(Security.getProperty(PeerLookupCachingEnvironmentPostProcessor.NEGATIVE_TTL)).isEqualTo("3");
        } finally {
            Security.setProperty(PeerLookupCachingEnvironmentPostProcessor.NEGATIVE_TTL, before);
        }
    }
}
