package dev.clocksync.support.access;

import java.util.List;

/**
 * A path whose state-changing requests a service accepts only from certain hosts, on top of the
 * cluster's token: a Berkeley slave takes adjustments only from its master, an election node takes
 * messages only from the members of its group. With one token shared by the whole cluster, the token
 * says a request comes from inside the cluster; the address says from which node. A service declares
 * one with a bean of this type; other requests from other addresses are answered 403.
 * <p>
 * The host names are resolved when a request comes (a service caches lookups for 5 s), so a peer whose
 * address changes, as a container's does when it is recreated, is still recognized. A loopback address
 * among them stands for every loopback address: on one host, 127.0.0.1 and ::1 are the same caller.
 *
 * @param pathPattern a Spring MVC path pattern, e.g. {@code /clock/adjustments}
 * @param callers     who may call, for the problem document, e.g. {@code its master (berkeley.master-url)}
 * @param hosts       the host names or addresses those callers have, e.g. the host of the master's URL
 */
public record TrustedCallers(String pathPattern, String callers, List<String> hosts) {

    public TrustedCallers {
        hosts = List.copyOf(hosts);
    }
}
