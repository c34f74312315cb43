package io.netns4j.route;

import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;
import io.netns4j.types.InterfaceNames;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A route, as {@code ip route} shows it and as {@link Routes} adds it. Build requests with
 * {@link #to(String)}: {@code Route.to("default").via("10.0.0.1").build()} is
 * {@code ip route add default via 10.0.0.1}.
 *
 * <p>In a request, a null {@code type}, {@code table}, {@code protocol} or {@code scope} means
 * what {@code ip} means by leaving it out: for add, unicast, table main (local for local,
 * broadcast, anycast and nat routes), protocol boot and the scope {@code ip} picks (link
 * for a route with no gateway, host for local routes, ...); for delete, "any". Routes the
 * kernel reports have all four set. {@code inputDevice}, {@code uid}, {@code mark} and
 * {@code cache} only appear on answers of {@link Routes#get}.
 *
 * @param destination the prefix; length 0 is the default route
 * @param type the route type ({@code unicast}, {@code local}, {@code blackhole}, ...), or null (see above)
 * @param table the routing table id ({@code table}), or null (see above)
 * @param protocol who installed the route ({@code proto}: {@link RouteProtocols#BOOT},
 * {@link RouteProtocols#STATIC}, ...), or null
 * @param scope the scope ({@code scope}: {@link RouteScopes#GLOBAL}, {@link RouteScopes#LINK}, ...), or null
 * @param source the source prefix ({@code from}, IPv6 source routing), or null
 * @param tos the type of service the route is for, 0 for any
 * @param gateway the next router ({@code via}), or null
 * @param device the output interface ({@code dev}), or null
 * @param preferredSource the source address for locally sent packets ({@code src}), or null
 * @param metric the route's priority ({@code metric}), lower wins; null when unset
 * @param metrics per-route metrics such as {@link RouteMetric#MTU}, in the kernel's order
 * @param lockedMetrics the metrics fixed against path MTU discovery and the like ({@code mtu lock N})
 * @param nexthops the paths of a multipath route; empty otherwise
 * @param pref IPv6 router preference (0 medium, 1 high, 3 low), or null
 * @param flags route flags; {@link RouteFlag#ONLINK} in a request
 * @param inputDevice the input interface of a lookup answer ({@code iif}), or null
 * @param uid the user id of a lookup answer, or null
 * @param mark the firewall mark of a lookup answer, or null
 * @param expires seconds until the route expires, or null
 * @param cache null unless the kernel reported a cached (cloned) route, as it does for lookups;
 *              then for IPv4 the RTCF flags {@code ip} prints after {@code cache} ({@code local},
 *              {@code brd}, ...), for IPv6 empty
 */
public record Route(InetPrefix destination, RouteType type, Long table, Integer protocol, Integer scope,
                    InetAddress gateway, String device, InetAddress preferredSource, InetPrefix source, Long metric,
                    int tos, Map<RouteMetric, Long> metrics, Set<RouteMetric> lockedMetrics, List<Nexthop> nexthops,
                    Integer pref, Set<RouteFlag> flags, String inputDevice, Long uid, Long mark, Integer expires,
                    List<String> cache) {
    /** IPv6 router preference {@code pref medium} (0). */
    public static final int PREF_MEDIUM = 0;
    /** IPv6 router preference {@code pref high} (1). */
    public static final int PREF_HIGH = 1;
    /** IPv6 router preference {@code pref low} (3). */
    public static final int PREF_LOW = 3;

    /**
     * Checks the destination and copies the collections (the record is immutable).
     *
     * @throws IllegalArgumentException when {@code destination} is null
     */
    public Route {
        if (destination == null) {
            throw new IllegalArgumentException("a route needs a destination (a prefix, or \"default\")");
        }
        EnumMap<RouteMetric, Long> m = new EnumMap<>(RouteMetric.class);
        m.putAll(metrics);
        metrics = Collections.unmodifiableMap(m);
        lockedMetrics = lockedMetrics.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(lockedMetrics));
        nexthops = List.copyOf(nexthops);
        flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        cache = cache == null ? null : List.copyOf(cache);
    }

    /**
     * The route's family.
     *
     * @return IPv4 or IPv6: the destination's family
     */
    public InetFamily family() {
        return InetFamily.of(destination.address());
    }

    /**
     * Whether this is a default route.
     *
     * @return whether the destination's length is 0
     */
    public boolean isDefault() {
        return destination.length() == 0;
    }

    /**
     * Starts a route to {@code destination}: {@code default} (also {@code all}, {@code any}), a
     * prefix ({@code 10.0.0.0/24}) or an address (a host route). Equivalent to {@code ip route add DESTINATION ...}.
     *
     * @param destination the destination, as {@code ip route} writes it
     * @return a builder
     * @throws IllegalArgumentException when {@code destination} is none of these
     */
    public static Builder to(String destination) {
        Builder b = new Builder();
        if (!destination.equals("default") && !destination.equals("all") && !destination.equals("any")) {
            b.destination = InetPrefix.parse(destination);
        }
        return b;
    }

    /**
     * Starts a route to {@code destination}.
     *
     * @param destination the prefix; length 0 for the default route
     * @return a builder
     */
    public static Builder to(InetPrefix destination) {
        Builder b = new Builder();
        b.destination = destination;
        return b;
    }

    /** Fills in a {@link Route}; {@link #build()} checks it and throws {@link IllegalArgumentException}. */
    public static final class Builder {
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

        private Builder() {
        }

        /**
         * The family of a default route that names no address ({@code ip -6 route add default dev X}).
         *
         * @param f IPv4 or IPv6
         * @return this builder
         */
        public Builder family(InetFamily f) {
            family = f;
            return this;
        }

        /**
         * The route type: {@code ip route add blackhole ...}.
         *
         * @param t the type; null for unicast
         * @return this builder
         */
        public Builder type(RouteType t) {
            type = t;
            return this;
        }

        /**
         * {@code via ADDRESS}: the gateway.
         *
         * @param address an address literal
         * @return this builder
         * @throws IllegalArgumentException when {@code address} is no address (with a hint to use
         * {@code dev} when it looks like an interface name), or a gateway is set already
         */
        public Builder via(String address) {
            return via(Nexthop.parseGateway(address));
        }

        /**
         * {@code via ADDRESS}: the gateway.
         *
         * @param address the next router
         * @return this builder
         * @throws IllegalArgumentException when a gateway is set already (use {@link #nexthop} for several)
         */
        public Builder via(InetAddress address) {
            if (gateway != null) {
                throw new IllegalArgumentException("a route has one \"via\"; use nexthop groups for several gateways");
            }
            gateway = address;
            return this;
        }

        /**
         * {@code dev NAME}: the output interface.
         *
         * @param name the interface name
         * @return this builder
         * @throws IllegalArgumentException when {@code name} is not a valid interface name
         */
        public Builder dev(String name) {
            device = InterfaceNames.check(name);
            return this;
        }

        /**
         * {@code src ADDRESS}: the preferred source address.
         *
         * @param address an address literal
         * @return this builder
         * @throws IllegalArgumentException when {@code address} is not an address literal
         */
        public Builder src(String address) {
            return src(InetPrefix.parseAddress(address));
        }

        /**
         * {@code src ADDRESS}: the preferred source address.
         *
         * @param address the address, of the route's family
         * @return this builder
         */
        public Builder src(InetAddress address) {
            preferredSource = address;
            return this;
        }

        /**
         * {@code from PREFIX}: the source prefix (IPv6 source-specific routing).
         *
         * @param prefix the prefix, as {@link InetPrefix#parse} reads it
         * @return this builder
         * @throws IllegalArgumentException when {@code prefix} does not parse
         */
        public Builder from(String prefix) {
            source = InetPrefix.parse(prefix);
            return this;
        }

        /**
         * {@code metric N}: the route's priority; lower wins.
         *
         * @param m 0 to 4294967295
         * @return this builder
         * @throws IllegalArgumentException when {@code m} is out of range
         */
        public Builder metric(long m) {
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
         * @return this builder
         * @throws IllegalArgumentException when {@code id} is out of range
         */
        public Builder table(long id) {
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
         * @return this builder
         * @throws IllegalArgumentException when it is neither a known name nor a number in range
         */
        public Builder table(String nameOrNumber) {
            return table(RouteTables.parse(nameOrNumber));
        }

        /**
         * {@code proto N}: who installed the route.
         *
         * @param p 0 to 255, see {@link RouteProtocols}
         * @return this builder
         * @throws IllegalArgumentException when {@code p} is out of range
         */
        public Builder protocol(int p) {
            protocol = byteValue(p, "protocol");
            return this;
        }

        /**
         * {@code scope N}.
         *
         * @param s 0 to 255, see {@link RouteScopes}
         * @return this builder
         * @throws IllegalArgumentException when {@code s} is out of range
         */
        public Builder scope(int s) {
            scope = byteValue(s, "scope");
            return this;
        }

        /**
         * {@code tos N}: the type of service the route is for.
         *
         * @param t 0 to 255; 0 for any
         * @return this builder
         * @throws IllegalArgumentException when {@code t} is out of range
         */
        public Builder tos(int t) {
            tos = byteValue(t, "tos");
            return this;
        }

        /**
         * {@code mtu N}: the path MTU for the route.
         *
         * @param bytes the MTU in bytes
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is out of range
         */
        public Builder mtu(long bytes) {
            return metric(RouteMetric.MTU, bytes);
        }

        /**
         * Sets a per-route metric ({@code mtu}, {@code advmss}, {@code hoplimit}, ...), in the metric's unit.
         *
         * @param m the metric
         * @param value 0 to 4294967295
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is out of range
         */
        public Builder metric(RouteMetric m, long value) {
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
         * @return this builder
         */
        public Builder lock(RouteMetric m) {
            locked.add(m);
            return this;
        }

        /**
         * Adds a path of a multipath route ({@code nexthop via ... dev ... weight N}).
         *
         * @param n the path
         * @return this builder
         */
        public Builder nexthop(Nexthop n) {
            nexthops.add(n);
            return this;
        }

        /**
         * {@code pref low|medium|high}: IPv6 router preference.
         *
         * @param p {@link #PREF_LOW}, {@link #PREF_MEDIUM} or {@link #PREF_HIGH}
         * @return this builder
         * @throws IllegalArgumentException when {@code p} is outside 0 to 255
         */
        public Builder pref(int p) {
            pref = byteValue(p, "pref");
            return this;
        }

        /**
         * {@code onlink}: take the gateway as on the link even with no route to it.
         *
         * @return this builder
         */
        public Builder onlink() {
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
        public Route build() {
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
    }
}
