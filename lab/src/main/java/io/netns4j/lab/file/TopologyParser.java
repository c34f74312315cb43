package io.netns4j.lab.file;

import io.netns4j.firewall.Family;
import io.netns4j.firewall.Table;
import io.netns4j.firewall.iptables.IptablesCommandLine;
import io.netns4j.firewall.iptables.IptablesSyntaxException;
import io.netns4j.lab.model.AddressPools;
import io.netns4j.lab.model.Defaults;
import io.netns4j.lab.model.FirewallSpec;
import io.netns4j.lab.model.HostsEntry;
import io.netns4j.lab.model.LabRoute;
import io.netns4j.lab.model.NodeKind;
import io.netns4j.lab.model.ServiceSpec;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.model.TopologyNode;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.NetnsNames;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the YAML tree into the model, checking each value where it stands; links are checked by {@link LinkChecker}. */
final class TopologyParser {
    static final Set<String> TOP_KEYS = Set.of("name", "defaults", "nodes", "links");
    static final Set<String> DEFAULTS_KEYS = Set.of("kind", "mtu", "pools", "default-routes", "hosts", "ipv6-dad");
    static final Set<String> POOL_KEYS = Set.of("ipv4", "ipv6", "ipv4-link-length", "ipv4-lan-length");
    static final Set<String> NODE_KEYS = Set.of("kind", "sysctls", "routes", "firewall", "exec", "env", "hosts");
    static final Set<String> FIREWALL_KEYS = Set.of("iptables", "nft", "rules");
    private static final String CONTAINERS = "lab nodes are network namespaces, not containers; run programs with \"exec\"";
    static final Map<String, String> TOP_UNSUPPORTED = Map.of(
            "topology", "containerlab nests nodes and links under \"topology\"; netns4j puts them at the top level",
            "mgmt", "a lab has no management network; the nodes are reachable through their links",
            "kinds", "put shared settings under \"defaults\"");
    static final Map<String, String> NODE_UNSUPPORTED = Map.of(
            "image", CONTAINERS, "cmd", CONTAINERS, "binds", CONTAINERS, "ports", CONTAINERS,
            "startup-config", "write the commands under \"exec\", or routes and firewall lines directly",
            "mgmt-ipv4", "a lab has no management network");

    final Problems problems;
    final Yaml yaml;
    /** Where each model object came from, for problems found after parsing. */
    final Map<Object, Node> where = new IdentityHashMap<>();
    String labName;

    TopologyParser(Problems problems) {
        this.problems = problems;
        this.yaml = new Yaml(problems);
    }

    String name(Map<String, Node> top, Node root) {
        Node n = top.get("name");
        if (n == null) {
            problems.at(root, "the lab has no \"name\"", "add e.g. \"name: mylab\"; node namespaces are named <name>-<node>");
            return "lab";
        }
        String s = yaml.scalar(n, "\"name\"");
        if (s == null) {
            return "lab";
        }
        if (!s.matches("[A-Za-z0-9_.][A-Za-z0-9_.-]*")) {
            problems.at(n, "lab name \"" + s + "\" may use only letters, digits, '_', '.' and '-'",
                    "it starts every namespace name of the lab");
        }
        return s;
    }

    Defaults defaults(Node n) {
        if (n == null) {
            return Defaults.NONE;
        }
        Map<String, Node> m = yaml.mapping(n, "\"defaults\"", DEFAULTS_KEYS, Map.of());
        if (m == null) {
            return Defaults.NONE;
        }
        NodeKind kind = m.containsKey("kind") ? kind(m.get("kind")) : NodeKind.HOST;
        Integer mtu = m.containsKey("mtu") ? yaml.integer(m.get("mtu"), "\"mtu\"", 68, 65535) : null;
        AddressPools pools = m.containsKey("pools") ? pools(m.get("pools")) : AddressPools.NONE;
        Boolean routes = m.containsKey("default-routes") ? yaml.bool(m.get("default-routes"), "\"default-routes\"") : null;
        Boolean hosts = m.containsKey("hosts") ? yaml.bool(m.get("hosts"), "\"hosts\" in \"defaults\"") : null;
        Boolean dad = m.containsKey("ipv6-dad") ? yaml.bool(m.get("ipv6-dad"), "\"ipv6-dad\"") : null;
        return new Defaults(kind == null ? NodeKind.HOST : kind, mtu, pools, routes == null || routes,
                hosts != null && hosts, dad == null || dad);
    }

