package dev.clocksync.support.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

import java.security.Security;

/**
 * Keeps the JVM's cache of host-name lookups short: peers are found by name, and under Docker a name
 * changes its address when its container is recreated, and under Swarm it is not in DNS at all until its
 * container is healthy. The JVM's defaults (30 s for an address, 10 s for "no such host") would keep a
 * service calling an old address, or failing to find a peer that is up, for that long; 5 s and 1 s cost
 * a lookup to the local resolver that often, no more. Runs before the first lookup (the JVM reads these
 * once); a value the user set (in java.security or with -Dsun.net.inetaddr.ttl) is left alone.
 */
public class PeerLookupCachingEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String TTL = "networkaddress.cache.ttl";
    static final String NEGATIVE_TTL = "networkaddress.cache.negative.ttl";
    static final String SECONDS = "5";
    static final String NEGATIVE_SECONDS = "1";
    /** The JDK's own java.security sets this; any other value is the user's. */
    private static final String JDK_NEGATIVE_TTL = "10";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (Security.getProperty(TTL) == null && System.getProperty("sun.net.inetaddr.ttl") == null) {
            Security.setProperty(TTL, SECONDS);
        }
        String negative = Security.getProperty(NEGATIVE_TTL);
        if ((negative == null || negative.equals(JDK_NEGATIVE_TTL)) && System.getProperty("sun.net.inetaddr.negative.ttl") == null) {
            Security.setProperty(NEGATIVE_TTL, NEGATIVE_SECONDS);
        }
    }
}
