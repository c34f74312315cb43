package io.netns4j.lab;

import io.netns4j.internal.json.JsonWriter;
import io.netns4j.lab.file.TopologyException;
import io.netns4j.lab.file.TopologyFile;
import io.netns4j.lab.model.Condition;
import io.netns4j.lab.model.ServiceSpec;
import io.netns4j.lab.model.Topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A lab written in code, with everything a lab file can say (docs/lab-format.md):
 * <pre>{@code
 * Topology t = LabSpec.named("db").ipv4Pool("10.70.0.0/16")
 *         .bridge("sw").hosts("n1", "n2", "n3").on("sw")
 *         .node("n1", n -> n.exec("python3 -m http.server 80").env("K", "V"))
 *         .topology();
 * }</pre>
 * A spec is an immutable value, like the library's requests: every call returns a new spec and
 * leaves the one it was called on as it was, so a base lab can be shared and varied
 * ({@code base.hosts("n4").link("n4", "r")}) without one variant changing another.
 *
 * <p>The spec writes the lab as a file would (the same keys, as JSON, which YAML 1.2 reads:
 * {@link #text}) and {@link #topology} reads it with {@link TopologyFile#parse}: the same checks
 * (every problem at once, a {@link TopologyException}), automatic addresses and routes, and the
 * text is kept, so a lab made in code can be updated in place by a second {@code Lab.up} like
 * one from a file.
 */
public final class LabSpec {
    private final String name;
    private final Map<String, Object> defaults;
    private final Map<String, Object> pools;
    /** Node name to its mapping in the file; a mapping is copied before a call changes it. */
    private final Map<String, Map<String, Object>> nodes;
    private final List<LinkEntry> links;
    private final Map<String, Integer> nextInterface;
    /** Endpoint {@code NODE:IF} to its settings (addresses, mtu, mac, impair), copied before a change. */
    private final Map<String, Map<String, Object>> endpointSettings;
    private final List<String> lastHosts;

    /** A link as the file writes it: a bridge with member endpoints, or two endpoints. */
    private record LinkEntry(String bridge, List<String> endpoints) {
    }

    private LabSpec(String name) {
        this.name = name;
        this.defaults = new LinkedHashMap<>();
        this.pools = new LinkedHashMap<>();
        this.nodes = new LinkedHashMap<>();
        this.links = new ArrayList<>();
        this.nextInterface = new LinkedHashMap<>();
        this.endpointSettings = new LinkedHashMap<>();
        this.lastHosts = List.of();
    }

    /** A copy to change: the outer maps and lists are new, the node and endpoint mappings shared until changed. */
    private LabSpec(LabSpec from, List<String> lastHosts) {
        this.name = from.name;
        this.defaults = new LinkedHashMap<>(from.defaults);
        this.pools = new LinkedHashMap<>(from.pools);
        this.nodes = new LinkedHashMap<>(from.nodes);
        this.links = new ArrayList<>(from.links);
        this.nextInterface = new LinkedHashMap<>(from.nextInterface);
        this.endpointSettings = new LinkedHashMap<>(from.endpointSettings);
        this.lastHosts = lastHosts;
    }

    /**
     * A lab named {@code name}: its namespaces are {@code <name>-<node>}.
     *
     * @param name the lab's name, as {@code name:} in a lab file
     * @return a spec of an empty lab
     */
    public static LabSpec named(String name) {
        return new LabSpec(name);
    }

    private LabSpec copy() {
        return new LabSpec(this, lastHosts);
    }

    /**
     * {@code defaults.pools.ipv4}: automatic IPv4 addresses from this prefix.
     *
     * @param prefix an IPv4 prefix, e.g. {@code 10.70.0.0/16}
     * @return a new spec with it
     */
    public LabSpec ipv4Pool(String prefix) {
        LabSpec c = copy();
        c.pools.put("ipv4", prefix);
        return c;
    }

    /**
     * {@code defaults.pools.ipv6}: automatic IPv6 addresses from this prefix ({@code /64} or larger).
     *
     * @param prefix an IPv6 prefix, e.g. {@code fd00:70::/48}
     * @return a new spec with it
     */
    public LabSpec ipv6Pool(String prefix) {
        LabSpec c = copy();
        c.pools.put("ipv6", prefix);
        return c;
    }

    /**
     * {@code defaults.hosts}: every node's {@code /etc/hosts} names every node.
     *
     * @param value true to write the hosts files
     * @return a new spec with it
     */
    public LabSpec hostsFile(boolean value) {
        LabSpec c = copy();
        c.defaults.put("hosts", value);
        return c;
    }

    /**
     * {@code defaults.default-routes}: hosts get a default route via their only router (on by default).
     *
     * @param value false to leave hosts without default routes
     * @return a new spec with it
     */
    public LabSpec defaultRoutes(boolean value) {
        LabSpec c = copy();
        c.defaults.put("default-routes", value);
        return c;
    }

    /**
     * {@code defaults.ipv6-dad}: false adds IPv6 addresses with {@code nodad}.
     *
     * @param value false to skip duplicate address detection
     * @return a new spec with it
     */
    public LabSpec ipv6Dad(boolean value) {
        LabSpec c = copy();
        c.defaults.put("ipv6-dad", value);
        return c;
    }

    /**
     * {@code defaults.mtu}: the MTU of every endpoint that names none.
     *
     * @param value the MTU, in bytes
     * @return a new spec with it
     */
    public LabSpec mtu(int value) {
        LabSpec c = copy();
        c.defaults.put("mtu", value);
        return c;
    }

    /**
     * Host nodes; {@link #on} right after puts them on a bridge.
     *
     * @param names the nodes' names
     * @return a new spec with it
     */
    public LabSpec hosts(String... names) {
        LabSpec c = new LabSpec(this, List.of(names));
        for (String n : names) {
            if (!c.nodes.containsKey(n)) {
                c.changeNode(n).put("kind", "host");
            }
        }
        return c;
    }

    /**
     * Router nodes (forwarding on).
     *
     * @param names the nodes' names
     * @return a new spec with it
     */
    public LabSpec routers(String... names) {
        LabSpec c = copy();
        for (String n : names) {
            c.changeNode(n).put("kind", "router");
        }
        return c;
    }

    /**
     * A bridge node: a switch whose links become its ports.
     *
     * @param name the bridge node's name
     * @return a new spec with it
     */
    public LabSpec bridge(String name) {
        LabSpec c = copy();
        c.changeNode(name).put("kind", "bridge");
        return c;
    }

    /**
     * Puts the nodes of the last {@link #hosts} call on bridge {@code bridge}, each with its next
     * free {@code ethN}: {@code {bridge: SW, members: [n1:eth0, ...]}}.
     *
     * @param bridge the name of a bridge node
     * @return a new spec with it
     */
    public LabSpec on(String bridge) {
        if (lastHosts.isEmpty()) {
            throw new IllegalStateException("on(\"" + bridge + "\") follows hosts(...): name the hosts first");
        }
        LabSpec c = copy();
        List<String> members = new ArrayList<>();
        for (String h : lastHosts) {
            members.add(h + ":" + c.nextInterface(h));
        }
        c.links.add(new LinkEntry(bridge, List.copyOf(members)));
        return c;
    }

    /**
     * A link between two endpoints, each {@code NODE:INTERFACE} or just {@code NODE} (its next free
     * {@code ethN}): {@code endpoints: [A, B]}. A node named here and nowhere else is a host.
     *
     * @param a one end: {@code NODE:INTERFACE} or {@code NODE}
     * @param b the other end, written the same way
     * @return a new spec with it
     */
    public LabSpec link(String a, String b) {
        LabSpec c = copy();
        List<String> ends = new ArrayList<>();
        for (String e : List.of(a, b)) {
            String full = e.contains(":") ? e : e + ":" + c.nextInterface(e);
            String node = full.substring(0, full.indexOf(':'));
            if (!c.nodes.containsKey(node)) {
                c.changeNode(node).put("kind", "host");
            }
            ends.add(full);
        }
        c.links.add(new LinkEntry(null, List.copyOf(ends)));
        return c;
    }

    /**
     * Settings of endpoint {@code NODE:IF} (it must be on a link): addresses, mtu, mac, impair.
     *
     * @param endpoint {@code NODE:IF}, an interface of a node
     * @param settings sets them on the endpoint settings it is given
     * @return a new spec with it
     */
    public LabSpec endpoint(String endpoint, Consumer<EndpointSettings> settings) {
        if (links.stream().noneMatch(l -> l.endpoints().contains(endpoint))) {
            throw new IllegalArgumentException("endpoint \"" + endpoint + "\" is on no link of lab " + name
                    + ": write the link first (link(...), or hosts(...).on(...)), then its settings");
        }
        LabSpec c = copy();
        Map<String, Object> m = deepCopy(c.endpointSettings.getOrDefault(endpoint, Map.of()));
        c.endpointSettings.put(endpoint, m);
        EndpointSettings s = new EndpointSettings(m);
        settings.accept(s);
        s.close();
        return c;
    }

    /**
     * Settings of node {@code name} (made a host if new): services, env, routes, sysctls, firewall, hosts lines.
     *
     * @param name the node's name
     * @param settings sets them on the node settings it is given
     * @return a new spec with it
     */
    public LabSpec node(String name, Consumer<NodeSettings> settings) {
        LabSpec c = copy();
        Map<String, Object> m = c.changeNode(name);
        m.putIfAbsent("kind", "host");
        NodeSettings s = new NodeSettings(m);
        settings.accept(s);
        s.close();
        return c;
    }

    /**
     * Reads the lab as {@code TopologyFile} reads a file.
     *
     * @return the lab, checked, with automatic addresses and routes filled in
     * @throws TopologyException every problem, each naming what is wrong and how to write it
     */
    public Topology topology() throws TopologyException {
        return TopologyFile.parse("lab " + name + " (built in code)", text());
    }

    /**
     * The lab as the file {@link #topology} reads: JSON, which is YAML 1.2.
     *
     * @return the lab file text, as JSON
     */
    public String text() {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("name", name);
        Map<String, Object> d = new LinkedHashMap<>(defaults);
        if (!pools.isEmpty()) {
            d.put("pools", pools);
        }
        if (!d.isEmpty()) {
            top.put("defaults", d);
        }
        top.put("nodes", nodes);
        if (!links.isEmpty()) {
            List<Object> written = new ArrayList<>();
            for (LinkEntry l : links) {
                List<Map<String, Object>> ends = l.endpoints().stream().map(this::endpointMapping).toList();
                Map<String, Object> link = new LinkedHashMap<>();
                if (l.bridge() != null) {
                    link.put("bridge", l.bridge());
                    link.put("members", ends);
                } else {
                    link.put("endpoints", ends);
                }
                written.add(link);
            }
            top.put("links", written);
        }
        return JsonWriter.write(top, true) + "\n";
    }

    /** An endpoint as the file writes it: {@code {endpoint: NODE:IF, addresses: [...], ...}}. */
    private Map<String, Object> endpointMapping(String endpoint) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", endpoint);
        m.putAll(endpointSettings.getOrDefault(endpoint, Map.of()));
        return m;
    }

    /** The mapping of node {@code name} in this (fresh) copy, itself a copy, to change. */
    private Map<String, Object> changeNode(String name) {
        Map<String, Object> m = deepCopy(nodes.getOrDefault(name, Map.of()));
        nodes.put(name, m);
        return m;
    }

    private String nextInterface(String node) {
        int n = nextInterface.merge(node, 1, Integer::sum) - 1;
        return "eth" + n;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> copy.put(k, deepCopyValue(v)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopyValue(Object v) {
        if (v instanceof Map<?, ?> map) {
            return deepCopy((Map<String, Object>) map);
        }
        if (v instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(e -> copy.add(deepCopyValue(e)));
            return copy;
        }
        return v;
    }

    /** The settings of one endpoint. */
    public static final class EndpointSettings {
        private final Map<String, Object> m;
        private boolean closed;

        EndpointSettings(Map<String, Object> m) {
            this.m = m;
        }

        void close() {
            closed = true;
        }

        private Map<String, Object> m() {
            if (closed) {
                throw new IllegalStateException("endpoint settings are written inside endpoint(NAME, settings -> ...) only");
            }
            return m;
        }

        /**
         * Its addresses, with prefix length ({@code 10.0.0.1/24}, {@code fd00::1/64}), instead of automatic ones.
         *
         * @param prefixes addresses with prefix length
         * @return these settings, for more calls
         */
        public EndpointSettings addresses(String... prefixes) {
            m().put("addresses", List.of(prefixes));
            return this;
        }

        /**
         * Its MTU.
         *
         * @param value the MTU, in bytes
         * @return these settings, for more calls
         */
        public EndpointSettings mtu(int value) {
            m().put("mtu", value);
            return this;
        }

        /**
         * Its MAC address.
         *
         * @param value a MAC address, {@code 02:00:00:00:00:01}
         * @return these settings, for more calls
         */
        public EndpointSettings mac(String value) {
            m().put("mac", value);
            return this;
        }

        /**
         * Its impairment, the file's {@code impair} keys ({@code Map.of("delay", "50ms", "loss", "1%")}).
         *
         * @param settings the {@code impair} keys and their values, as a lab file writes them
         * @return these settings, for more calls
         */
        public EndpointSettings impair(Map<String, String> settings) {
            m().put("impair", new LinkedHashMap<>(settings));
            return this;
        }
    }

    /** The settings of one node. */
    public static final class NodeSettings {
        private final Map<String, Object> m;
        private boolean closed;

        NodeSettings(Map<String, Object> m) {
            this.m = m;
        }

        void close() {
            closed = true;
        }

        private Map<String, Object> m() {
            if (closed) {
                throw new IllegalStateException("node settings are written inside node(NAME, settings -> ...) only");
            }
            return m;
        }

        /**
         * A service from a shell command, never restarted (a plain {@code exec} line).
         *
         * @param command a shell command line, run by {@code sh -c} inside the node
         * @return these settings, for more calls
         */
        public NodeSettings exec(String command) {
            list("exec").add(command);
            return this;
        }

        /**
         * A service with its settings.
         *
         * @param s the service: command, restart policy, readiness, dependencies
         * @return these settings, for more calls
         */
        public NodeSettings service(ServiceSpec s) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", s.name());
            e.put("command", s.command());
            e.put("restart", s.restart().word());
            e.put("backoff", s.backoff().toMillis() + "ms");
            if (!s.ready().isEmpty()) {
                e.put("ready", s.ready().stream().map(Condition::words).toList());
            }
            e.put("ready-timeout", s.readyTimeout().toMillis() + "ms");
            e.put("stop-signal", String.valueOf(s.stopSignal()));
            e.put("stop-grace", s.stopGrace().toMillis() + "ms");
            if (!s.env().isEmpty()) {
                e.put("env", new LinkedHashMap<>(s.env()));
            }
            if (!s.directory().isEmpty()) {
                e.put("dir", s.directory());
            }
            e.put("log-size", String.valueOf(s.logBytes()));
            list("exec").add(e);
            return this;
        }

        /**
         * An environment variable of the node's services.
         *
         * @param key the variable's name
         * @param value its value
         * @return these settings, for more calls
         */
        @SuppressWarnings("unchecked")
        public NodeSettings env(String key, String value) {
            ((Map<String, Object>) m().computeIfAbsent("env", k -> new LinkedHashMap<>())).put(key, value);
            return this;
        }

        /**
         * A static route in {@code ip route} words ({@code default via 10.0.0.1}).
         *
         * @param words the words as the command line gives them, one per element
         * @return these settings, for more calls
         */
        public NodeSettings route(String words) {
            list("routes").add(words);
            return this;
        }

        /**
         * A sysctl ({@code net.ipv4.ip_forward}, {@code 1}).
         *
         * @param key the sysctl, {@code net.*} only
         * @param value its value, as written to {@code /proc/sys}
         * @return these settings, for more calls
         */
        @SuppressWarnings("unchecked")
        public NodeSettings sysctl(String key, String value) {
            ((Map<String, Object>) m().computeIfAbsent("sysctls", k -> new LinkedHashMap<>())).put(key, value);
            return this;
        }

        /**
         * An iptables argument line ({@code -A INPUT -p tcp --dport 80 -j ACCEPT}).
         *
         * @param line the arguments after {@code iptables}, one line
         * @return these settings, for more calls
         */
        @SuppressWarnings("unchecked")
        public NodeSettings iptables(String line) {
            Map<String, Object> fw = (Map<String, Object>) m().computeIfAbsent("firewall", k -> new LinkedHashMap<>());
            ((List<Object>) fw.computeIfAbsent("iptables", k -> new ArrayList<>())).add(line);
            return this;
        }

        /**
         * An nft script for the node's firewall.
         *
         * @param script the script, as {@code nft -f} reads it
         * @return these settings, for more calls
         */
        @SuppressWarnings("unchecked")
        public NodeSettings nft(String script) {
            ((Map<String, Object>) m().computeIfAbsent("firewall", k -> new LinkedHashMap<>())).put("nft", script);
            return this;
        }

        /**
         * An {@code /etc/hosts} line ({@code 10.0.0.9 db}).
         *
         * @param line the line, address first
         * @return these settings, for more calls
         */
        public NodeSettings hostsLine(String line) {
            list("hosts").add(line);
            return this;
        }

        /**
         * A router: forwarding on.
         *
         * @return these settings, for more calls
         */
        public NodeSettings router() {
            m().put("kind", "router");
            return this;
        }

        @SuppressWarnings("unchecked")
        private List<Object> list(String key) {
            return (List<Object>) m().computeIfAbsent(key, k -> new ArrayList<>());
        }
    }
}
