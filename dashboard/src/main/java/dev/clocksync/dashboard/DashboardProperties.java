package dev.clocksync.dashboard;

import dev.clocksync.support.http.PeerClients;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the dashboard watches and how often. Unset services default to the local cluster's
 * ({@code ./cluster up}): the time server on 8011, mobile and laptop on 8021/8022, the masters {@code master} on
 * 8080 and {@code master-2} on 8090, KMC, MIT, TAPMI and SOLS on 8081 to 8084, and nodes 1 to 5 on 8101 to 8105.
 *
 * @param refresh        how often each service is read, and the page refreshed (100 ms to 10 s)
 * @param connectTimeout how long to wait for a connection to a service
 * @param readTimeout    how long to wait for a service's answer; a hung service costs its own reader this
 *                       much and holds up nothing else
 * @param actionTimeout  how long a control waits for the service's answer (a round or a sync takes longer
 *                       than a read)
 * @param staleAfter     a service whose reads have all hung this long is shown as down (at least refresh +
 *                       connect timeout + read timeout)
 * @param window         how much offset history the chart keeps (10 s to 1 h)
 * @param controls       whether the page's buttons work: they run rounds, syncs and elections and crash
 *                       nodes with the cluster's token, for anyone who can reach the dashboard; false makes
 *                       it a view only
 * @param allowedHosts   the host names the page may be reached by for its buttons to work (the request's
 *                       {@code Host}, without the port): a web site that makes its own name resolve to this
 *                       machine (DNS rebinding) must not be able to press them; {@code *} allows any
 * @param timeServer     the time server
 * @param clients        the Cristian clients (mobile, laptop)
 * @param master         the Berkeley masters: one, or several that elect their leader among themselves
 * @param slaves         the Berkeley slaves (KMC, MIT, TAPMI, SOLS)
 * @param nodes          the election nodes, by id
 */
