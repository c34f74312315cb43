package io.netns4j.lab.model;

import java.util.List;
import java.util.Map;

/**
 * A node of the lab: one network namespace, {@code ip netns add <lab>-<name>}, with {@code lo} up.
 *
 * @param sysctls settings written in the namespace, in file order ({@code sysctl -w KEY=VALUE})
 * @param routes static routes ({@code ip -n NS route add ...}), including computed default routes
 * @param firewall applied after routes
 * @param exec commands started at the end, each {@code ip netns exec NS sh -c COMMAND}
 * @param env environment of those commands
 * @param hosts extra {@code /etc/hosts} lines
 */
public record TopologyNode(String name, NodeKind kind, Map<String, String> sysctls, List<LabRoute> routes,
                   FirewallSpec firewall, List<String> exec, Map<String, String> env, List<HostsEntry> hosts) {
    public TopologyNode {
        sysctls = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sysctls));
        routes = List.copyOf(routes);
        exec = List.copyOf(exec);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        hosts = List.copyOf(hosts);
    }

    public TopologyNode withRoutes(List<LabRoute> list) {
        return new TopologyNode(name, kind, sysctls, list, firewall, exec, env, hosts);
    }
}
