package dev.clocksync.dashboard.watch;

import dev.clocksync.dashboard.DashboardProperties;
import dev.clocksync.dashboard.DashboardProperties.Node;
import dev.clocksync.dashboard.DashboardProperties.Service;
import dev.clocksync.support.http.PeerClients;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.extern.slf4j.Slf4j;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Reads every service on its own schedule, every {@code dashboard.refresh}: each clock's {@code GET /clock},
 * each client's latest sync, each master's {@code GET /election} and latest round (every master answers it, a
 * standby from the leader) and each node's {@code GET /election}. Each target has
 * its own thread, so a dead or hung service delays nothing but its own reads (bounded by the timeouts). At
 * the same rate a tick writes every clock's offset into the {@link OffsetHistory} the chart draws.
 */
@Slf4j
@Component
public class ClusterWatcher implements SmartLifecycle {

    private static final ParameterizedTypeReference<List<Readings.Sync>> SYNCS = new ParameterizedTypeReference<>() {
    };

    private final DashboardProperties properties;
    private final InstantSource host;
    private final Map<String, Watched<Readings.Clock>> clocks = new LinkedHashMap<>();
    private final Map<String, Watched<Readings.Sync>> syncs = new LinkedHashMap<>();
    private final Map<String, Watched<Readings.Election>> masters = new LinkedHashMap<>();
    private final Map<String, Watched<Readings.Round>> rounds = new LinkedHashMap<>();
    private final Map<Integer, Watched<Readings.Election>> nodes = new LinkedHashMap<>();
    private final OffsetHistory history;
    private volatile ScheduledExecutorService scheduler;

    public ClusterWatcher(DashboardProperties properties, RestClient.Builder builder, InstantSource host, MeterRegistry meters) {
        this.properties = properties;
        this.host = host;
        for (Service clock : properties.clocks()) {
            clocks.put(clock.name(), watch(builder, clock.name(), "/clock", clock,
                    get -> get.retrieve().body(Readings.Clock.class)));
        }
        for (Service client : properties.clients()) {
            syncs.put(client.name(), watch(builder, client.name(), "/sync/history?limit=1", client, get -> {
                List<Readings.Sync> latest = get.retrieve().body(SYNCS);
                return latest == null || latest.isEmpty() ? null : latest.get(0);
            }));
        }
        for (Service master : properties.masters()) {
            // 404: a master that is not elected (it runs alone, and leads); a master with no round yet.
            masters.put(master.name(), watch(builder, master.name(), "/election", master, notFoundIsNull(Readings.Election.class)));
            rounds.put(master.name(), watch(builder, master.name(), "/rounds/latest", master, notFoundIsNull(Readings.Round.class)));
        }
        for (Node node : properties.nodes()) {
            nodes.put(node.id(), watch(builder, node.name(), "/election", new Service(node.name(), node.url()),
                    get -> get.retrieve().body(Readings.Election.class)));
        }
        for (Watched<?> target : targets()) {
            Gauge.builder("dashboard.service.up", target, watched -> watched.latest().up() ? 1 : 0)
                    .description("Whether the service answered the dashboard's last read (1) or not (0)")
                    .tag("service", target.name()).tag("read", target.path())
                    .register(meters);
        }
        long ticks = Math.max(1, properties.window().toMillis() / properties.refresh().toMillis());
        history = new OffsetHistory(List.copyOf(clocks.keySet()), (int) Math.min(ticks, 100_000));
    }

    /** @return a read whose 404 means "answered, nothing to show" (null), and whose other failures mean down */
    private static <T> Function<RestClient.RequestHeadersSpec<?>, T> notFoundIsNull(Class<T> type) {
        return get -> get.exchange((request, response) -> {
            int status = response.getStatusCode().value();
            if (status == HttpStatus.NOT_FOUND.value()) {
                return null;
            }
            if (!response.getStatusCode().is2xxSuccessful()) {
                throw new IllegalStateException("answered " + status);
            }
            return response.bodyTo(type);
        });
    }

