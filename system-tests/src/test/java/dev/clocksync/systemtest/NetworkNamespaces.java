package dev.clocksync.systemtest;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hosts of a test's own: Linux network namespaces, joined by veth pairs to each other or to a switch (a
 * namespace holding a bridge), with addresses from 192.0.2.0/24 that exist only inside them (never on the
 * machine's own interfaces). A host's cable to the switch can be pulled and plugged in again. Closing
 * deletes the namespaces, and with them their interfaces.
 */
final class NetworkNamespaces implements AutoCloseable {

    private final String prefix = "cs" + (100_000 + new SecureRandom().nextInt(900_000));
    private final List<String> created = new ArrayList<>();
    private final Map<String, String> switchPorts = new HashMap<>();
    private final Set<String> cut = new HashSet<>();
    private String switchNamespace;

    /** @return the namespace's name, for {@code ip netns exec} */
    String create(String role) {
        String name = prefix + role;
        check(Tools.run("ip", "netns", "add", name));
        created.add(name);
        check(Tools.run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up"));
        return name;
    }

    /** Joins two namespaces with a veth pair and gives each end its address (CIDR, e.g. 192.0.2.10/24). */
    void link(String a, String addressA, String b, String addressB) {
        String endA = "v" + a.substring(prefix.length()) + prefix.substring(2);
        String endB = "v" + b.substring(prefix.length()) + prefix.substring(2);
        check(Tools.run("ip", "link", "add", endA, "netns", a, "type", "veth", "peer", "name", endB, "netns", b));
        check(Tools.run("ip", "netns", "exec", a, "ip", "addr", "add", addressA, "dev", endA));
        check(Tools.run("ip", "netns", "exec", b, "ip", "addr", "add", addressB, "dev", endB));
        check(Tools.run("ip", "netns", "exec", a, "ip", "link", "set", endA, "up"));
        check(Tools.run("ip", "netns", "exec", b, "ip", "link", "set", endB, "up"));
    }

    /**
     * Plugs a host into the switch (made on first use): a veth pair whose host end gets the address (CIDR,
     * e.g. 192.0.2.11/24) and whose other end is a port of the switch's bridge.
     */
    void plug(String host, String address) {
        if (switchNamespace == null) {
            switchNamespace = create("sw");
            check(Tools.run("ip", "netns", "exec", switchNamespace, "ip", "link", "add", "br0", "type", "bridge"));
            check(Tools.run("ip", "netns", "exec", switchNamespace, "ip", "link", "set", "br0", "up"));
        }
        String tag = host.substring(prefix.length()) + prefix.substring(2);
        String hostEnd = "e" + tag;
        String port = "p" + tag;
        check(Tools.run("ip", "link", "add", hostEnd, "netns", host, "type", "veth", "peer", "name", port, "netns", switchNamespace));
        check(Tools.run("ip", "netns", "exec", host, "ip", "addr", "add", address, "dev", hostEnd));
        check(Tools.run("ip", "netns", "exec", host, "ip", "link", "set", hostEnd, "up"));
        check(Tools.run("ip", "netns", "exec", switchNamespace, "ip", "link", "set", port, "master", "br0", "up"));
        switchPorts.put(host, port);
    }

    /**
     * Pulls the host's cable: its port leaves the bridge, so whatever it sends is dropped without an answer
     * (as on a cut link, not a refused connection) and nothing reaches it. The host's own interface stays up.
     */
    void cut(String host) {
        check(Tools.run("ip", "netns", "exec", switchNamespace, "ip", "link", "set", switchPorts.get(host), "nomaster"));
        cut.add(host);
    }

    /** Plugs the host's cable back into the bridge. */
    void heal(String host) {
        check(Tools.run("ip", "netns", "exec", switchNamespace, "ip", "link", "set", switchPorts.get(host), "master", "br0"));
        cut.remove(host);
    }

    /** Plugs every cable that is cut back in. */
    void healAll() {
        List.copyOf(cut).forEach(this::heal);
    }

    /** @return the command prefix that runs a program inside the namespace */
    static List<String> in(String namespace) {
        return List.of("ip", "netns", "exec", namespace);
    }

    private static void check(Tools.Result result) {
        if (result.exitCode() != 0) {
            throw new IllegalStateException("ip failed: " + result.output());
        }
    }

    /** @return whether namespaces can be made here (root and iproute2) */
    static boolean available() {
        return Tools.isRoot() && Tools.run("sh", "-c", "command -v ip").exitCode() == 0;
    }

    @Override
    public void close() {
        for (String name : created) {
            Tools.run("ip", "netns", "del", name);
        }
        created.clear();
        switchPorts.clear();
        cut.clear();
        switchNamespace = null;
    }
}
