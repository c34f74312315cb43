package io.netns4j.route;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.route.RouteMessage;
import io.netns4j.internal.netlink.route.Rta;
import io.netns4j.internal.rtnl.Interfaces;
import io.netns4j.internal.rtnl.NamespaceSession;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.netns4j.internal.netlink.route.RouteMessage.attrU32;

/**
 * {@link Route} to {@link RouteMessage} and back, with {@code ip}'s defaults for what a
 * request leaves out. Interface names are resolved in the route's namespace.
 */
final class RouteCodec {
    /** USER_HZ: the kernel reports expiry times in these ticks per second. */
    private static final int USER_HZ = 100;
    private static final int RTCF_MASK = ~0xFFFF;
    private static final int[] RTCF_BITS = {0x80000000, 0x40000000, 0x20000000, 0x10000000, 0x08000000, 0x00800000,
            0x00400000, 0x00020000, 0x04000000, 0x00040000, 0x01000000, 0x00200000, 0x00010000, 0x00080000};
    private static final String[] RTCF_NAMES = {"local", "reject", "mc", "brd", "dst-nat", "src-nat", "masq",
            "dst-direct", "src-direct", "redirected", "redirect", "fastroute", "notify", "proxy"};

    private RouteCodec() {
    }

    /** Interface indexes by name, in the route's namespace. */
    @FunctionalInterface
    interface Indexes {
        int of(String name) throws NetnsException;
    }

    /** Interface names by index; null for index 0. */
    @FunctionalInterface
    interface Names {
        String of(int index) throws NetnsException;
    }

    /** The request for {@code r}: RTM_NEWROUTE (add, replace, ...) or RTM_DELROUTE. */
    static RouteMessage request(Route r, boolean delete, Indexes indexes) throws NetnsException {
        InetFamily f = r.family();
        int type = r.type() != null ? r.type().number() : delete ? Rta.RTN_UNSPEC : Rta.RTN_UNICAST;
        long table = r.table() != null ? r.table() : isLocalType(type) ? RouteTables.LOCAL : RouteTables.MAIN;
        int protocol = r.protocol() != null ? r.protocol() : delete ? RouteProtocols.UNSPEC : RouteProtocols.BOOT;
        int scope = r.scope() != null ? r.scope() : defaultScope(f, type, delete, r.gateway() != null || !r.nexthops().isEmpty());
        List<Attribute> a = new ArrayList<>();
        if (r.destination().length() > 0) {
            a.add(new Attribute(Rta.RTA_DST, r.destination().address().getAddress()));
        }
        if (r.source() != null && r.source().length() > 0) {
            a.add(new Attribute(Rta.RTA_SRC, r.source().address().getAddress()));
        }
        if (r.preferredSource() != null) {
            a.add(new Attribute(Rta.RTA_PREFSRC, r.preferredSource().getAddress()));
        }
        if (r.gateway() != null) {
            a.add(gateway(f, r.gateway()));
        }
        if (r.metric() != null) {
            a.add(attrU32(Rta.RTA_PRIORITY, r.metric()));
        }
        if (table >= 256) {
            a.add(attrU32(Rta.RTA_TABLE, table));
        }
        if (r.pref() != null) {
            a.add(RouteMessage.attrU8(Rta.RTA_PREF, r.pref()));
        }
        if (r.device() != null) {
            a.add(attrU32(Rta.RTA_OIF, indexes.of(r.device())));
        }
        if (!r.metrics().isEmpty() || !r.lockedMetrics().isEmpty()) {
            a.add(RouteMessage.attrNested(Rta.RTA_METRICS, metrics(r)));
        }
        if (!r.nexthops().isEmpty()) {
            List<RouteMessage.Nexthop> hops = new ArrayList<>();
            for (Nexthop n : r.nexthops()) {
                List<Attribute> na = n.gateway() == null ? List.of() : List.of(gateway(f, n.gateway()));
                int index = n.device() == null ? 0 : indexes.of(n.device());
                hops.add(new RouteMessage.Nexthop(RouteFlag.bits(n.flags()), n.weight() - 1, index, Attributes.of(na)));
            }
            a.add(new Attribute(Rta.RTA_MULTIPATH, RouteMessage.Nexthop.encodeAll(hops)));
        }
        return new RouteMessage(f.number(), r.destination().length(), r.source() == null ? 0 : r.source().length(),
                r.tos(), table < 256 ? (int) table : Rta.RT_TABLE_UNSPEC, protocol, scope, type,
                RouteFlag.bits(r.flags()), Attributes.of(a));
    }

    private static final int RTA_IP_PROTO = 27;
    private static final int RTA_SPORT = 28;
    private static final int RTA_DPORT = 29;