    private <T> Watched<T> watch(RestClient.Builder builder, String name, String path, Service service,
            Function<RestClient.RequestHeadersSpec<?>, T> read) {
        RestClient client = PeerClients.create(builder, service.url().toString(), properties.connectTimeout(),
                properties.readTimeout());
        return new Watched<>(name, path, service.url(), client, read, host::millis, properties.staleAfter().toMillis());
    }

    private List<Watched<?>> targets() {
        List<Watched<?>> all = new ArrayList<>(clocks.values());
        all.addAll(syncs.values());
        all.addAll(masters.values());
        all.addAll(rounds.values());
        all.addAll(nodes.values());
        return all;
    }

    /** @return each clock's latest reading, by name, in the chart's order */
    public Map<String, Probe<Readings.Clock>> clocks() {
        return latest(clocks);
    }

    /** @return each Cristian client's latest sync, by name */
    public Map<String, Probe<Readings.Sync>> syncs() {
        return latest(syncs);
    }

    /** @return each master's own view of the masters' election, by name (value null if it is not elected) */
    public Map<String, Probe<Readings.Election>> masters() {
        return latest(masters);
    }

    /** @return the latest round as each master answers it, by name (value null before the first) */
    public Map<String, Probe<Readings.Round>> rounds() {
        return latest(rounds);
    }

    /** @return each node's latest view, by id */
    public Map<Integer, Probe<Readings.Election>> nodes() {
        return latest(nodes);
    }

    public OffsetHistory history() {
        return history;
    }

    private static <K, T> Map<K, Probe<T>> latest(Map<K, Watched<T>> watched) {
        Map<K, Probe<T>> latest = new LinkedHashMap<>();
        watched.forEach((key, target) -> latest.put(key, target.latest()));
        return latest;
    }

    /** Reads a clock again now, without waiting for its next turn (after a control changed it). */
    public void refreshClock(String name) {
        refresh(clocks.get(name));
        refresh(syncs.get(name));
    }

    /** Reads every clock and the round again now (after a Berkeley round). */
    public void refreshBerkeley() {
        clocks.values().forEach(this::refresh);
        rounds.values().forEach(this::refresh);
    }

    /** Reads every master again now (after a crash or a recovery). */
    public void refreshMasters() {
        masters.values().forEach(this::refresh);
        rounds.values().forEach(this::refresh);
    }

    /** Reads every node again now (after a crash, a recovery or an election). */
    public void refreshNodes() {
        nodes.values().forEach(this::refresh);
    }

    private void refresh(Watched<?> target) {
        ScheduledExecutorService running = scheduler;
        if (target != null && running != null) {
            try {
                running.execute(target::poll);
            } catch (RejectedExecutionException stopping) {
                // The dashboard is shutting down: nothing to refresh.
            }
        }
    }

    /** Writes every clock's offset into the history, null for a clock that is down. */
    void tick() {
        try {
            record(clocks());
        } catch (RuntimeException unexpected) {
            // A scheduled task that throws is never run again: log and keep ticking.
            log.warn("Could not record the clocks' offsets", unexpected);
        }
    }

    private void record(Map<String, Probe<Readings.Clock>> latest) {
        Long[] offsets = latest.values().stream()
                .map(probe -> probe.up() && probe.value() != null ? probe.value().offsetNanos() : null)
                .toArray(Long[]::new);
        history.add(host.millis(), offsets);
    }

    @Override
    public void start() {
        List<Watched<?>> targets = targets();
        AtomicInteger threads = new AtomicInteger();
        // One thread per target and one for the tick: a hung service blocks only its own thread.
        ScheduledExecutorService started = Executors.newScheduledThreadPool(targets.size() + 1, runnable -> {
            Thread thread = new Thread(runnable, "watch-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.refresh().toMillis();
        for (Watched<?> target : targets) {
            started.scheduleWithFixedDelay(target::poll, 0, period, TimeUnit.MILLISECONDS);
        }
        started.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
        scheduler = started;
        log.info("Watching {} clocks, {} clients, {} masters and {} nodes every {} ms", clocks.size(), syncs.size(),
                masters.size(), nodes.size(), period);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = scheduler;
        scheduler = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
