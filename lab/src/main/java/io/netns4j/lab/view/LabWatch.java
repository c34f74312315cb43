package io.netns4j.lab.view;

import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.Lab;
import io.netns4j.lab.LabServices;
import io.netns4j.lab.fault.Partition;
import io.netns4j.lab.fault.Partitions;
import io.netns4j.lab.model.Endpoint;
import io.netns4j.lab.model.LabNode;
import io.netns4j.lab.model.ServiceStatus;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.model.TopologyLink;
import io.netns4j.lab.model.TopologyNode;

import java.util.ArrayDeque;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One lab as the page shows it: the topology it was made from (its kept file), one
 * {@link NodeWatch} per namespace, the partition, the services and a timeline of what
 * happened since the server started. Changes are published as {@link ViewEvent}s to the
 * sink; the {@link ViewHub} schedules the re-reads the nodes ask for.
 */
final class LabWatch implements NodeWatch.Listener, AutoCloseable {
    private static final int TIMELINE = 500;

    /** What the lab asks its hub to do later (debounced re-reads). */
    interface Scheduler {
        void later(String key, Runnable task);
    }

    final String name;
    private final NetnsRegistry registry;
    private final Lab.Options options;
    private final Consumer<ViewEvent> sink;
    private final Scheduler scheduler;
    private final ArrayDeque<Map<String, Object>> timeline = new ArrayDeque<>();
    private Topology topology;
    private List<LabNode> labNodes = List.of();
    private final Map<String, NodeWatch> nodes = new LinkedHashMap<>();
    private Partition partition = Partition.none();
    private List<ServiceStatus> services = List.of();
    private volatile boolean hasSupervisor = true;
    private volatile long servicesVersion = -1;
    private volatile boolean closed;

    LabWatch(String name, NetnsRegistry registry, Lab.Options options, Consumer<ViewEvent> sink, Scheduler scheduler) {
        this.name = name;
        this.registry = registry;
        this.options = options;
        this.sink = sink;
        this.scheduler = scheduler;
    }

    /** Reads the lab from the machine (again): nodes, links, impairments, partition, services. */
    synchronized void load() throws NetnsException {
        closeNodes();
        topology = Lab.topology(name, options).orElse(null);
        labNodes = Lab.show(name, registry).orElse(List.of());
        for (LabNode n : labNodes) {
            nodes.put(n.node(), NodeWatch.open(registry, n.node(), n.namespace(), this));
        }
        partition = labNodes.isEmpty() ? Partition.none() : Partitions.current(labNodes, registry);
        hasSupervisor = true;
        readServices(false);
    }

    synchronized boolean isEmpty() {
        return nodes.isEmpty();
    }

    synchronized boolean has(String namespace) {
        return nodes.values().stream().anyMatch(n -> n.namespace.equals(namespace));
    }

    /** A namespace of the lab was deleted: let it go at once, so {@code lab down} is not held up. */
    void namespaceGone(String namespace) {
        NodeWatch gone = null;
        synchronized (this) {
            for (var e : nodes.entrySet()) {
                if (e.getValue().namespace.equals(namespace)) {
                    gone = e.getValue();
                    nodes.remove(e.getKey());
                    break;
                }
            }
        }
        if (gone != null) {
            gone.close();
            event("lab", "node " + gone.node + " removed (namespace " + namespace + " deleted)");
            sink.accept(new ViewEvent("snapshot", snapshot()));
        }
    }

    /** A lab as its file plans it: every node present, every interface up, no partition. */
    static Map<String, Object> planned(Topology t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lab", t.name());
        List<Object> ns = new ArrayList<>();
        for (TopologyNode n : t.nodes()) {
            Map<String, Object> ifs = new LinkedHashMap<>();
            Map<String, Object> addresses = new LinkedHashMap<>();
            for (Endpoint e : t.endpoints(n.name())) {
                ifs.put(e.iface(), Map.of("up", true, "oper", "UP", "state", "up", "impairment",
                        e.impairment() == null || e.impairment().isNone() ? "" : String.join(" ", e.impairment().words()),
                        "rx_bps", 0, "tx_bps", 0, "rx_pps", 0, "tx_pps", 0));
                addresses.put(e.iface(), e.addresses().stream().map(Object::toString).toList());
            }
            ns.add(Map.of("name", n.name(), "kind", n.kind().word(), "present", true, "namespace", t.namespace(n.name()),
                    "interfaces", ifs, "addresses", addresses));
        }
        m.put("nodes", ns);
        m.put("links", t.links().stream().<Object>map(l -> Map.of("a", endpoint(l.a()), "b", endpoint(l.b()))).toList());
        m.put("partition", List.of());
        m.put("services", List.of());
        m.put("timeline", List.of());
        return m;
    }

