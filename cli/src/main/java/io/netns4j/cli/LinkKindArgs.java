package io.netns4j.cli;

import io.netns4j.error.NetnsException;
import io.netns4j.link.Dummy;
import io.netns4j.link.Geneve;
import io.netns4j.link.Ipvlan;
import io.netns4j.link.LinkKind;
import io.netns4j.link.Macvlan;
import io.netns4j.link.Veth;
import io.netns4j.link.Vlan;
import io.netns4j.link.Vrf;
import io.netns4j.link.Vxlan;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InterfaceNames;

import java.util.Locale;

/**
 * Parses {@code type KIND [ARGS]} of {@code link add} into a {@link LinkKind}, with ip's
 * keywords. Parsing opens nothing: a veth peer's {@code netns NS} is kept as a word and
 * opened by {@link Parsed#resolve} when the command runs.
 */
final class LinkKindArgs {
    private LinkKindArgs() {
    }

    /**
     * A checked link type.
     *
     * @param kind          the kind; a veth's peer namespace is not in it yet
     * @param peerNamespace a veth peer's {@code netns} word (a name or path), or null
     */
    record Parsed(LinkKind kind, String peerNamespace) {
        /** The kind with its peer namespace opened through {@code namespaces} (which closes it). */
        LinkKind resolve(NamespaceArgs namespaces) throws NetnsException {
            return peerNamespace == null ? kind : ((Veth) kind).withPeerNamespace(namespaces.open(peerNamespace));
        }
    }

    /**
     * @param lower the {@code link DEV} given before {@code type}, or null
     */
    static Parsed parse(String kind, Words w, String lower) throws UsageException {
        if (kind.equals("veth")) {
            return veth(w);
        }
        return new Parsed(switch (kind) {
            case "bridge" -> BridgeArgs.bridge(w);
            case "macvlan" -> new Macvlan(needLower(lower, kind), macvlanMode(w));
            case "vxlan" -> vxlan(w);
            case "dummy" -> noArgs(w, new Dummy());
            case "vlan" -> vlan(w, needLower(lower, kind));
            case "ipvlan" -> ipvlan(w, needLower(lower, kind));
            case "vrf" -> vrf(w);
            case "geneve" -> geneve(w);
            case "ipip", "sit", "ip6tnl", "gre", "gretap", "ip6gre", "ip6gretap", "vti", "vti6" ->
                    TunnelArgs.parse(kind, w);
            case "wireguard", "bareudp", "xfrm", "macsec" -> MoreKindArgs.parse(kind, w, lower);
            case "netkit" -> throw new UsageException("\"type netkit\" is not supported by netns4j yet (ip 6.1 does"
                    + " not know it either: iproute2 6.7 added it).");
            default -> throw new UsageException("Unknown link type \"" + kind + "\": netns4j supports "
                    + LinkKind.supported() + ".");
        }, null);
    }

    private static String needLower(String lower, String kind) throws UsageException {
        if (lower == null) {
            throw new UsageException("A " + kind + " link sits on another device: add \"link DEV\" before \"type "
                    + kind + "\".");
        }
        return lower;
    }

    private static LinkKind noArgs(Words w, LinkKind k) throws UsageException {
        if (w.more()) {
            throw w.unknown(w.next());
        }
        return k;
    }

