package io.netns4j.lab.plan;

import io.netns4j.lab.model.Endpoint;
import io.netns4j.lab.model.HostsEntry;
import io.netns4j.lab.model.NodeKind;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.model.TopologyLink;
import io.netns4j.lab.model.TopologyNode;
import io.netns4j.types.InetPrefix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code lab up} runs for a topology, in order, as data: namespaces with {@code lo} up,
 * sysctls (forwarding on routers first), bridges, veth pairs with their peers already in place,
 * link settings, addresses, routes, firewall, impairments, {@code /etc/hosts} files, then the
 * {@code exec} commands. A pure function: no system call. {@link #toString()} prints the
 * equivalent commands, one per line: what {@code lab up --dry-run} shows.
 *
 * @param steps the steps, in the order they run
 */
public record Plan(List<Step> steps) {
    /** The bridge device inside a bridge node's namespace. */
    public static final String BRIDGE_DEVICE = NodeKind.BRIDGE_DEVICE;
    static final Map<String, String> FORWARDING = Map.of("net.ipv4.ip_forward", "1",
            "net.ipv6.conf.all.forwarding", "1");

    /** Copies the steps (the record is immutable). */
    public Plan {
        steps = List.copyOf(steps);
    }

    /**
     * The full plan that builds {@code t} from nothing: {@code netns4j lab up --dry-run FILE}.
     *
     * @param t the lab
     * @return its steps
     */
    public static Plan of(Topology t) {
        List<Step> s = new ArrayList<>();
        for (TopologyNode n : t.nodes()) {
            s.add(new Step.AddNamespace(t.namespace(n.name())));
        }
        for (TopologyNode n : t.nodes()) {
            s.add(new Step.LinkUp(t.namespace(n.name()), "lo"));
        }
        for (TopologyNode n : t.nodes()) {
            String ns = t.namespace(n.name());
            if (n.kind() == NodeKind.ROUTER) {
                for (String key : List.of("net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding")) {
                    if (!n.sysctls().containsKey(key)) {
                        s.add(new Step.SetSysctl(ns, key, FORWARDING.get(key), true));
                    }
                }
            }
            n.sysctls().forEach((k, v) -> s.add(new Step.SetSysctl(ns, k, v, false)));
        }
        for (TopologyNode n : t.nodes()) {
            if (n.kind() == NodeKind.BRIDGE) {
                s.add(new Step.AddBridge(t.namespace(n.name()), BRIDGE_DEVICE));
            }
        }
        for (TopologyLink l : t.links()) {
            s.add(new Step.AddVeth(t.namespace(l.a().node()), l.a().iface(), t.namespace(l.b().node()), l.b().iface()));
        }
        for (TopologyLink l : t.links()) {
            for (Endpoint e : List.of(l.a(), l.b())) {
                boolean port = t.node(e.node()).orElseThrow().kind() == NodeKind.BRIDGE;
                s.add(new Step.SetLink(t.namespace(e.node()), e.iface(), e.mtu(), e.mac(), port ? BRIDGE_DEVICE : null));
            }
        }
        for (TopologyLink l : t.links()) {
            for (Endpoint e : List.of(l.a(), l.b())) {
                e.addresses().forEach(a -> s.add(new Step.AddAddress(t.namespace(e.node()), e.iface(), a)));
            }
        }
        for (TopologyNode n : t.nodes()) {
            n.routes().forEach(r -> s.add(new Step.AddRoute(t.namespace(n.name()), r)));
        }
        for (TopologyNode n : t.nodes()) {
            String ns = t.namespace(n.name());
            n.firewall().iptables().forEach(line -> s.add(new Step.IptablesLine(ns, line)));
            if (n.firewall().nft() != null) {
                s.add(new Step.NftScript(ns, n.firewall().nft()));
            }
            if (n.firewall().table() != null) {
                s.add(new Step.FirewallTable(ns, n.firewall().table()));
            }
        }
        for (TopologyLink l : t.links()) {
            for (Endpoint e : List.of(l.a(), l.b())) {
                if (!e.impairment().isNone()) {
                    s.add(new Step.Impair(t.namespace(e.node()), e.iface(), e.impairment()));
                }
            }
        }
        for (TopologyNode n : t.nodes()) {
            List<HostsEntry> hosts = new ArrayList<>(t.defaults().hosts() ? labHosts(t) : List.of());
            hosts.addAll(n.hosts());
            if (!hosts.isEmpty() && n.kind() != NodeKind.BRIDGE) {
                // the file replaces /etc/hosts inside the namespace, so it keeps localhost
                hosts.addAll(0, List.of(new HostsEntry(InetPrefix.parseAddress("127.0.0.1"), List.of("localhost")),
                        new HostsEntry(InetPrefix.parseAddress("::1"), List.of("localhost"))));
                s.add(new Step.WriteHosts(t.namespace(n.name()), hosts));
            }
        }
        for (TopologyNode n : t.nodes()) {
            n.services().forEach(v -> s.add(new Step.StartService(t.namespace(n.name()), n.name(),
                    v.withEnv(v.environmentOn(n.env())))));
        }
        return new Plan(s);
    }

    /** One line per non-bridge node with an address: its first IPv4 address, else its first IPv6 one. */
    static List<HostsEntry> labHosts(Topology t) {
        Map<String, HostsEntry> out = new LinkedHashMap<>();
        for (TopologyNode n : t.nodes()) {
            t.endpoints(n.name()).stream().flatMap(e -> e.addresses().stream())
                    .sorted((a, b) -> Boolean.compare(a.isIpv6(), b.isIpv6())).findFirst()
                    .ifPresent(a -> out.put(n.name(), new HostsEntry(a.address(), List.of(n.name()))));
        }
        return List.copyOf(out.values());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        steps.forEach(st -> sb.append(st.command()).append('\n'));
        return sb.toString();
    }
}
