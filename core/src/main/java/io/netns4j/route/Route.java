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
    /** IPv6 router preference values ({@code pref low|medium|high}). */
    public static final int PREF_MEDIUM = 0;
    public static final int PREF_HIGH = 1;
    public static final int PREF_LOW = 3;

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

    /** IPv4 or IPv6: the destination's family. */
    public InetFamily family() {
        return InetFamily.of(destination.address());
    }

    /** Whether this is a default route (destination length 0). */
    public boolean isDefault() {
        return destination.length() == 0;
    }

    /**
     * Starts a route to {@code destination}: {@code default}, a prefix ({@code 10.0.0.0/24}) or
     * an address (a host route).
     */
    public static Builder to(String destination) {
        Builder b = new Builder();
        if (!destination.equals("default") && !destination.equals("all") && !destination.equals("any")) {
            b.destination = InetPrefix.parse(destination);
        }
        return b;
    }

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

        /** The family of a default route that names no address ({@code ip -6 route add default dev X}). */
        public Builder family(InetFamily f) {
            family = f;
            return this;
        }

        public Builder type(RouteType t) {
            type = t;
            return this;
        }

        /** {@code via ADDRESS}; a word that is an interface name is refused with a hint to use {@code dev}. */
        public Builder via(String address) {
            return via(Nexthop.parseGateway(address));
        }

        public Builder via(InetAddress address) {
            if (gateway != null) {
                throw new IllegalArgumentException("a route has one \"via\"; use nexthop groups for several gateways");
            }
            gateway = address;
            return this;
        }

        public Builder dev(String name) {
            device = InterfaceNames.check(name);
            return this;
        }

        /** {@code src ADDRESS}: the preferred source address. */
        public Builder src(String address) {
            return src(InetPrefix.parseAddress(address));
        }

        public Builder src(InetAddress address) {
            preferredSource = address;
            return this;
        }

        /** {@code from PREFIX}: the source prefix (IPv6 source-specific routing). */
        public Builder from(String prefix) {
            source = InetPrefix.parse(prefix);
            return this;
        }

        public Builder metric(long m) {
            if (m < 0 || m > RouteTables.MAX) {
                throw new IllegalArgumentException("metric " + m + " is out of range (0 to " + RouteTables.MAX + ")");
            }
            metric = m;
            return this;
        }

        public Builder table(long id) {
            if (id < 0 || id > RouteTables.MAX) {
                throw new IllegalArgumentException("table " + id + " is out of range (0 to " + RouteTables.MAX + ")");
            }
            table = id;
            return this;
        }

        /** A table by name ({@code main}, names in rt_tables) or number. */
        public Builder table(String nameOrNumber) {
            return table(RouteTables.parse(nameOrNumber));
        }

        public Builder protocol(int p) {
            protocol = byteValue(p, "protocol");
            return this;
        }

        public Builder scope(int s) {
            scope = byteValue(s, "scope");
            return this;
        }

        public Builder tos(int t) {
            tos = byteValue(t, "tos");
            return this;
        }

        public Builder mtu(long bytes) {
            return metric(RouteMetric.MTU, bytes);
        }

        /** Sets a per-route metric ({@code mtu}, {@code advmss}, {@code hoplimit}, ...). */
        public Builder metric(RouteMetric m, long value) {
            if (value < 0 || value > RouteTables.MAX) {
                throw new IllegalArgumentException("\"" + m.ipName() + "\" value " + value + " is out of range");
            }
            metrics.put(m, value);
            return this;
        }

        /** Locks a metric ({@code mtu lock 1400}). */
        public Builder lock(RouteMetric m) {
            locked.add(m);
            return this;
        }

        public Builder nexthop(Nexthop n) {
            nexthops.add(n);
            return this;
        }

        /** IPv6 router preference: {@link #PREF_LOW}, {@link #PREF_MEDIUM} or {@link #PREF_HIGH}. */
        public Builder pref(int p) {
            pref = byteValue(p, "pref");
            return this;
        }

        /** {@code onlink}: take the gateway as on the link even with no route to it. */
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