    private AddressPools pools(Node n) {
        Map<String, Node> m = yaml.mapping(n, "\"pools\"", POOL_KEYS, Map.of());
        if (m == null) {
            return AddressPools.NONE;
        }
        InetPrefix v4 = m.containsKey("ipv4") ? pool(m.get("ipv4"), false) : null;
        InetPrefix v6 = m.containsKey("ipv6") ? pool(m.get("ipv6"), true) : null;
        Integer link = m.containsKey("ipv4-link-length")
                ? yaml.integer(m.get("ipv4-link-length"), "\"ipv4-link-length\"", 8, 31) : null;
        Integer lan = m.containsKey("ipv4-lan-length")
                ? yaml.integer(m.get("ipv4-lan-length"), "\"ipv4-lan-length\"", 8, 30) : null;
        return new AddressPools(v4, v6, link == null ? 30 : link, lan == null ? 24 : lan);
    }

    private InetPrefix pool(Node n, boolean ipv6) {
        InetPrefix p = prefix(n, "pool");
        if (p == null) {
            return null;
        }
        if (p.isIpv6() != ipv6) {
            problems.at(n, "pool " + p + " is " + (p.isIpv6() ? "IPv6" : "IPv4") + " but is given as \""
                    + (ipv6 ? "ipv6" : "ipv4") + "\"", "swap them");
            return null;
        }
        if (!p.network().equals(p)) {
            problems.at(n, "pool " + p + " has host bits set", "write the network: " + p.network());
            return null;
        }
        if (ipv6 && p.length() > AddressPools.IPV6_LENGTH) {
            problems.at(n, "IPv6 pool " + p + " is smaller than one /64", "give a /64 or larger, e.g. fd00:1::/48");
            return null;
        }
        return p;
    }

    InetPrefix prefix(Node n, String what) {
        String s = yaml.scalar(n, what);
        if (s == null) {
            return null;
        }
        try {
            return InetPrefix.parse(s);
        } catch (IllegalArgumentException e) {
            problems.at(n, "bad " + what + ": " + e.getMessage(), "write ADDRESS/LENGTH, e.g. 10.0.0.1/24 or fd00::1/64");
            return null;
        }
    }

    NodeKind kind(Node n) {
        String s = yaml.scalar(n, "\"kind\"");
        if (s == null) {
            return null;
        }
        for (NodeKind k : NodeKind.values()) {
            if (k.word().equals(s)) {
                return k;
            }
        }
        problems.at(n, "unknown node kind \"" + s + "\"", "use host, router or bridge");
        return null;
    }

    /** The nodes in file order. */
    List<TopologyNode> nodes(Node n, Node root, Defaults defaults) {
        List<TopologyNode> out = new ArrayList<>();
        if (n == null) {
            problems.at(root, "the lab has no \"nodes\"", "add \"nodes:\" with at least one node");
            return out;
        }
        Map<String, Node> m = yaml.namedMapping(n, "\"nodes\"");
        if (m == null) {
            return out;
        }
        if (m.isEmpty()) {
            problems.at(n, "\"nodes\" is empty", "add at least one node");
        }
        for (Map.Entry<String, Node> e : m.entrySet()) {
            Node key = keyNode(n, e.getKey());
            checkNodeName(e.getKey(), key);
            TopologyNode node = node(e.getKey(), e.getValue(), defaults);
            where.put(node, key);
            out.add(node);
        }
        return out;
    }

