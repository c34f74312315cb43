package io.netns4j.lab.view;

import io.netns4j.Netns;
import io.netns4j.NamespaceEvent;
import io.netns4j.NamespaceEvents;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.fault.LinkImpairments;
import io.netns4j.lab.model.Impairment;
import io.netns4j.link.Link;
import io.netns4j.link.LinkStats;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node of a watched lab: its namespace handle, the kernel's notifications from inside
 * ({@link NamespaceEvents}) read on a platform thread of its own, and the state of its
 * interfaces as the page shows them. Link changes update the state at once; traffic-control
 * and nftables changes ask the lab ({@link Listener}) to read impairments or the partition
 * again. Counters are read only when {@link #sample} is called (the rates need two readings).
 */
final class NodeWatch implements AutoCloseable {
    /** What the node tells its lab. */
    interface Listener {
        void linkChanged(NodeWatch node, Iface iface, String before);

        void impairmentsMayHaveChanged(NodeWatch node);

        void firewallChanged(NodeWatch node);

        void unknownLink(NodeWatch node);
    }

    /** One interface's state; guarded by the node. */
    static final class Iface {
        final String name;
        int index;
        boolean up;
        String oper = "UNKNOWN";
        String impairment = "";
        long rxBytes;
        long txBytes;
        long rxPackets;
        long txPackets;
        long sampledAt;
        double rxBps;
        double txBps;
        double rxPps;
        double txPps;

        Iface(String name) {
            this.name = name;
        }

        /** Carries traffic: administratively up and not operationally down. */
        boolean working() {
            return up && (oper.equals("UP") || oper.equals("UNKNOWN"));
        }

        String state() {
            return !up ? "down" : working() ? "up" : oper.toLowerCase(java.util.Locale.ROOT);
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("up", up);
            m.put("oper", oper);
            m.put("state", state());
            m.put("impairment", impairment);
            m.put("rx_bps", Math.round(rxBps));
            m.put("tx_bps", Math.round(txBps));
            m.put("rx_pps", Math.round(rxPps));
            m.put("tx_pps", Math.round(txPps));
            return m;
        }
    }

    final String node;
    final String namespace;
    private final Netns ns;
    private final NamespaceEvents events;
    private final Listener listener;
    private final Map<String, Iface> byName = new LinkedHashMap<>();
    private final Map<Integer, Iface> byIndex = new HashMap<>();
    private final Thread reader;
    private volatile boolean closed;

    private NodeWatch(String node, String namespace, Netns ns, NamespaceEvents events, Listener listener) {
        this.node = node;
        this.namespace = namespace;
        this.ns = ns;
        this.events = events;
        this.listener = listener;
        this.reader = Thread.ofPlatform().daemon().name("view-" + namespace).unstarted(this::readEvents);
    }

    /**
     * Opens {@code namespace}, subscribes to its notifications first (so nothing is missed
     * between the reading and the first event), then reads its links and impairments.
     */
    static NodeWatch open(NetnsRegistry registry, String node, String namespace, Listener listener)
            throws NetnsException {
        Netns ns = registry.open(namespace);
        NodeWatch w;
        try {
            w = new NodeWatch(node, namespace, ns, NamespaceEvents.watch(ns), listener);
        } catch (NetnsException | RuntimeException e) {
            ns.close();
            throw e;
        }
        try {
            w.readLinks();
            w.readImpairments();
        } catch (NetnsException | RuntimeException e) {
            w.close();
            throw e;
        }
        w.reader.start();
        return w;
    }

    Netns netns() {
        return ns;
    }

    synchronized Map<String, Map<String, Object>> interfaces() {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        byName.forEach((k, v) -> m.put(k, v.json()));
        return m;
    }

    synchronized Map<String, Object> iface(String name) {
        Iface i = byName.get(name);
        return i == null ? null : i.json();
    }

    private void readLinks() throws NetnsException {
        List<Link> links = ns.links().list();
        synchronized (this) {
            for (Link l : links) {
                if (shown(l.name())) {
                    Iface i = byName.computeIfAbsent(l.name(), Iface::new);
                    i.index = l.index();
                    i.up = l.isUp();
                    i.oper = operName(l.operState());
                    byIndex.put(l.index(), i);
                    count(i, l.stats(), System.nanoTime(), false);
                }
            }
        }
    }

    /** Reads the impairments again ({@code tc qdisc show} and the engines' taps); true when one changed. */
    boolean readImpairments() throws NetnsException {
        List<Link> links = ns.links().list();
        Set<String> impaired = LinkImpairments.mayBeImpaired(ns, links);
        Map<String, String> now = new HashMap<>();
        for (String dev : impaired) {
            Impairment imp = LinkImpairments.current(ns, dev);
            now.put(dev, imp.isNone() ? "" : String.join(" ", imp.withoutSeed().words()));
        }
        boolean changed = false;
        synchronized (this) {
            for (Iface i : byName.values()) {
                String w = now.getOrDefault(i.name, "");
                if (!w.equals(i.impairment)) {
                    i.impairment = w;
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** Reads the counters ({@code ip -s link show}) and updates the rates since the last reading. */
    void sample() throws NetnsException {
        List<Link> links = ns.links().list();
        long now = System.nanoTime();
        synchronized (this) {
            for (Link l : links) {
                Iface i = byIndex.get(l.index());
                if (i != null) {
                    count(i, l.stats(), now, true);
                }
            }
        }
    }

    private static void count(Iface i, LinkStats s, long now, boolean rates) {
        if (s == null) {
            return;
        }
        double seconds = (now - i.sampledAt) / 1e9;
        if (rates && seconds > 0.05) {
            i.rxBps = Math.max(0, (s.rxBytes() - i.rxBytes) * 8 / seconds);
            i.txBps = Math.max(0, (s.txBytes() - i.txBytes) * 8 / seconds);
            i.rxPps = Math.max(0, (s.rxPackets() - i.rxPackets) / seconds);
            i.txPps = Math.max(0, (s.txPackets() - i.txPackets) / seconds);
        }
        i.rxBytes = s.rxBytes();
        i.txBytes = s.txBytes();
        i.rxPackets = s.rxPackets();
        i.txPackets = s.txPackets();
        i.sampledAt = now;
    }

    private void readEvents() {
        while (!closed) {
            try {
                for (NamespaceEvent e : events.next(Duration.ofSeconds(1))) {
                    handle(e);
                }
            } catch (NetnsException | RuntimeException e) {
                if (!closed) {
                    System.err.println("netns4j lab serve: " + namespace + ": " + e.getMessage());
                }
                return;
            }
        }
    }

    private void handle(NamespaceEvent e) {
        switch (e) {
            case NamespaceEvent.LinkChange l -> linkChange(l);
            case NamespaceEvent.TrafficControlChange t -> listener.impairmentsMayHaveChanged(this);
            case NamespaceEvent.FirewallChange f -> listener.firewallChanged(this);
            case NamespaceEvent.Overflow o -> {
                listener.unknownLink(this);
                listener.firewallChanged(this);
            }
        }
    }

    private void linkChange(NamespaceEvent.LinkChange l) {
        if (l.name() != null && l.name().startsWith("imp-")) {
            listener.impairmentsMayHaveChanged(this); // a userspace engine's tap came, went or changed its alias
            return;
        }
        Iface i;
        String before;
        synchronized (this) {
            i = byIndex.get(l.index());
            if (i == null) {
                if (!l.removed() && l.name() != null && shown(l.name())) {
                    listener.unknownLink(this);
                }
                return;
            }
            before = i.state();
            if (l.removed()) {
                i.up = false;
                i.oper = "NOTPRESENT";
            } else {
                i.up = (l.flags() & Link.IFF_UP) != 0;
                i.oper = l.operStateName();
            }
            if (before.equals(i.state())) {
                return;
            }
        }
        listener.linkChanged(this, i, before);
    }

    private static boolean shown(String name) {
        return !name.equals("lo") && !name.startsWith("imp-");
    }

    private static String operName(Integer oper) {
        var names = Link.OPER_STATES;
        return oper == null || oper < 0 || oper >= names.size() ? "UNKNOWN" : names.get(oper);
    }

    /** Stops the reader and closes the sockets and the handle, so the namespace can be freed. */
    @Override
    public void close() {
        closed = true;
        events.close();
        ns.close();
    }
}
