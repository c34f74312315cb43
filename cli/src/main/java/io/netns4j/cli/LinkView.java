package io.netns4j.cli;

import io.netns4j.link.Link;
import io.netns4j.link.LinkDetails;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code ip link show} prints a link, as text and as {@code -j} JSON with ip's keys.
 * Needs all links of the namespace to name a peer ({@code veth1@veth0}).
 */
final class LinkView {
    /** IFF_* flags in the order ip prints them. */
    private static final String[] FLAG_NAMES = {"LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP",
            "ALLMULTI", "PROMISC", "MASTER", "SLAVE", "DEBUG", "DYNAMIC", "AUTOMEDIA", "PORTSEL", "NOTRAILERS", "UP",
            "LOWER_UP", "DORMANT", "ECHO"};
    private static final int[] FLAG_BITS = {0x8, 0x2, 0x10, 0x1000, 0x80, 0x200, 0x100, 0x400, 0x800, 0x4,
            0x8000, 0x4000, 0x2000, 0x20, 0x1, 0x10000, 0x20000, 0x40000};
    private static final Map<Integer, String> DEVICE_TYPES = Map.of(1, "ether", 772, "loopback", 65534, "none",
            768, "ipip", 776, "sit", 778, "gre", 769, "tunnel6", 65535, "void", 823, "ip6gre");

    private static final int IFF_POINTOPOINT = 0x10;
    private final Map<Integer, Link> byIndex = new HashMap<>();
    private final Map<Integer, String> netnsNames;
    private final boolean details;
    private final LinkStatsView stats;
    private final Colour colour;
    /** {@code ip link} (true) or the link lines of {@code ip addr} (no addrgenmode there). */
    private final boolean linkObject;

    /** With the output options of {@code options}: {@code -d}, {@code -s}, {@code -c}, {@code -human}. */
    LinkView(List<Link> all, Map<Integer, String> netnsNames, GlobalOptions options) {
        this(all, netnsNames, options, true);
    }

    /** @param linkObject false for {@code ip addr}'s link lines */
    LinkView(List<Link> all, Map<Integer, String> netnsNames, GlobalOptions options, boolean linkObject) {
        this.linkObject = linkObject;
        all.forEach(l -> byIndex.put(l.index(), l));
        this.netnsNames = netnsNames;
        this.details = options.details();
        this.stats = options.stats() > 0 ? new LinkStatsView(options.stats(), options.human()) : null;
        this.colour = options.colour();
    }

    /** The name as ip shows it: {@code v0@v0p}, {@code v0@if5}, or the plain name. */
    String nameAndPeer(Link l) {
        return l.name() + peerSuffix(l);
    }

    /**
     * {@code ip -br link}: name (16 wide), state (14 wide), address, flags; {@code withFlags}
     * false gives the first two columns, which {@code ip -br addr} starts its lines with.
     */
    String brief(Link l, boolean withFlags) {
        StringBuilder sb = new StringBuilder(colour.ifname(padRight(nameAndPeer(l), 16) + " "));
        if (operState(l) != null) {
            sb.append(colour.operState(l.operState(), padRight(operState(l), 14) + " "));
        }
        if (withFlags) {
            if (l.address() != null) {
                sb.append(colour.mac(l.address() + " "));
            }
            sb.append('<').append(String.join(",", flags(l))).append("> \n");
        }
        return sb.toString();
    }

    /** {@code ip -j -br link}'s object (with {@code withFlags} false: {@code ip -j -br addr}'s start). */
    Map<String, Object> briefJson(Link l, boolean withFlags) {
        Map<String, Object> m = new LinkedHashMap<>();
        putPeer(m, l);
        m.put("ifname", l.name());
        putIfSet(m, "operstate", operState(l));
        if (withFlags) {
            putIfSet(m, "address", l.address() == null ? null : l.address().toString());
            m.put("flags", flags(l));
        }
        return m;
    }

    private void putPeer(Map<String, Object> m, Link l) {
        if (l.linkIndex() == 0 && l.details().linkNone()) {
            m.put("link", null); // ip's print_null
            return;
        }
        if (l.linkIndex() != 0 && (l.linkIndex() != l.index() || l.linkNetnsid() >= 0)) {
            Link peer = l.linkNetnsid() >= 0 ? null : byIndex.get(l.linkIndex());
            if (peer != null) {
                m.put("link", peer.name());
            } else {
                m.put("link_index", l.linkIndex());
            }
        }
    }

    /** {@code l} as a message without IFLA_LINK_NETNSID would show it (ip's AF_INET6 link dump). */
    /** Whether -d is on: the details are printed. */
    boolean details() {
        return details;
    }

    static Link withoutLinkNetnsid(Link l) {
        return new Link(l.index(), l.name(), l.flags(), l.mtu(), l.qdisc(), l.master(), l.operState(), l.linkMode(),
                l.group(), l.txQueueLength(), l.deviceType(), l.address(), l.broadcast(), l.linkIndex(), -1, l.kind(),
                l.slaveKind(), l.promiscuity(), l.allmulti(), l.minMtu(), l.maxMtu(), l.numTxQueues(),
                l.numRxQueues(), l.alias(), l.stats(), l.details());
    }