    private static Parsed veth(Words w) throws UsageException {
        if (!w.more()) {
            return new Parsed(new Veth(null, null, false), null);
        }
        String word = w.next();
        if (!word.equals("peer")) {
            throw w.unknown(word);
        }
        String name = null;
        String ns = null;
        Veth v = new Veth(null, null, false);
        while (w.more()) {
            String a = w.next();
            switch (a) {
                case "mtu" -> v = v.withPeerMtu(w.intValue(a, 0, Integer.MAX_VALUE));
                case "txqueuelen", "txqlen", "qlen" -> v = v.withPeerTxQueueLength(w.intValue(a, 0, Integer.MAX_VALUE));
                case "address" -> {
                    String mac = w.value(a, "a link-layer address");
                    try {
                        v = v.withPeerAddress(io.netns4j.types.MacAddress.parse(mac));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
                case "name" -> name = ifname(w.value("name", "the peer's name"));
                case "netns" -> {
                    String target = w.value("netns", "a namespace name, path or pid");
                    if (NamespaceArgs.pid(target) != null) {
                        throw new UsageException("\"peer ... netns\" takes a namespace name or path here, not a pid.");
                    }
                    ns = NamespaceArgs.check(target);
                }
                case "up" -> throw new UsageException("The kernel cannot bring a veth peer up as it is created"
                        + " (it answers \"Transport endpoint is not connected\"): set it up afterwards, e.g."
                        + " \"netns4j -n NS link set PEER up\".");
                default -> {
                    if (name != null) {
                        throw w.unknown(a);
                    }
                    name = ifname(a);
                }
            }
        }
        return new Parsed(new Veth(name, null, false, v.peerMtu(), v.peerAddress(), v.peerTxQueueLength()), ns);
    }

    private static Macvlan.Mode macvlanMode(Words w) throws UsageException {
        Macvlan.Mode mode = null;
        while (w.more()) {
            String a = w.next();
            if (!a.equals("mode")) {
                throw w.unknown(a);
            }
            String m = w.value("mode", "private, vepa, bridge, passthru or source");
            try {
                mode = Macvlan.Mode.valueOf(m.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("Unknown macvlan mode \"" + m + "\": use private, vepa, bridge, passthru or source.");
            }
        }
        return mode;
    }

    private static Vxlan vxlan(Words w) throws UsageException {
        Integer id = null;
        java.net.InetAddress remote = null, group = null, local = null;
        Integer port = null, ttl = null;
        String dev = null;
        Boolean learning = null;
        while (w.more()) {
            String a = w.next();
            switch (a) {
                case "id", "vni" -> id = w.intValue(a, 0, 0xffffff);
                case "remote" -> remote = address(w, a);
                case "group" -> group = address(w, a);
                case "local" -> local = address(w, a);
                case "dstport" -> port = w.intValue(a, 0, 65535);
                case "dev" -> dev = ifname(w.value(a, "a device name"));
                case "ttl", "hoplimit" -> ttl = w.intValue(a, 0, 255);
                case "learning" -> learning = true;
                case "nolearning" -> learning = false;
                default -> throw w.unknown(a);
            }
        }
        if (id == null) {
            throw new UsageException("vxlan needs \"id VNI\" (0 to 16777215).");
        }
        if (remote != null && group != null) {
            throw new UsageException("vxlan takes \"remote\" or \"group\", not both.");
        }
        return new Vxlan(id, remote, group, local, port, dev, ttl, learning);
    }

    private static Vlan vlan(Words w, String lower) throws UsageException {
        Integer id = null;
        Vlan.Protocol proto = null;
        while (w.more()) {
            String a = w.next();
            switch (a) {
                case "id" -> id = w.intValue(a, 0, 4094);
                case "protocol" -> {
                    String p = w.value(a, "802.1q or 802.1ad").toLowerCase(Locale.ROOT);
                    proto = switch (p) {
                        case "802.1q" -> Vlan.Protocol.DOT1Q;
                        case "802.1ad" -> Vlan.Protocol.DOT1AD;
                        default -> throw new UsageException("Unknown vlan protocol \"" + p + "\": use 802.1q or 802.1ad.");
                    };
                }
                default -> throw w.unknown(a);
            }
        }
        if (id == null) {
            throw new UsageException("vlan needs \"id N\" (0 to 4094).");
        }
        return new Vlan(lower, id, proto);
    }

    private static Ipvlan ipvlan(Words w, String lower) throws UsageException {
        Ipvlan.Mode mode = null;
        Ipvlan.Flag flag = null;
        while (w.more()) {
            String a = w.next();
            switch (a) {
                case "mode" -> {
                    String m = w.value(a, "l2, l3 or l3s");
                    mode = switch (m) {
                        case "l2" -> Ipvlan.Mode.L2;
                        case "l3" -> Ipvlan.Mode.L3;
                        case "l3s" -> Ipvlan.Mode.L3S;
                        default -> throw new UsageException("Unknown ipvlan mode \"" + m + "\": use l2, l3 or l3s.");
                    };
                }
                case "bridge" -> flag = Ipvlan.Flag.BRIDGE;
                case "private" -> flag = Ipvlan.Flag.PRIVATE;
                case "vepa" -> flag = Ipvlan.Flag.VEPA;
                default -> throw w.unknown(a);
            }
        }
        return new Ipvlan(lower, mode, flag);
    }

    private static Vrf vrf(Words w) throws UsageException {
        if (!w.more() || !w.peek().equals("table")) {
            throw new UsageException("vrf needs \"table N\".");
        }
        w.next();
        Vrf v = new Vrf(w.intValue("table", 1, Integer.MAX_VALUE));
        return (Vrf) noArgs(w, v);
    }

    private static Geneve geneve(Words w) throws UsageException {
        Integer id = null, port = null, ttl = null;
        java.net.InetAddress remote = null;
        while (w.more()) {
            String a = w.next();
            switch (a) {
                case "id", "vni" -> id = w.intValue(a, 0, 0xffffff);
                case "remote" -> remote = address(w, a);
                case "dstport" -> port = w.intValue(a, 0, 65535);
                case "ttl" -> ttl = w.intValue(a, 0, 255);
                default -> throw w.unknown(a);
            }
        }
        if (id == null) {
            throw new UsageException("geneve needs \"id VNI\" (0 to 16777215).");
        }
        return new Geneve(id, remote, port, ttl);
    }

    private static java.net.InetAddress address(Words w, String keyword) throws UsageException {
        try {
            return InetPrefix.parseAddress(w.value(keyword, "an IP address"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + " (after \"" + keyword + "\")");
        }
    }

    static String ifname(String name) throws UsageException {
        try {
            return InterfaceNames.check(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