    private static byte[] bigEndian16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    /** The RTM_GETROUTE request of {@code ip route get}: one lookup, answered with one route. */
    static RouteMessage lookupRequest(RouteLookup q, Indexes indexes) throws NetnsException {
        InetFamily f = InetFamily.of(q.destination());
        List<Attribute> a = new ArrayList<>();
        a.add(new Attribute(Rta.RTA_DST, q.destination().getAddress()));
        if (q.source() != null) {
            a.add(new Attribute(Rta.RTA_SRC, q.source().getAddress()));
        }
        if (q.uid() != null) {
            a.add(attrU32(Rta.RTA_UID, q.uid()));
        }
        if (q.ipProtocol() != null) {
            a.add(new Attribute(RTA_IP_PROTO, new byte[] {(byte) (int) q.ipProtocol()}));
        }
        if (q.sourcePort() != null) {
            a.add(new Attribute(RTA_SPORT, bigEndian16(q.sourcePort())));
        }
        if (q.destinationPort() != null) {
            a.add(new Attribute(RTA_DPORT, bigEndian16(q.destinationPort())));
        }
        if (q.inputDevice() != null) {
            a.add(attrU32(Rta.RTA_IIF, indexes.of(q.inputDevice())));
        }
        if (q.outputDevice() != null) {
            a.add(attrU32(Rta.RTA_OIF, indexes.of(q.outputDevice())));
        }
        if (q.mark() != null && q.mark() != 0) {
            a.add(attrU32(Rta.RTA_MARK, q.mark()));
        }
        int flags = (f == InetFamily.IPV4 ? Rta.RTM_F_LOOKUP_TABLE : 0) | (q.fibMatch() ? Rta.RTM_F_FIB_MATCH : 0);
        return new RouteMessage(f.number(), f.bits(), q.source() == null ? 0 : f.bits(), q.tos(), 0, 0, 0,
                0, flags, Attributes.of(a));
    }

    /** The RTM_GETROUTE dump request for {@code f}, with the parts the kernel can filter on itself. */
    static RouteMessage dumpRequest(RouteFilter f, Indexes indexes) throws NetnsException {
        List<Attribute> a = new ArrayList<>();
        if (f.family() != null && f.table() != null) {
            a.add(attrU32(Rta.RTA_TABLE, f.table()));
        }
        if (f.device() != null) {
            a.add(attrU32(Rta.RTA_OIF, indexes.of(f.device())));
        }
        return new RouteMessage(f.family() == null ? 0 : f.family().number(), 0, 0, 0, 0,
                f.protocol() == null ? 0 : f.protocol(), 0, 0, f.cached() ? Rta.RTM_F_CLONED : 0, Attributes.of(a));
    }

    private static boolean isLocalType(int type) {
        return type == Rta.RTN_LOCAL || type == Rta.RTN_BROADCAST || type == Rta.RTN_NAT || type == Rta.RTN_ANYCAST;
    }

    /** The scope {@code ip route} picks when none is given (iproute_modify). */
    private static int defaultScope(InetFamily f, int type, boolean delete, boolean hasGateway) {
        if (f == InetFamily.IPV6) {
            return RouteScopes.GLOBAL;
        }
        return switch (type) {
            case Rta.RTN_LOCAL, Rta.RTN_NAT -> RouteScopes.HOST;
            case Rta.RTN_BROADCAST, Rta.RTN_MULTICAST, Rta.RTN_ANYCAST -> RouteScopes.LINK;
            case Rta.RTN_UNICAST, Rta.RTN_UNSPEC -> delete ? RouteScopes.NOWHERE
                    : hasGateway ? RouteScopes.GLOBAL : RouteScopes.LINK;
            default -> delete ? RouteScopes.NOWHERE : RouteScopes.GLOBAL;
        };
    }

    /** RTA_GATEWAY, or RTA_VIA (family, address) for a gateway of the other family. */
    private static Attribute gateway(InetFamily routeFamily, InetAddress gw) {
        InetFamily gf = InetFamily.of(gw);
        if (gf == routeFamily) {
            return new Attribute(Rta.RTA_GATEWAY, gw.getAddress());
        }
        byte[] addr = gw.getAddress();
        return new Attribute(Rta.RTA_VIA, ByteBuffer.allocate(2 + addr.length).order(ByteOrder.nativeOrder())
                .putShort((short) gf.number()).put(addr).array());
    }

    private static List<Attribute> metrics(Route r) {
        List<Attribute> m = new ArrayList<>();
        r.metrics().forEach((k, v) -> m.add(attrU32(k.number(), v)));
        int lock = 0;
        for (RouteMetric k : r.lockedMetrics()) {
            lock |= 1 << k.number();
        }
        if (lock != 0) {
            m.add(attrU32(Rta.RTAX_LOCK, lock));
        }
        return m;
    }