    /** The whole picture of the lab, as the page draws it. */
    synchronized Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lab", name);
        List<Object> ns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (topology != null) {
            topology.nodes().forEach(n -> names.add(n.name()));
        }
        nodes.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        for (String n : names) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("name", n);
            node.put("kind", kind(n));
            node.put("present", nodes.containsKey(n));
            node.put("namespace", name + "-" + n);
            node.put("interfaces", nodes.containsKey(n) ? nodes.get(n).interfaces() : Map.of());
            node.put("addresses", addresses(n));
            ns.add(node);
        }
        m.put("nodes", ns);
        List<Object> links = new ArrayList<>();
        if (topology != null) {
            for (TopologyLink l : topology.links()) {
                links.add(Map.of("a", endpoint(l.a()), "b", endpoint(l.b())));
            }
        }
        m.put("links", links);
        m.put("partition", cuts());
        m.put("services", servicesJson());
        m.put("timeline", List.copyOf(timeline));
        return m;
    }

    private String kind(String node) {
        if (topology != null) {
            Optional<TopologyNode> t = topology.node(node);
            if (t.isPresent()) {
                return t.get().kind().word();
            }
        }
        return "host";
    }

    private Map<String, List<String>> addresses(String node) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        labNodes.stream().filter(n -> n.node().equals(node)).findFirst()
                .ifPresent(n -> n.interfaces().forEach(i -> m.put(i.name(), i.addresses())));
        return m;
    }

    private static Map<String, Object> endpoint(Endpoint e) {
        return Map.of("node", e.node(), "iface", e.iface(),
                "addresses", e.addresses().stream().map(Object::toString).toList());
    }

    private List<Object> cuts() {
        return partition.cuts().stream().<Object>map(c -> Map.of("from", c.from(), "to", c.to())).toList();
    }

    private List<Object> servicesJson() {
        List<Object> out = new ArrayList<>();
        for (ServiceStatus s : services) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", s.node());
            m.put("service", s.service());
            m.put("state", s.state().word());
            m.put("ready", s.ready());
            m.put("restarts", s.restarts());
            m.put("pid", s.pid());
            m.put("last_exit", s.lastExit());
            m.put("problem", s.problem());
            out.add(m);
        }
        return out;
    }

    // ---- what the nodes report ----

    @Override
    public void linkChanged(NodeWatch node, NodeWatch.Iface iface, String before) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lab", name);
        data.put("node", node.node);
        data.put("iface", iface.name);
        data.put("state", node.iface(iface.name));
        sink.accept(new ViewEvent("iface", data));
        event("link", node.node + ":" + iface.name + " " + before + " -> " + iface.state());
    }

    @Override
    public void impairmentsMayHaveChanged(NodeWatch node) {
        scheduler.later(name + "/tc/" + node.node, () -> {
            try {
                Map<String, Map<String, Object>> before = node.interfaces();
                if (node.readImpairments()) {
                    Map<String, Map<String, Object>> after = node.interfaces();
                    after.forEach((dev, state) -> {
                        Object was = before.containsKey(dev) ? before.get(dev).get("impairment") : "";
                        if (!Objects.equals(was, state.get("impairment"))) {
                            String now = (String) state.get("impairment");
                            event("impairment", node.node + ":" + dev + (now.isEmpty() ? " impairment removed"
                                    : " impaired: " + now));
                        }
                    });
                    faults();
                }
            } catch (NetnsException e) {
                event("error", "reading " + node.node + "'s impairments: " + e.getMessage());
            }
        });
    }

    @Override
    public void firewallChanged(NodeWatch node) {
        scheduler.later(name + "/nft", () -> {
            try {
                Partition now;
                synchronized (this) {
                    now = Partitions.current(labNodes, registry);
                }
                Partition was;
                synchronized (this) {
                    was = partition;
                    partition = now;
                }
                if (!was.equals(now)) {
                    event(now.isEmpty() ? "heal" : "partition", now.isEmpty() ? "healed (" + was.describe() + " removed)"
                            : "partitioned: " + now.describe());
                    faults();
                }
            } catch (NetnsException e) {
                event("error", "reading the partition: " + e.getMessage());
            }
        });
    }

    @Override
    public void unknownLink(NodeWatch node) {
        scheduler.later(name + "/reload", this::reload);
    }

    /** Reads everything again and sends the new picture (a lab updated by {@code lab up}). */
    void reload() {
        try {
            load();
            event("lab", "lab read again from the machine");
            sink.accept(new ViewEvent("snapshot", snapshot()));
        } catch (NetnsException e) {
            event("error", "reading the lab: " + e.getMessage());
        }
    }

    private void faults() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lab", name);
        synchronized (this) {
            data.put("partition", cuts());
            Map<String, Object> ifs = new LinkedHashMap<>();
            nodes.forEach((n, w) -> ifs.put(n, w.interfaces()));
            data.put("interfaces", ifs);
        }
        sink.accept(new ViewEvent("faults", data));
    }

    /** Reads the counters of every node and sends the rates. */
    void sample() {
        List<NodeWatch> list;
        synchronized (this) {
            list = List.copyOf(nodes.values());
        }
        Map<String, Object> ifs = new LinkedHashMap<>();
        for (NodeWatch w : list) {
            try {
                w.sample();
                ifs.put(w.node, w.interfaces());
            } catch (NetnsException e) {
                // the namespace is going away; the registry monitor will say so
            }
        }
        sink.accept(new ViewEvent("rates", Map.of("lab", name, "interfaces", ifs, "time", System.currentTimeMillis())));
    }

    /** Asks the supervisor for its services ({@code lab ps}) and reports what changed. */
    void readServices(boolean report) {
        if (!hasSupervisor) {
            return;
        }
        try {
            LabServices.Snapshot now = LabServices.awaitChange(name, -1, Duration.ZERO, options);
            servicesVersion = now.version();
            apply(now.services(), report);
        } catch (NetnsException e) {
            hasSupervisor = false; // no services: nothing answers; a reload asks again
        }
    }

    /**
     * Follows the services until closed: each answer of the supervisor comes when one of them
     * changed (a long wait on its socket, {@link LabServices#awaitChange}), so a restart reaches
     * the page at once and nothing is asked while nothing happens. Without a supervisor, it
     * looks again each second (one may come with a lab up).
     */
    void followServices() {
        while (!closed) {
            try {
                if (!hasSupervisor) {
                    Thread.sleep(1000);
                    LabServices.Snapshot s = LabServices.awaitChange(name, -1, Duration.ZERO, options);
                    hasSupervisor = true;
                    servicesVersion = s.version();
                    apply(s.services(), true);
                    continue;
                }
                LabServices.Snapshot s = LabServices.awaitChange(name, servicesVersion, Duration.ofSeconds(20), options);
                servicesVersion = s.version();
                apply(s.services(), true);
            } catch (NetnsException e) {
                hasSupervisor = false;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void apply(List<ServiceStatus> now, boolean report) {
        List<ServiceStatus> was;
        synchronized (this) {
            was = services;
            services = now;
        }
        if (!report) {
            return;
        }
        boolean changed = false;
        for (ServiceStatus s : now) {
            ServiceStatus old = was.stream().filter(o -> o.id().equals(s.id())).findFirst().orElse(null);
            if (old == null || old.state() != s.state() || old.restarts() != s.restarts() || old.ready() != s.ready()) {
                changed = true;
                String what = old != null && old.restarts() != s.restarts() ? " restarted (" + s.restarts() + " restarts"
                        + (s.lastExit().isEmpty() ? "" : ", last exit: " + s.lastExit()) + ")"
                        : " " + s.state().word() + (s.ready() ? ", ready" : "");
                event("service", s.id() + what);
            }
        }
        if (changed || was.size() != now.size()) {
            sink.accept(new ViewEvent("services", Map.of("lab", name, "services", servicesJson())));
        }
    }

    /** Adds an entry to the timeline and sends it. */
    void event(String kind, String text) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("time", System.currentTimeMillis());
        e.put("lab", name);
        e.put("kind", kind);
        e.put("text", text);
        synchronized (this) {
            timeline.addLast(e);
            while (timeline.size() > TIMELINE) {
                timeline.removeFirst();
            }
        }
        sink.accept(new ViewEvent("timeline", e));
    }

    private void closeNodes() {
        nodes.values().forEach(NodeWatch::close);
        nodes.clear();
    }

    /** The nodes, for counters. */
    synchronized List<NodeWatch> nodeWatches() {
        return List.copyOf(nodes.values());
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeNodes();
    }
}
