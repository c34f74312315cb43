package io.netns4j.lab.model;

import java.util.List;
import java.util.Map;

/**
 * A node of the lab: one network namespace, {@code ip netns add <lab>-<name>}, with {@code lo} up.
 *
 * @param sysctls settings written in the namespace, in file order ({@code sysctl -w KEY=VALUE})
 * @param routes static routes ({@code ip -n NS route add ...}), including computed default routes
 * @param firewall applied after routes
 * @param services programs started at the end and kept running by the lab's supervisor, each
 *                {@code ip netns exec NS sh -c COMMAND} (the file's {@code exec} list)
 * @param env environment of those services (each service's own {@code env} comes after it)
 * @param hosts extra {@code /etc/hosts} lines
 * @param name the node's name in the file; its namespace is {@code <lab>-<name>}
 * @param kind {@code host}, {@code router} (forwarding on) or {@code bridge}
 */
public record TopologyNode(String name, NodeKind kind, Map<String, String> sysctls, List<LabRoute> routes,
                   FirewallSpec firewall, List<ServiceSpec> services, Map<String, String> env, List<HostsEntry> hosts) {
    /** Copies the maps and lists: the value does not change with the caller's. */
    public TopologyNode {
        sysctls = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sysctls));
        routes = List.copyOf(routes);
        services = List.copyOf(services);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        hosts = List.copyOf(hosts);
    }

    /**
     * This node with other routes.
     *
     * @param list the routes, in the file's order
     * @return a copy with those routes
     */
    public TopologyNode withRoutes(List<LabRoute> list) {
        return new TopologyNode(name, kind, sysctls, list, firewall, services, env, hosts);
    }
}