    static String padRight(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** {@code text} folded onto one line as {@code ip -o} prints it: inner line ends become a backslash. */
    static String oneLine(String text) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return body.replace("\n", "\\") + "\n";
    }

    /** The flags as ip lists them, NO-CARRIER and M-DOWN included. */
    List<String> flags(Link l) {
        List<String> out = new ArrayList<>();
        int f = l.flags();
        if ((f & Link.IFF_UP) != 0 && (f & Link.IFF_RUNNING) == 0) {
            out.add("NO-CARRIER");
        }
        f &= ~Link.IFF_RUNNING;
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((f & FLAG_BITS[i]) != 0) {
                out.add(FLAG_NAMES[i]);
                f &= ~FLAG_BITS[i];
            }
        }
        if (f != 0) {
            out.add(Integer.toHexString(f));
        }
        if (linkedDown(l)) {
            out.add("M-DOWN");
        }
        return out;
    }

    private boolean linkedDown(Link l) {
        if (l.linkIndex() == 0 || l.linkIndex() == l.index() || l.linkNetnsid() >= 0) {
            return false;
        }
        Link peer = byIndex.get(l.linkIndex());
        return peer != null && !peer.isUp(); // ip takes an unknown index's flags as all set
    }

    /** {@code @peer} for a link in this namespace, {@code @ifN} for one elsewhere, or nothing. */
    private String peerSuffix(Link l) {
        if (l.linkIndex() == 0 && l.details().linkNone()) {
            return "@NONE";
        }
        if (l.linkIndex() == 0 || l.linkIndex() == l.index() && l.linkNetnsid() < 0) {
            return ""; // a peer elsewhere may have our index: ip prints @ifN then
        }
        Link peer = l.linkNetnsid() >= 0 ? null : byIndex.get(l.linkIndex());
        return "@" + (peer != null ? peer.name() : l.linkNetnsid() >= 0 || peer == null ? "if" + l.linkIndex() : "");
    }

    private String deviceType(Link l) {
        return DEVICE_TYPES.getOrDefault(l.deviceType(), "[" + l.deviceType() + "]");
    }

    private static String operState(Link l) {
        Integer s = l.operState();
        return s == null ? null : s < Link.OPER_STATES.size() ? Link.OPER_STATES.get(s) : Integer.toString(s);
    }

    String text(Link l) {
        StringBuilder sb = new StringBuilder();
        sb.append(l.index()).append(": ").append(colour.ifname(nameAndPeer(l) + ": ")).append('<')
                .append(String.join(",", flags(l))).append("> ");
        if (l.mtu() != null) {
            sb.append("mtu ").append(l.mtu()).append(' ');
        }
        if (l.qdisc() != null) {
            sb.append("qdisc ").append(l.qdisc()).append(' ');
        }
        if (l.master() != 0) {
            Link m = byIndex.get(l.master());
            sb.append("master ").append(m != null ? m.name() : "if" + l.master()).append(' ');
        }
        if (operState(l) != null) {
            sb.append("state ").append(colour.operState(l.operState(), operState(l) + " "));
        }
        if (l.linkMode() != null) {
            sb.append("mode ").append(l.linkMode() == 0 ? "DEFAULT" : "DORMANT").append(' ');
        }
        if (l.group() != null) {
            sb.append("group ").append(l.group() == 0 ? "default" : l.group()).append(' ');
        }
        if (l.txQueueLength() != null) {
            sb.append("qlen ").append(l.txQueueLength());
        }
        // "link/TYPE " is followed by a space even with no address (link/none), as ip prints it
        sb = new StringBuilder(sb.toString().stripTrailing()).append("\n    link/").append(deviceType(l)).append(' ');
        if (l.address() != null) {
            sb.append(colour.mac(l.address().toString()));
        }
        if (l.broadcast() != null) {
            sb.append((l.flags() & IFF_POINTOPOINT) != 0 ? " peer " : " brd ")
                    .append(colour.mac(l.broadcast().toString()));
        }
        if (l.linkNetnsid() >= 0) {
            String name = netnsNames.get(l.linkNetnsid());
            sb.append(name != null ? " link-netns " + name : " link-netnsid " + l.linkNetnsid());
        }
        if (details) {
            appendDetails(sb, l);
        }
        sb.append('\n');
        if (l.alias() != null) {
            sb.append("    alias ").append(l.alias()).append('\n');
        }
        if (stats != null && l.stats() != null) {
            sb.append(stats.text(l.stats()));
        }
        for (String alt : l.details().altNames()) {
            sb.append("    altname ").append(alt).append('\n');
        }
        return sb.toString();
    }

    /** ip's -d part, each word followed by a space as ip prints it; the kinds on lines of their own. */
    private void appendDetails(StringBuilder sb, Link l) {
        if (l.promiscuity() != null) {
            sb.append(" promiscuity ").append(l.promiscuity()).append(' ');
        }
        if (l.allmulti() != null) {
            sb.append(" allmulti ").append(l.allmulti()).append(' ');
        }
        if (l.minMtu() != null) {
            sb.append("minmtu ").append(l.minMtu()).append(' ');
        }
        if (l.maxMtu() != null) {
            sb.append("maxmtu ").append(l.maxMtu()).append(' ');
        }
        LinkDetails d = l.details();
        if (l.kind() != null) {
            sb.append("\n    ").append(l.kind()).append(' ').append(KindDataView.text(l.kind(), d.kindData(), this::nameOf));
        }
        if (l.slaveKind() != null) {
            sb.append("\n    ").append(l.slaveKind()).append("_slave ")
                    .append(KindDataView.text(l.slaveKind() + "_slave", d.portData()));
        }
        if (linkObject && d.addrGenModeName() != null) {
            sb.append("addrgenmode ").append(d.addrGenModeName()).append(' ');
        }
        appendNumber(sb, "numtxqueues", l.numTxQueues());
        appendNumber(sb, "numrxqueues", l.numRxQueues());
        appendNumber(sb, "gso_max_size", d.gsoMaxSize());
        appendNumber(sb, "gso_max_segs", d.gsoMaxSegs());
        appendNumber(sb, "tso_max_size", d.tsoMaxSize());
        appendNumber(sb, "tso_max_segs", d.tsoMaxSegs());
        appendNumber(sb, "gro_max_size", d.groMaxSize());
    }

    private static void appendNumber(StringBuilder sb, String word, Number value) {
        if (value != null) {
            sb.append(word).append(' ').append(value).append(' ');
        }
    }

    Map<String, Object> json(Link l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ifindex", l.index());
        putPeer(m, l);
        m.put("ifname", l.name());
        m.put("flags", flags(l));
        putIfSet(m, "mtu", l.mtu());
        putIfSet(m, "qdisc", l.qdisc());
        if (l.master() != 0) {
            Link master = byIndex.get(l.master());
            m.put("master", master != null ? master.name() : "if" + l.master());
        }
        putIfSet(m, "operstate", operState(l));
        if (l.linkMode() != null) {
            m.put("linkmode", l.linkMode() == 0 ? "DEFAULT" : "DORMANT");
        }
        if (l.group() != null) {
            m.put("group", l.group() == 0 ? "default" : Integer.toString(l.group()));
        }
        putIfSet(m, "txqlen", l.txQueueLength());
        m.put("link_type", deviceType(l));
        putIfSet(m, "address", l.address() == null ? null : l.address().toString());
        putIfSet(m, "broadcast", l.broadcast() == null ? null : l.broadcast().toString());
        if (l.linkNetnsid() >= 0) {
            m.put("link_netnsid", l.linkNetnsid());
        }
        if (details) {
            putIfSet(m, "promiscuity", l.promiscuity());
            putIfSet(m, "allmulti", l.allmulti());
            putIfSet(m, "min_mtu", l.minMtu());
            putIfSet(m, "max_mtu", l.maxMtu());
            if (l.kind() != null || l.slaveKind() != null) {
                Map<String, Object> info = new LinkedHashMap<>();
                putIfSet(info, "info_kind", l.kind());
                if (l.kind() != null && KindDataView.known(l.kind())) {
                    info.put("info_data", KindDataView.json(l.kind(), l.details().kindData(), this::nameOf));
                }
                putIfSet(info, "info_slave_kind", l.slaveKind());
                if (l.slaveKind() != null && KindDataView.known(l.slaveKind() + "_slave")) {
                    info.put("info_slave_data", KindDataView.json(l.slaveKind() + "_slave", l.details().portData()));
                }
                m.put("linkinfo", info);
            }
            LinkDetails d = l.details();
            if (linkObject) {
                putIfSet(m, "inet6_addr_gen_mode", d.addrGenModeName());
            }
            putIfSet(m, "num_tx_queues", l.numTxQueues());
            putIfSet(m, "num_rx_queues", l.numRxQueues());
            putIfSet(m, "gso_max_size", d.gsoMaxSize());
            putIfSet(m, "gso_max_segs", d.gsoMaxSegs());
            putIfSet(m, "tso_max_size", d.tsoMaxSize());
            putIfSet(m, "tso_max_segs", d.tsoMaxSegs());
            putIfSet(m, "gro_max_size", d.groMaxSize());
        }
        putIfSet(m, "ifalias", l.alias());
        if (stats != null && l.stats() != null) {
            m.put("stats64", stats.json(l.stats()));
        }
        if (!l.details().altNames().isEmpty()) {
            m.put("altnames", l.details().altNames());
        }
        return m;
    }

    /** A device's name by its index in this listing, or null. */
    private String nameOf(int index) {
        Link l = byIndex.get(index);
        return l == null ? null : l.name();
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
