package dev.clocksync.support.http;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.time.Duration;

/**
 * Every call from one service to another goes through a {@link RestClient} made here: a base URL from
 * configuration and explicit connect and read timeouts, so that a dead peer costs at most the connect
 * timeout and a hung one at most the read timeout.
 */
public final class PeerClients {

    private PeerClients() {
    }

    /**
     * @param builder        Boot's auto-configured builder (message converters, observations); cloned, not changed
     * @param baseUrl        the peer's base URL
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout    how long to wait for each read of the answer
     */
    public static RestClient create(RestClient.Builder builder, String baseUrl, Duration connectTimeout, Duration readTimeout) {
        return builder.clone()
                .baseUrl(baseUrl)
                .requestFactory(requestFactory(connectTimeout, readTimeout))
                .build();
    }

    /**
     * @return a blocking HTTP/1.1 request factory with these timeouts, whose responses are drained through a
     *         small buffer when closed ({@link SmallDrainRequestFactory})
     */
    public static ClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(readTimeout, "read timeout");
        return new SmallDrainRequestFactory(ClientHttpRequestFactoryBuilder.simple()
                .build(HttpClientSettings.defaults().withTimeouts(connectTimeout, readTimeout)));
    }

    /** @return whether the URL is one a peer can be called at: absolute, with a host, http or https (false for null) */
    public static boolean isHttpUrl(URI url) {
        return url != null && url.isAbsolute() && url.getHost() != null
                && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()));
    }

    private static void requirePositive(Duration timeout, String what) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the " + what + " must be positive, was " + timeout);
        }
    }
}