    private void checkNodeName(String name, Node at) {
        if (!name.matches("[A-Za-z0-9_.][A-Za-z0-9_.-]*")) {
            problems.at(at, "node name \"" + name + "\" may use only letters, digits, '_', '.' and '-'",
                    "it becomes part of a namespace name and of \"node:interface\" endpoints");
            return;
        }
        try {
            NetnsNames.check(Topology.namespaceName(labName, name));
        } catch (IllegalArgumentException e) {
            problems.at(at, "node \"" + (name.length() > 20 ? name.substring(0, 20) + "..." : name)
                    + "\" gives a bad namespace name: " + e.getMessage(), "shorten the node or lab name");
        }
    }

    private static Node keyNode(Node mapping, String key) {
        for (var t : ((org.snakeyaml.engine.v2.nodes.MappingNode) mapping).getValue()) {
            if (t.getKeyNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s && s.getValue().equals(key)) {
                return t.getKeyNode();
            }
        }
        return mapping;
    }

    private TopologyNode node(String name, Node n, Defaults defaults) {
        Map<String, Node> m = Yaml.isNull(n) ? Map.of()
                : yaml.mapping(n, "node \"" + name + "\"", NODE_KEYS, NODE_UNSUPPORTED);
        if (m == null) {
            m = Map.of();
        }
        NodeKind kind = m.containsKey("kind") ? kind(m.get("kind")) : defaults.kind();
        kind = kind == null ? defaults.kind() : kind;
        Map<String, String> sysctls = new LinkedHashMap<>();
        if (m.containsKey("sysctls")) {
            Map<String, Node> s = yaml.namedMapping(m.get("sysctls"), "\"sysctls\"");
            if (s != null) {
                for (Map.Entry<String, Node> e : s.entrySet()) {
                    if (!e.getKey().matches("[a-z0-9_]+(\\.[A-Za-z0-9_.*-]+)+")) {
                        problems.at(keyNode(m.get("sysctls"), e.getKey()), "\"" + e.getKey()
                                + "\" is not a sysctl name", "write it as sysctl does, e.g. net.ipv4.ip_forward");
                    }
                    String v = yaml.scalar(e.getValue(), "sysctl " + e.getKey());
                    if (v != null) {
                        sysctls.put(e.getKey(), v);
                    }
                }
            }
        }
        List<LabRoute> routes = new ArrayList<>();
        if (m.containsKey("routes")) {
            if (kind == NodeKind.BRIDGE) {
                problems.at(m.get("routes"), "bridge node \"" + name + "\" cannot have routes",
                        "a bridge switches frames and has no addresses; give the routes to the hosts or a router");
            } else {
                List<Node> items = yaml.sequence(m.get("routes"), "\"routes\"");
                for (Node item : items == null ? List.<Node>of() : items) {
                    String s = yaml.scalar(item, "a route");
                    if (s != null) {
                        try {
                            LabRoute r = RouteWords.parse(s);
                            where.put(r, item);
                            routes.add(r);
                        } catch (IllegalArgumentException e) {
                            problems.at(item, "bad route \"" + s + "\": " + e.getMessage(),
                                    "write ip route words, e.g. \"default via 10.0.0.1\" or "
                                            + "\"10.2.0.0/16 nexthop via 10.0.1.1 nexthop via 10.0.2.1\"");
                        }
                    }
                }
            }
        }
        FirewallSpec firewall = m.containsKey("firewall") ? firewall(m.get("firewall"), name, kind) : FirewallSpec.NONE;
        List<ServiceSpec> services = m.containsKey("exec") ? new ServiceParser(this).services(m.get("exec"), name)
                : List.of();
        Map<String, String> env = new LinkedHashMap<>();
        if (m.containsKey("env")) {
            environment(m.get("env"), env);
        }
        List<HostsEntry> hosts = new ArrayList<>();
        if (m.containsKey("hosts")) {
            List<Node> items = yaml.sequence(m.get("hosts"), "\"hosts\"");
            for (Node item : items == null ? List.<Node>of() : items) {
                HostsEntry h = hostsEntry(item);
                if (h != null) {
                    hosts.add(h);
                }
            }
        }
        return new TopologyNode(name, kind, sysctls, routes, firewall, services, env, hosts);
    }

