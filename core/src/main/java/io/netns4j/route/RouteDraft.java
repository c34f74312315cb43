package io.netns4j.route;

import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;
import io.netns4j.types.InterfaceNames;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutable form behind {@link Route}'s {@code withX} methods: each wither copies the route
 * into a draft, changes one part and {@link #build() builds} it again, so every step is
 * checked as a whole. A default route that names no address keeps its family open: a later
 * gateway, {@code src}, {@code from} or nexthop of IPv6 makes it {@code ::/0}.
 */
final class RouteDraft {

    private InetPrefix destination;
    private InetFamily family;
    private RouteType type;
    private Long table;
    private Integer protocol;
    private Integer scope;
    private InetAddress gateway;
    private String device;
    private InetAddress preferredSource;
    private InetPrefix source;
    private Long metric;
    private int tos;
    private final Map<RouteMetric, Long> metrics = new EnumMap<>(RouteMetric.class);
    private final Set<RouteMetric> locked = EnumSet.noneOf(RouteMetric.class);
    private final List<Nexthop> nexthops = new ArrayList<>();
    private Integer pref;
    private final Set<RouteFlag> flags = EnumSet.noneOf(RouteFlag.class);

    private RouteDraft() {
    }

    /**
     * The family of a default route that names no address ({@code ip -6 route add default dev X}).
     *
     * @param f IPv4 or IPv6
     * @return this draft
     */
    RouteDraft family(InetFamily f) {
        family = f;
        return this;
    }

    /**
     * The route type: {@code ip route add blackhole ...}.
     *
     * @param t the type; null for unicast
     * @return this draft
     */
    RouteDraft type(RouteType t) {
        type = t;
        return this;
    }

    /**
     * {@code via ADDRESS}: the gateway.
     *
     * @param address an address literal
     * @return this draft
     * @throws IllegalArgumentException when {@code address} is no address (with a hint to use
     * {@code dev} when it looks like an interface name), or a gateway is set already
     */
    RouteDraft via(String address) {
        return via(Nexthop.parseGateway(address));
    }

    /**
     * {@code via ADDRESS}: the gateway, replacing one set before (several: {@link #nexthop}).
     *
     * @param address the next router
     * @return this draft
     */
    RouteDraft via(InetAddress address) {
        gateway = address;
        return this;
    }

    /**
     * {@code dev NAME}: the output interface.
     *
     * @param name the interface name
     * @return this draft
     * @throws IllegalArgumentException when {@code name} is not a valid interface name
     */
    RouteDraft dev(String name) {
        device = InterfaceNames.check(name);
        return this;
    }

    /**
     * {@code src ADDRESS}: the preferred source address.
     *
     * @param address an address literal
     * @return this draft
     * @throws IllegalArgumentException when {@code address} is not an address literal
     */
    RouteDraft src(String address) {
        return src(InetPrefix.parseAddress(address));
    }

    /**
     * {@code src ADDRESS}: the preferred source address.
     *
     * @param address the address, of the route's family
     * @return this draft
     */
    RouteDraft src(InetAddress address) {
        preferredSource = address;
        return this;
    }

    /**
     * {@code from PREFIX}: the source prefix (IPv6 source-specific routing).
     *
     * @param prefix the prefix, as {@link InetPrefix#parse} reads it
     * @return this draft
     * @throws IllegalArgumentException when {@code prefix} does not parse
     */
    RouteDraft from(String prefix) {
        source = InetPrefix.parse(prefix);
        return this;
    }

    /**
     * {@code metric N}: the route's priority; lower wins.
     *
     * @param m 0 to 4294967295
     * @return this draft
     * @throws IllegalArgumentException when {@code m} is out of range
     */
    RouteDraft metric(long m) {
        if (m < 0 || m > RouteTables.MAX) {
            throw new IllegalArgumentException("metric " + m + " is out of range (0 to " + RouteTables.MAX + ")");
        }
        metric = m;
        return this;
    }

    /**
     * {@code table ID}.
     *
     * @param id the table id, 0 to 4294967295 (see {@link RouteTables})
     * @return this draft
     * @throws IllegalArgumentException when {@code id} is out of range
     */
    RouteDraft table(long id) {
        if (id < 0 || id > RouteTables.MAX) {
            throw new IllegalArgumentException("table " + id + " is out of range (0 to " + RouteTables.MAX + ")");
        }
        table = id;
        return this;
    }

    /**
     * {@code table NAME}: a table by name ({@code main}, {@code local}, names in rt_tables) or number.
     *
     * @param nameOrNumber the name or number
     * @return this draft
     * @throws IllegalArgumentException when it is neither a known name nor a number in range
     */
    RouteDraft table(String nameOrNumber) {
        return table(RouteTables.parse(nameOrNumber));
    }

    /**
     * {@code proto N}: who installed the route.
     *
     * @param p 0 to 255, see {@link RouteProtocols}
     * @return this draft
     * @throws IllegalArgumentException when {@code p} is out of range
     */
    RouteDraft protocol(int p) {
        protocol = byteValue(p, "protocol");
        return this;
    }

    /**
     * {@code scope N}.
     *
     * @param s 0 to 255, see {@link RouteScopes}
     * @return this draft
     * @throws IllegalArgumentException when {@code s} is out of range
     */
    RouteDraft scope(int s) {
        scope = byteValue(s, "scope");
        return this;
    }

    /**
     * {@code tos N}: the type of service the route is for.
     *
     * @param t 0 to 255; 0 for any
     * @return this draft
     * @throws IllegalArgumentException when {@code t} is out of range
     */
    RouteDraft tos(int t) {
        tos = byteValue(t, "tos");
        return this;
    }

    /**
     * {@code mtu N}: the path MTU for the route.
     *
     * @param bytes the MTU in bytes
     * @return this draft
     * @throws IllegalArgumentException when {@code bytes} is out of range
     */
    RouteDraft mtu(long bytes) {
        return metric(RouteMetric.MTU, bytes);
    }

    /**
     * Sets a per-route metric ({@code mtu}, {@code advmss}, {@code hoplimit}, ...), in the metric's unit.
     *
     * @param m the metric
     * @param value 0 to 4294967295
     * @return this draft
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    RouteDraft metric(RouteMetric m, long value) {
        if (value < 0 || value > RouteTables.MAX) {
            throw new IllegalArgumentException("\"" + m.ipName() + "\" value " + value + " is out of range");
        }
        metrics.put(m, value);
        return this;
    }

    /**
     * Locks a metric ({@code mtu lock 1400}): path MTU discovery and the like leave it alone.
     *
     * @param m the metric to lock
     * @return this draft
     */
    RouteDraft lock(RouteMetric m) {
        locked.add(m);
        return this;
    }

    /**
     * Adds a path of a multipath route ({@code nexthop via ... dev ... weight N}).
     *
     * @param n the path
     * @return this draft
     */
    RouteDraft nexthop(Nexthop n) {
        nexthops.add(n);
        return this;
    }

    /**
     * {@code pref low|medium|high}: IPv6 router preference.
     *
     * @param p {@link Route#PREF_LOW}, {@link Route#PREF_MEDIUM} or {@link Route#PREF_HIGH}
     * @return this draft
     * @throws IllegalArgumentException when {@code p} is outside 0 to 255
     */
    RouteDraft pref(int p) {
        pref = byteValue(p, "pref");
        return this;
    }

    /**
     * {@code onlink}: take the gateway as on the link even with no route to it.
     *
     * @return this draft
     */
    RouteDraft onlink() {
        flags.add(RouteFlag.ONLINK);
        return this;
    }

    private static int byteValue(int v, String what) {
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException("\"" + what + "\" value " + v + " is out of range (0 to 255)");
        }
        return v;
    }

    /**
     * Checks the route and builds it. A default route with no destination takes its family from
     * {@link #family}, the gateway, {@code src}, {@code from} or the first nexthop gateway, else IPv4.
     *
     * @return the route
     * @throws IllegalArgumentException for both {@code via} and nexthops, an IPv4 destination with
     * host bits set, or a {@code src}/{@code from} of the other family
     */
    Route build() {
        InetFamily f = destination != null ? InetFamily.of(destination.address()) : guessFamily();
        InetPrefix dst = destination != null ? destination : new InetPrefix(f.any(), 0);
        if (gateway != null && !nexthops.isEmpty()) {
            throw new IllegalArgumentException("a route takes \"via\" or \"nexthop\" groups, not both");
        }
        if (f == InetFamily.IPV4 && !dst.network().equals(dst)) {
            throw new IllegalArgumentException("\"" + dst + "\" has host bits set: the network is " + dst.network());
        }
        for (InetAddress a : new InetAddress[] {preferredSource, source == null ? null : source.address()}) {
            if (a != null && InetFamily.of(a) != f) {
                throw new IllegalArgumentException(InetText.format(a) + " is " + InetFamily.of(a).ipName()
                        + " but the route is " + f.ipName());
            }
        }
        return new Route(dst, type, table, protocol, scope, gateway, device, preferredSource, source, metric, tos,
                metrics, locked, nexthops, pref, flags, null, null, null, null, null);
    }

    private InetFamily guessFamily() {
        if (family != null) {
            return family;
        }
        for (InetAddress a : new InetAddress[] {gateway, preferredSource, source == null ? null : source.address()}) {
            if (a != null) {
                return InetFamily.of(a);
            }
        }
        for (Nexthop n : nexthops) {
            if (n.gateway() != null) {
                return InetFamily.of(n.gateway());
            }
        }
        return InetFamily.IPV4;
    }

    /** A draft of {@code r}, whose default destination stays open unless its family was chosen. */
    static RouteDraft of(Route r) {
        RouteDraft d = new RouteDraft();
        if (r.destination().length() != 0) {
            d.destination = r.destination();
        } else if (r.family() == InetFamily.IPV6 && !addressesImplyFamily(r)) {
            d.family = InetFamily.IPV6;
        }
        d.type = r.type();
        d.table = r.table();
        d.protocol = r.protocol();
        d.scope = r.scope();
        d.gateway = r.gateway();
        d.device = r.device();
        d.preferredSource = r.preferredSource();
        d.source = r.source();
        d.metric = r.metric();
        d.tos = r.tos();
        d.metrics.putAll(r.metrics());
        d.locked.addAll(r.lockedMetrics());
        d.nexthops.addAll(r.nexthops());
        d.pref = r.pref();
        d.flags.addAll(r.flags());
        return d;
    }

    private static boolean addressesImplyFamily(Route r) {
        for (InetAddress a : new InetAddress[] {r.gateway(), r.preferredSource(),
                r.source() == null ? null : r.source().address()}) {
            if (a != null) {
                return true;
            }
        }
        return r.nexthops().stream().anyMatch(n -> n.gateway() != null);
    }

    /** A draft of a route to {@code destination} ({@code default} or a prefix), as {@link Route#to(String)} reads it. */
    static RouteDraft to(String destination) {
        RouteDraft d = new RouteDraft();
        if (!destination.equals("default") && !destination.equals("all") && !destination.equals("any")) {
            d.destination = InetPrefix.parse(destination);
        }
        return d;
    }

    /** A draft of a route to {@code destination}; a length-0 prefix is a default route of that family. */
    static RouteDraft to(InetPrefix destination) {
        RouteDraft d = new RouteDraft();
        d.destination = destination;
        return d;
    }
}
