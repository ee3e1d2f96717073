package dev.clocksync.electionservice.node;

import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Who takes part in the elections: this node's id and every member's base URL, its own included. A service
 * with no members is not elected: it runs alone, as it would without this library (a single Berkeley master).
 * The group is a bean of its own, not the properties, so that each service chooses what no
 * {@code election.peers} means: the election nodes fall back on the five local nodes, a master on running alone.
 *
 * @param self    this node's id
 * @param members every member's base URL by id; empty when the service is not elected
 */
public record ElectionGroup(int self, SortedMap<Integer, URI> members) {

    /** Five nodes on this host: 1 to 5 on ports 8101 to 8105, as {@code ./cluster up} runs them. */
    public static final SortedMap<Integer, URI> LOCAL_FIVE = Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
            1, URI.create("http://127.0.0.1:8101"), 2, URI.create("http://127.0.0.1:8102"),
            3, URI.create("http://127.0.0.1:8103"), 4, URI.create("http://127.0.0.1:8104"),
            5, URI.create("http://127.0.0.1:8105"))));

    public ElectionGroup {
        members = Collections.unmodifiableSortedMap(new TreeMap<>(members));
        if (!members.isEmpty() && !members.containsKey(self)) {
            throw new IllegalArgumentException("election.peers must list election.node-id (" + self
                    + "), with the node's own URL; they list " + members.keySet());
        }
    }

    /** @return the group {@code election.peers} names, or none: the service runs alone unless told otherwise */
    public static ElectionGroup configured(ElectionProperties properties) {
        return new ElectionGroup(properties.nodeId(), new TreeMap<>(properties.peers()));
    }

    /** @return the group {@code election.peers} names, or, if it names none, {@code fallback} */
    public static ElectionGroup configuredOr(ElectionProperties properties, SortedMap<Integer, URI> fallback) {
        return new ElectionGroup(properties.nodeId(), properties.peers().isEmpty() ? fallback : new TreeMap<>(properties.peers()));
    }

    /** @return whether the service takes part in elections at all */
    public boolean elected() {
        return !members.isEmpty();
    }

    /** @return the base URL of the member with this id, or null */
    public URI url(Integer id) {
        return id == null ? null : members.get(id);
    }
}