    /** An {@code env} mapping ({@code NAME: VALUE}) into {@code env}, names checked. */
    void environment(Node n, Map<String, String> env) {
        Map<String, Node> s = yaml.namedMapping(n, "\"env\"");
        if (s == null) {
            return;
        }
        for (Map.Entry<String, Node> e : s.entrySet()) {
            if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                problems.at(keyNode(n, e.getKey()), "\"" + e.getKey() + "\" is not an environment variable name",
                        "use letters, digits and '_'");
            }
            String v = yaml.scalar(e.getValue(), "env " + e.getKey());
            if (v != null) {
                env.put(e.getKey(), v);
            }
        }
    }

    private FirewallSpec firewall(Node n, String node, NodeKind kind) {
        Map<String, Node> m = yaml.mapping(n, "\"firewall\"", FIREWALL_KEYS, Map.of());
        if (m == null) {
            return FirewallSpec.NONE;
        }
        List<String> iptables = m.containsKey("iptables") ? yaml.strings(m.get("iptables"), "\"iptables\"") : List.of();
        for (int i = 0; i < iptables.size(); i++) {
            String line = iptables.get(i).strip();
            if (line.startsWith("iptables ") || line.startsWith("ip ")) {
                problems.at(m.get("iptables"), "iptables line \"" + line + "\" starts with the command name",
                        "write only the arguments, e.g. \"-A INPUT -p tcp --dport 80 -j ACCEPT\"");
            } else if (!line.startsWith("-")) {
                problems.at(m.get("iptables"), "iptables line \"" + line + "\" does not start with an option",
                        "write iptables arguments, e.g. \"-P INPUT DROP\"");
            } else {
                Node at = m.get("iptables") instanceof SequenceNode seq && i < seq.getValue().size()
                        ? seq.getValue().get(i) : m.get("iptables");
                try {
                    IptablesCommandLine parsed = IptablesCommandLine.parse(line, Family.IP);
                    if (!parsed.changesState()) {
                        problems.at(at, "iptables line \"" + line + "\": " + parsed.command().option()
                                + " changes nothing", "a lab's firewall lines use -A, -I, -R, -D, -F, -Z, -N, -X or -P");
                    }
                } catch (IptablesSyntaxException e) {
                    problems.at(at, "iptables line \"" + line + "\": " + e.getMessage(), null);
                }
            }
        }
        String nft = m.containsKey("nft") ? yaml.scalar(m.get("nft"), "\"nft\"") : null;
        Table table = m.containsKey("rules") ? new TypedFirewallParser(problems, yaml).parse(m.get("rules"), nft) : null;
        return new FirewallSpec(iptables, nft, table);
    }

    private HostsEntry hostsEntry(Node item) {
        String s = yaml.scalar(item, "a hosts line");
        if (s == null) {
            return null;
        }
        String[] words = s.trim().split("\\s+");
        try {
            if (words.length < 2) {
                throw new IllegalArgumentException("it has no name");
            }
            InetAddress a = InetPrefix.parseAddress(words[0]);
            return new HostsEntry(a, List.of(words).subList(1, words.length));
        } catch (IllegalArgumentException e) {
            problems.at(item, "bad hosts line \"" + s + "\": " + e.getMessage(), "write \"ADDRESS NAME...\"");
            return null;
        }
    }

    /** Node names, for messages. */
    static String known(List<TopologyNode> nodes) {
        Set<String> names = new LinkedHashSet<>();
        nodes.forEach(x -> names.add(x.name()));
        return String.join(", ", names);
    }
}
