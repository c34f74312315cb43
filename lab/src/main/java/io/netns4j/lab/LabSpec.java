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
 * Topology t = LabBuilder.named("db").ipv4Pool("10.70.0.0/16")
 *         .bridge("sw").hosts("n1", "n2", "n3").on("sw")
 *         .node("n1", n -> n.exec("python3 -m http.server 80").env("K", "V"))
 *         .build();
 * }</pre>
 * The builder writes the lab as a file would (the same keys, as JSON, which YAML 1.2 reads) and
 * {@link #build} reads it with {@link TopologyFile#parse}: the same checks (every problem at
 * once, a {@link TopologyException}), automatic addresses and routes, and the text is kept, so
 * a lab built from code can be updated in place by a second {@code Lab.up} like one from a file.
 */
public final class LabBuilder {
    private final String name;
    private final Map<String, Object> defaults = new LinkedHashMap<>();
    private final Map<String, Object> pools = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
    private final List<Object> links = new ArrayList<>();
    private final Map<String, Integer> nextInterface = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> endpointSettings = new LinkedHashMap<>();
    private List<String> lastHosts = List.of();

    private LabBuilder(String name) {
        this.name = name;
    }

    /**
     * A lab named {@code name}: its namespaces are {@code <name>-<node>}.
     *
     * @param name the lab's name, as {@code name:} in a lab file
     * @return a builder of an empty lab
     */
    public static LabBuilder named(String name) {
        return new LabBuilder(name);
    }

    /**
     * {@code defaults.pools.ipv4}: automatic IPv4 addresses from this prefix.
     *
     * @param prefix an IPv4 prefix, e.g. {@code 10.70.0.0/16}
     * @return this builder
     */
    public LabBuilder ipv4Pool(String prefix) {
        pools.put("ipv4", prefix);
        return this;
    }

    /**
     * {@code defaults.pools.ipv6}: automatic IPv6 addresses from this prefix ({@code /64} or larger).
     *
     * @param prefix an IPv6 prefix, e.g. {@code fd00:70::/48}
     * @return this builder
     */
    public LabBuilder ipv6Pool(String prefix) {
        pools.put("ipv6", prefix);
        return this;
    }

    /**
     * {@code defaults.hosts}: every node's {@code /etc/hosts} names every node.
     *
     * @param value true to write the hosts files
     * @return this builder
     */
    public LabBuilder hostsFile(boolean value) {
        defaults.put("hosts", value);
        return this;
    }

    /**
     * {@code defaults.default-routes}: hosts get a default route via their only router (on by default).
     *
     * @param value false to leave hosts without default routes
     * @return this builder
     */
    public LabBuilder defaultRoutes(boolean value) {
        defaults.put("default-routes", value);
        return this;
    }

    /**
     * {@code defaults.ipv6-dad}: false adds IPv6 addresses with {@code nodad}.
     *
     * @param value false to skip duplicate address detection
     * @return this builder
     */
    public LabBuilder ipv6Dad(boolean value) {
        defaults.put("ipv6-dad", value);
        return this;
    }

    /**
     * {@code defaults.mtu}: the MTU of every endpoint that names none.
     *
     * @param value the MTU, in bytes
     * @return this builder
     */
    public LabBuilder mtu(int value) {
        defaults.put("mtu", value);
        return this;
    }

    /**
     * Host nodes; {@link #on} right after puts them on a bridge.
     *
     * @param names the nodes' names
     * @return this builder
     */
    public LabBuilder hosts(String... names) {
        lastHosts = List.of(names);
        for (String n : names) {
            node(n).putIfAbsent("kind", "host");
        }
        return this;
    }

    /**
     * Router nodes (forwarding on).
     *
     * @param names the nodes' names
     * @return this builder
     */
    public LabBuilder routers(String... names) {
        for (String n : names) {
            node(n).put("kind", "router");
        }
        return this;
    }

    /**
     * A bridge node: a switch whose links become its ports.
     *
     * @param name the bridge node's name
     * @return this builder
     */
    public LabBuilder bridge(String name) {
        node(name).put("kind", "bridge");
        return this;
    }

    /**
     * Puts the nodes of the last {@link #hosts} call on bridge {@code bridge}, each with its next
     * free {@code ethN}: {@code {bridge: SW, members: [n1:eth0, ...]}}.
     *
     * @param bridge the name of a bridge node
     * @return this builder
     */
    public LabBuilder on(String bridge) {
        if (lastHosts.isEmpty()) {
            throw new IllegalStateException("on(\"" + bridge + "\") follows hosts(...): name the hosts first");
        }
        List<Object> members = new ArrayList<>();
        for (String h : lastHosts) {
            members.add(endpoint(h + ":" + nextInterface(h)));
        }
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("bridge", bridge);
        link.put("members", members);
        links.add(link);
        return this;
    }

