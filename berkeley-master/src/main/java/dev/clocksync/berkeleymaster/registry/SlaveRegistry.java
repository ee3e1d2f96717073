package dev.clocksync.berkeleymaster.registry;

import dev.clocksync.berkeleymaster.MasterProperties;
import dev.clocksync.clock.TimeSource;
import dev.clocksync.support.problem.Problems;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.extern.slf4j.Slf4j;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The slaves the master knows, by name. A slave registers again every heartbeat; one that has not
 * within {@code berkeley.registration-ttl} (measured on the monotonic clock) is forgotten.
 */
@Slf4j
@Component
public class SlaveRegistry {

    private final Map<String, Entry> slaves = new ConcurrentHashMap<>();
    private final TimeSource host;
    private final long ttlNanos;
    private final int maxSlaves;

    SlaveRegistry(TimeSource host, MasterProperties properties, MeterRegistry registry) {
        this.host = host;
        this.ttlNanos = properties.registrationTtl().toNanos();
        this.maxSlaves = properties.maxSlaves();
        Gauge.builder("berkeley.slaves.registered", slaves, Map::size)
                .description("Slaves registered with the master").register(registry);
    }

    /** A registered slave. */
    public record Slave(String name, URI url) {
    }

    private record Entry(Slave slave, long registeredMonotonic, long lastSeenMonotonic) {
    }

    /**
     * @return true if the slave is new, false if it was known (its URL and heartbeat are updated)
     * @throws org.springframework.web.ErrorResponseException (409) if the slave is new and the registry is full
     */
    synchronized boolean register(String name, URI url) {
        expire();
        long now = host.monotonicNanos();
        Entry known = slaves.get(name);
        if (known == null && slaves.size() >= maxSlaves) {
            throw Problems.exception(HttpStatus.CONFLICT, "registry-full", "Registry full",
                    "The registry holds its maximum of " + maxSlaves + " slaves (berkeley.max-slaves); remove one first.");
        }
        // A heartbeat from where the slave was keeps the Slave it had, whose name and URL every round in the history
        // refers to: a new copy at each heartbeat would give every round in the history copies of its own.
        boolean same = known != null && known.slave().url().equals(url);
        Slave slave = same ? known.slave() : new Slave(name, url);
        slaves.put(name, new Entry(slave, known == null ? now : known.registeredMonotonic(), now));
        if (known == null) {
            log.info("slave {} registered at {}", name, url);
        } else if (!same) {
            log.info("slave {} moved from {} to {}", name, known.slave().url(), url);
        }
        return known == null;
    }

    synchronized boolean remove(String name) {
        return slaves.remove(name) != null;
    }

    /** @return the live slaves, by name */
    public List<Slave> live() {
        expire();
        return slaves.values().stream().map(Entry::slave).sorted(Comparator.comparing(Slave::name)).toList();
    }

    List<SlaveView> views() {
        expire();
        long now = host.monotonicNanos();
        return slaves.values().stream()
                .sorted(Comparator.comparing(entry -> entry.slave().name()))
                .map(entry -> view(entry, now))
                .toList();
    }

    Optional<SlaveView> view(String name) {
        expire();
        return Optional.ofNullable(slaves.get(name)).map(entry -> view(entry, host.monotonicNanos()));
    }

    private SlaveView view(Entry entry, long now) {
        return new SlaveView(entry.slave().name(), entry.slave().url().toString(),
                Duration.ofNanos(now - entry.registeredMonotonic()).toMillis(),
                Duration.ofNanos(now - entry.lastSeenMonotonic()).toMillis(),
                Duration.ofNanos(entry.lastSeenMonotonic() + ttlNanos - now).toMillis());
    }

    /** Forgets the slaves whose last registration is older than the TTL. */
    @Scheduled(fixedDelayString = "${berkeley.registration-ttl:20s}")
    void expire() {
        long now = host.monotonicNanos();
        slaves.entrySet().removeIf(entry -> {
            boolean expired = now - entry.getValue().lastSeenMonotonic() > ttlNanos;
            if (expired) {
                log.info("slave {} forgotten: no registration for {} ms", entry.getKey(), Duration.ofNanos(ttlNanos).toMillis());
            }
            return expired;
        });
    }
}
