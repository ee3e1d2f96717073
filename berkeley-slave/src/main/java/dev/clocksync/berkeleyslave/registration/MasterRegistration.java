package dev.clocksync.berkeleyslave.registration;

import dev.clocksync.berkeleyslave.SlaveProperties;
import dev.clocksync.clock.TimeSource;
import dev.clocksync.support.access.ClusterProperties;
import dev.clocksync.support.clock.NodeProperties;
import dev.clocksync.support.http.PeerClients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import lombok.extern.slf4j.Slf4j;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * Registers this slave with every master of {@code berkeley.master-url} once the slave is ready to serve,
 * each on its own schedule: retrying with doubling waits (up to {@code berkeley.max-retry-interval}) while
 * that master does not answer, and then registering again every {@code berkeley.heartbeat-interval}. A
 * master forgets slaves that stop doing so; a restarted master, or a standby that is elected, knows every
 * slave within one interval. Each registration carries the cluster's token.
 */
@Slf4j
@Component
class MasterRegistration {

    private static final Duration FIRST_RETRY = Duration.ofMillis(250);

    private final SlaveProperties properties;
    private final NodeProperties node;
    private final TaskScheduler scheduler;
    private final TimeSource host;
    private final ClusterProperties cluster;
    private final List<Link> links;
    private volatile URI advertisedUrl;

    MasterRegistration(SlaveProperties properties, NodeProperties node, TaskScheduler scheduler, TimeSource host,
            RestClient.Builder builder, MeterRegistry registry, ClusterProperties cluster) {
        this.properties = properties;
        this.node = node;
        this.scheduler = scheduler;
        this.host = host;
        this.cluster = cluster;
        this.links = properties.masterUrl().stream().map(url -> new Link(url,
                PeerClients.create(builder, url.toString(), properties.connectTimeout(), properties.readTimeout()),
                Counter.builder("berkeley.registration.failures").tag("master", url.toString())
                        .description("Registrations with a master that failed").register(registry))).toList();
    }

    @EventListener
    void start(ApplicationReadyEvent ready) {
        advertisedUrl = properties.advertisedUrl() != null ? properties.advertisedUrl()
                : URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) ready.getApplicationContext()).getWebServer().getPort());
        links.forEach(link -> link.schedule(Duration.ZERO));
    }

    String name() {
        return properties.nodeName() != null ? properties.nodeName() : node.name();
    }

    /** @return one entry per master, in the order of {@code berkeley.master-url} */
    List<Link> links() {
        return links;
    }

    URI advertisedUrl() {
        return advertisedUrl;
    }

    @PreDestroy
    void stop() {
        links.forEach(Link::stop);
    }

    record Registration(String name, String url) {
    }

    /** The registrations with one master. */
    final class Link {

        private final URI url;
        private final RestClient master;
        private final Counter failures;
        private volatile Duration retry = FIRST_RETRY;
        private volatile long lastSuccessMonotonic = Long.MIN_VALUE;
        private volatile String lastError = "not registered yet";
        private volatile boolean failing;
        private volatile ScheduledFuture<?> next;

        private Link(URI url, RestClient master, Counter failures) {
            this.url = url;
            this.master = master;
            this.failures = failures;
        }

        private void schedule(Duration delay) {
            next = scheduler.schedule(this::register, Instant.now().plus(delay));
        }

        private void register() {
            try {
                master.post().uri("/slaves")
                        .headers(cluster::authorize)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(new Registration(name(), advertisedUrl.toString()))
                        .retrieve()
                        .toBodilessEntity();
                if (lastSuccessMonotonic == Long.MIN_VALUE || failing) {
                    log.info("registered with the master at {} as {} ({})", url, name(), advertisedUrl);
                }
                failing = false;
                lastSuccessMonotonic = host.monotonicNanos();
                lastError = null;
                retry = FIRST_RETRY;
                schedule(properties.heartbeatInterval());
            } catch (RestClientException e) {
                failures.increment();
                lastError = "the master at " + url + " did not take the registration: " + e.getMessage();
                // A standby master that stays down is normal with several: one warning, then the retries at debug level.
                if (failing) {
                    log.debug("{}; retrying in {} ms", lastError, retry.toMillis());
                } else {
                    log.warn("{}; retrying in {} ms, further failures logged at debug level", lastError, retry.toMillis());
                }
                failing = true;
                Duration wait = retry;
                Duration doubled = retry.multipliedBy(2);
                retry = doubled.compareTo(properties.maxRetryInterval()) > 0 ? properties.maxRetryInterval() : doubled;
                schedule(wait);
            } catch (RuntimeException e) {
                failures.increment();
                lastError = "registration failed unexpectedly: " + e.getClass().getSimpleName();
                log.error("registration with {} failed unexpectedly", url, e);
                schedule(properties.maxRetryInterval());
            }
        }

        URI url() {
            return url;
        }

        /** @return how long ago the last registration with this master succeeded, or null if none has */
        Duration sinceLastSuccess() {
            long last = lastSuccessMonotonic;
            return last == Long.MIN_VALUE ? null : Duration.ofNanos(host.monotonicNanos() - last);
        }

        String lastError() {
            return lastError;
        }

        private void stop() {
            ScheduledFuture<?> scheduled = next;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }
}