    /**
     * A link between two endpoints, each {@code NODE:INTERFACE} or just {@code NODE} (its next free
     * {@code ethN}): {@code endpoints: [A, B]}. A node named here and nowhere else is a host.
     *
     * @param a one end: {@code NODE:INTERFACE} or {@code NODE}
     * @param b the other end, written the same way
     * @return this builder
     */
    public LabBuilder link(String a, String b) {
        List<Object> ends = new ArrayList<>();
        for (String e : List.of(a, b)) {
            String full = e.contains(":") ? e : e + ":" + nextInterface(e);
            node(full.substring(0, full.indexOf(':'))).putIfAbsent("kind", "host");
            ends.add(endpoint(full));
        }
        links.add(Map.of("endpoints", ends));
        return this;
    }

    /**
     * Settings of endpoint {@code NODE:IF} (it must be on a link): addresses, mtu, mac, impair.
     *
     * @param endpoint {@code NODE:IF}, an interface of a node
     * @param settings sets them on the endpoint settings it is given
     * @return this builder
     */
    public LabBuilder endpoint(String endpoint, Consumer<EndpointSettings> settings) {
        settings.accept(new EndpointSettings(endpointSettings.computeIfAbsent(endpoint, k -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpoint", k);
            return m;
        })));
        return this;
    }

    /**
     * Settings of node {@code name} (made a host if new): services, env, routes, sysctls, firewall, hosts lines.
     *
     * @param name the node's name
     * @param settings sets them on the node settings it is given
     * @return this builder
     */
    public LabBuilder node(String name, Consumer<NodeSettings> settings) {
        node(name).putIfAbsent("kind", "host");
        settings.accept(new NodeSettings(node(name)));
        return this;
    }

    /**
     * Reads the lab as {@code TopologyFile} reads a file.
     *
     * @return the lab, checked, with automatic addresses and routes filled in
     * @throws TopologyException every problem, each naming what is wrong and how to write it
     */
    public Topology build() throws TopologyException {
        return TopologyFile.parse("lab " + name + " (built in code)", text());
    }

    /**
     * The lab as the file {@link #build} reads: JSON, which is YAML 1.2.
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
            top.put("links", links);
        }
        return JsonWriter.write(top, true) + "\n";
    }

    private Map<String, Object> node(String name) {
        return nodes.computeIfAbsent(name, k -> new LinkedHashMap<>());
    }

    private String nextInterface(String node) {
        int n = nextInterface.merge(node, 1, Integer::sum) - 1;
        return "eth" + n;
    }

    /** An endpoint as the file writes it: its settings' mapping, shared, so later settings show. */
    private Object endpoint(String full) {
        return endpointSettings.computeIfAbsent(full, k -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpoint", k);
            return m;
        });
    }

    /** The settings of one endpoint. */
    public static final class EndpointSettings {
        private final Map<String, Object> m;

        EndpointSettings(Map<String, Object> m) {
            this.m = m;
        }

        /**
         * Its addresses, with prefix length ({@code 10.0.0.1/24}, {@code fd00::1/64}), instead of automatic ones.
         *
         * @param prefixes addresses with prefix length
         * @return these settings, for more calls
         */
        public EndpointSettings addresses(String... prefixes) {
            m.put("addresses", List.of(prefixes));
            return this;
        }

        /**
         * Its MTU.
         *
         * @param value the MTU, in bytes
         * @return these settings, for more calls
         */
        public EndpointSettings mtu(int value) {
            m.put("mtu", value);
            return this;
        }

        /**
         * Its MAC address.
         *
         * @param value a MAC address, {@code 02:00:00:00:00:01}
         * @return these settings, for more calls
         */
        public EndpointSettings mac(String value) {
            m.put("mac", value);
            return this;
        }

        /**
         * Its impairment, the file's {@code impair} keys ({@code Map.of("delay", "50ms", "loss", "1%")}).
         *
         * @param settings the {@code impair} keys and their values, as a lab file writes them
         * @return these settings, for more calls
         */
        public EndpointSettings impair(Map<String, String> settings) {
            m.put("impair", new LinkedHashMap<>(settings));
            return this;
        }
    }

    /** The settings of one node. */
    public static final class NodeSettings {
        private final Map<String, Object> m;

        NodeSettings(Map<String, Object> m) {
            this.m = m;
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
            ((Map<String, Object>) m.computeIfAbsent("env", k -> new LinkedHashMap<>())).put(key, value);
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
            ((Map<String, Object>) m.computeIfAbsent("sysctls", k -> new LinkedHashMap<>())).put(key, value);
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
            Map<String, Object> fw = (Map<String, Object>) m.computeIfAbsent("firewall", k -> new LinkedHashMap<>());
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
            ((Map<String, Object>) m.computeIfAbsent("firewall", k -> new LinkedHashMap<>())).put("nft", script);
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
            m.put("kind", "router");
            return this;
        }

        @SuppressWarnings("unchecked")
        private List<Object> list(String key) {
            return (List<Object>) m.computeIfAbsent(key, k -> new ArrayList<>());
        }
    }
}