    /** The names of {@code ns}'s interfaces, each looked up once; "ifN" for one that is gone, as ip prints it. */
    static Names names(NamespaceSession ns) {
        Map<Integer, String> known = new HashMap<>();
        return index -> {
            if (index == 0) {
                return null;
            }
            String n = known.get(index);
            if (n == null) {
                try {
                    n = Interfaces.byIndex(ns, index).name();
                } catch (NotFoundException e) {
                    n = "if" + index;
                }
                known.put(index, n);
            }
            return n;
        };
    }

    /** A route the kernel reported; null when it is not IPv4 or IPv6. */
    static Route decode(RouteMessage m, Names names) throws NetnsException {
        InetFamily f = InetFamily.ofNumber(m.family());
        if (f == null) {
            return null;
        }
        try {
            Attributes a = m.attributes();
            InetAddress dst = a.has(Rta.RTA_DST) ? f.address(m.bytes(Rta.RTA_DST)) : f.any();
            InetPrefix source = a.has(Rta.RTA_SRC) || m.srcLen() > 0
                    ? new InetPrefix(a.has(Rta.RTA_SRC) ? f.address(m.bytes(Rta.RTA_SRC)) : f.any(), m.srcLen()) : null;
            Map<RouteMetric, Long> metrics = new EnumMap<>(RouteMetric.class);
            Set<RouteMetric> locked = EnumSet.noneOf(RouteMetric.class);
            long lock = m.metrics().u32(Rta.RTAX_LOCK, 0);
            for (Attribute x : m.metrics().all()) {
                RouteMetric k = RouteMetric.ofNumber(x.type());
                if (k != null) {
                    metrics.put(k, m.metrics().u32(x.type(), 0));
                }
            }
            for (RouteMetric k : RouteMetric.values()) {
                if ((lock & (1L << k.number())) != 0) {
                    locked.add(k);
                }
            }
            List<Nexthop> hops = new ArrayList<>();
            for (RouteMessage.Nexthop h : m.nexthops()) {
                hops.add(new Nexthop(gateway(f, h.attributes()), names.of(h.ifindex()), h.hops() + 1,
                        RouteFlag.of(h.flags())));
            }
            byte[] cacheinfo = m.bytes(Rta.RTA_CACHEINFO);
            Integer expires = null;
            if (cacheinfo != null && cacheinfo.length >= Rta.CACHEINFO_EXPIRES_OFFSET + 4) {
                int ticks = ByteBuffer.wrap(cacheinfo).order(ByteOrder.nativeOrder()).getInt(Rta.CACHEINFO_EXPIRES_OFFSET);
                expires = ticks == 0 ? null : ticks / USER_HZ;
            }
            return new Route(new InetPrefix(dst, m.dstLen()), RouteType.ofNumber(m.type()), m.tableId(), m.protocol(),
                    m.scope(), gateway(f, a), names.of(m.outputIndex()),
                    a.has(Rta.RTA_PREFSRC) ? f.address(m.bytes(Rta.RTA_PREFSRC)) : null, source, m.priority(), m.tos(),
                    metrics, locked, hops, a.has(Rta.RTA_PREF) ? a.u8(Rta.RTA_PREF, 0) : null, RouteFlag.of(m.flags()),
                    names.of(a.s32(Rta.RTA_IIF, 0)), a.has(Rta.RTA_UID) ? a.u32(Rta.RTA_UID, 0) : null,
                    a.has(Rta.RTA_MARK) ? a.u32(Rta.RTA_MARK, 0) : null, expires, cache(f, m.flags()));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("route message: " + e.getMessage());
        }
    }

    private static InetAddress gateway(InetFamily f, Attributes a) throws MalformedMessageException {
        if (a.has(Rta.RTA_GATEWAY)) {
            return f.address(a.bytes(Rta.RTA_GATEWAY));
        }
        byte[] via = a.bytes(Rta.RTA_VIA);
        if (via == null || via.length < 2) {
            return null;
        }
        InetFamily vf = InetFamily.ofNumber(ByteBuffer.wrap(via).order(ByteOrder.nativeOrder()).getShort(0));
        if (vf == null) {
            throw new MalformedMessageException("RTA_VIA of an unsupported address family");
        }
        byte[] addr = new byte[via.length - 2];
        System.arraycopy(via, 2, addr, 0, addr.length);
        return vf.address(addr);
    }

    /** Null unless the kernel marked the route cloned; for IPv4, the RTCF flag names {@code ip} prints. */
    private static List<String> cache(InetFamily f, int flags) {
        if ((flags & Rta.RTM_F_CLONED) == 0) {
            return null;
        }
        if (f != InetFamily.IPV4) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < RTCF_BITS.length; i++) {
            if ((flags & RTCF_MASK & RTCF_BITS[i]) != 0) {
                out.add(RTCF_NAMES[i]);
            }
        }
        return out;
    }
}