@ConfigurationProperties("dashboard")
@Validated
public record DashboardProperties(
        @NotNull @DurationMin(millis = 100) @DurationMax(seconds = 10) @DefaultValue("500ms") Duration refresh,
        @NotNull @DurationMin(millis = 1) @DurationMax(seconds = 30) @DefaultValue("300ms") Duration connectTimeout,
        @NotNull @DurationMin(millis = 1) @DurationMax(seconds = 30) @DefaultValue("800ms") Duration readTimeout,
        @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 1) @DefaultValue("10s") Duration actionTimeout,
        @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 10) @DefaultValue("3s") Duration staleAfter,
        @NotNull @DurationMin(seconds = 10) @DurationMax(hours = 1) @DefaultValue("5m") Duration window,
        @DefaultValue("true") boolean controls,
        @DefaultValue({"localhost", "127.0.0.1", "[::1]"}) List<String> allowedHosts,
        @Valid Service timeServer,
        @Valid @Size(max = 16) List<Service> clients,
        @Valid Masters master,
        @Valid @Size(max = 64) List<Service> slaves,
        @Valid @Size(max = 32) List<Node> nodes) {

    private static final String LOCAL = "http://127.0.0.1:";

    public DashboardProperties {
        allowedHosts = allowedHosts == null ? List.of() : allowedHosts.stream().map(host -> host.trim().toLowerCase(java.util.Locale.ROOT))
                .filter(host -> !host.isEmpty()).toList();
        timeServer = timeServer != null ? timeServer : new Service("time-server", URI.create(LOCAL + 8011));
        clients = clients != null && !clients.isEmpty() ? List.copyOf(clients)
                : List.of(new Service("mobile", URI.create(LOCAL + 8021)), new Service("laptop", URI.create(LOCAL + 8022)));
        master = master != null ? master : new Masters(null, null);
        slaves = slaves != null && !slaves.isEmpty() ? List.copyOf(slaves)
                : List.of(new Service("KMC", URI.create(LOCAL + 8081)), new Service("MIT", URI.create(LOCAL + 8082)),
                        new Service("TAPMI", URI.create(LOCAL + 8083)), new Service("SOLS", URI.create(LOCAL + 8084)));
        if (nodes == null || nodes.isEmpty()) {
            List<Node> local = new ArrayList<>();
            for (int id = 1; id <= 5; id++) {
                local.add(new Node(id, URI.create(LOCAL + (8100 + id))));
            }
            nodes = List.copyOf(local);
        } else {
            nodes = List.copyOf(nodes);
        }
    }

    /** A service the dashboard reads: its name on the page and its base URL. */
    public record Service(@NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String name, @NotNull URI url) {
    }

    /**
     * The Berkeley masters, as {@code dashboard.master.name} and {@code dashboard.master.url} (each a single value or a
     * comma-separated list, so that one master is set as before). Unset, the local cluster's: {@code master} on 8080
     * and {@code master-2} on 8090.
     *
     * @param name their names on the page, in the order of their URLs ({@code master} if unset); a master without one
     *             is named after the first with its place in the list: {@code master-2}, {@code master-3}
     * @param url  their base URLs (1 to 16); the page reads rounds from whichever answers, since every master answers
     *             them (a standby passes the request on to the leader)
     */
    public record Masters(@Size(max = 16) List<@Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String> name,
                          @Size(max = 16) List<URI> url) {

        public Masters {
            name = name == null || name.isEmpty() ? List.of("master") : Collections.unmodifiableList(new ArrayList<>(name));
            url = url == null || url.isEmpty() ? List.of(URI.create(LOCAL + 8080), URI.create(LOCAL + 8090))
                    : Collections.unmodifiableList(new ArrayList<>(url));
        }

        /** @return each master, named, in the order of the URLs */
        public List<Service> services() {
            String first = name.get(0) == null ? "master" : name.get(0);
            List<Service> services = new ArrayList<>();
            for (int i = 0; i < url.size(); i++) {
                String named = i < name.size() ? name.get(i) : null;
                services.add(new Service(named != null ? named : i == 0 ? first : first + "-" + (i + 1), url.get(i)));
            }
            return List.copyOf(services);
        }
    }

    /** An election node: its id and base URL. */
    public record Node(@Min(1) @Max(Integer.MAX_VALUE) int id, @NotNull URI url) {

        /** @return its name on the page */
        public String name() {
            return "node-" + id;
        }
    }

    /** @return the Berkeley masters, named, in configured order */
    public List<Service> masters() {
        return master.services();
    }

    /** @return every clock the chart draws, in order: the time server, the clients, the masters, the slaves */
    public List<Service> clocks() {
        return Stream.of(Stream.of(timeServer), clients.stream(), masters().stream(), slaves.stream())
                .flatMap(s -> s).toList();
    }

    @AssertTrue(message = "dashboard service URLs must be absolute http or https URLs")
    public boolean isUrlsHttp() {
        return Stream.concat(clocks().stream().map(Service::url), nodes.stream().map(Node::url))
                .allMatch(PeerClients::isHttpUrl);
    }

    @AssertTrue(message = "dashboard.master.name must not name more masters than dashboard.master.url has URLs")
    public boolean isMasterNamesMatched() {
        return master.name().size() <= master.url().size();
    }

    @AssertTrue(message = "dashboard.master.url must not list a master twice")
    public boolean isMasterUrlsDistinct() {
        return master.url().stream().distinct().count() == master.url().size();
    }

    @AssertTrue(message = "dashboard clock names (time server, clients, masters, slaves) must differ from each other")
    public boolean isNamesDistinct() {
        Set<String> seen = new HashSet<>();
        return clocks().stream().allMatch(service -> service.name() == null || seen.add(service.name()));
    }

    @AssertTrue(message = "dashboard.nodes ids must differ from each other")
    public boolean isNodeIdsDistinct() {
        Set<Integer> seen = new HashSet<>();
        return nodes.stream().allMatch(node -> seen.add(node.id()));
    }

    @AssertTrue(message = "dashboard.stale-after must be at least dashboard.refresh + dashboard.connect-timeout + "
            + "dashboard.read-timeout (the age a good reading can reach between two reads), or every service would "
            + "flicker to down")
    public boolean isStaleAfterLongerThanAReadCycle() {
        return staleAfter == null || refresh == null || connectTimeout == null || readTimeout == null
                || staleAfter.compareTo(refresh.plus(connectTimeout).plus(readTimeout)) >= 0;
    }

    @AssertTrue(message = "dashboard.allowed-hosts must not be empty (use * to allow any)")
    public boolean isAllowedHostsSet() {
        return !allowedHosts.isEmpty();
    }
}
