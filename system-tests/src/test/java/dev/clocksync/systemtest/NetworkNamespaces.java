package dev.clocksync.systemtest;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Hosts of a test's own: Linux network namespaces, each joined to the first by a veth pair, with
 * addresses from 192.0.2.0/24 that exist only inside them (never on the machine's own interfaces).
 * Closing deletes the namespaces, and with them their interfaces.
 */
final class NetworkNamespaces implements AutoCloseable {

    private final String prefix = "cs" + (100_000 + new SecureRandom().nextInt(900_000));
    private final List<String> created = new ArrayList<>();

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
    }
}
