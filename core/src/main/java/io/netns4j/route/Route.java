package io.netns4j.route;

import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;

import java.net.InetAddress;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A route, as {@code ip route} shows it and as {@link Routes} adds it. Build requests with
 * {@link #to(String)} and the {@code withX} methods, each returning a changed copy:
 * {@code Route.to("default").withGateway("10.0.0.1")} is
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
     * A route to {@code destination}: {@code default} (also {@code all}, {@code any}), a prefix
     * ({@code 10.0.0.0/24}) or an address (a host route). Equivalent to {@code ip route add
     * DESTINATION}; add the rest with the {@code withX} methods. A default route takes its
     * family from the first address given (gateway, {@code src}, {@code from}, a nexthop) or
     * {@link #withFamily}, else IPv4.
     *
     * @param destination the destination, as {@code ip route} writes it
     * @return the route, IPv4 unicast in table main unless changed
     * @throws IllegalArgumentException when {@code destination} is none of these, or an IPv4
     *         prefix has host bits set
     */
    public static Route to(String destination) {
        return RouteDraft.to(destination).build();
    }

    /**
     * A route to {@code destination}.
     *
     * @param destination the prefix; length 0 for the default route (of the prefix's family)
     * @return the route
     * @throws IllegalArgumentException when an IPv4 prefix has host bits set
     */
    public static Route to(InetPrefix destination) {
        return RouteDraft.to(destination).build();
    }

    /**
     * The family of a default route that names no address: {@code ip -6 route add default dev X}.
     *
     * @param f IPv4 or IPv6
     * @return a changed copy, checked as a whole; this route is unchanged
     */
    public Route withFamily(InetFamily f) {
        return RouteDraft.of(this).family(f).build();
    }

    /**
     * The route type: {@code ip route add blackhole ...}.
     *
     * @param t the type; null for unicast
     * @return a changed copy, checked as a whole; this route is unchanged
     */
    public Route withType(RouteType t) {
        return RouteDraft.of(this).type(t).build();
    }

    /**
     * The gateway: {@code via ADDRESS}.
     *
     * @param address an address literal
     * @return a changed copy, checked as a whole; this route is unchanged
     * @throws IllegalArgumentException when {@code address} is no address (with a hint to use {@code dev} when it looks like an interface name)
     */
    public Route withGateway(String address) {
        return RouteDraft.of(this).via(address).build();
    }

    /**
     * The gateway: {@code via ADDRESS}. Replaces one set before; for several use {@link #withNexthop}.
     *
     * @param address the next router
     * @return a changed copy, checked as a whole; this route is unchanged
     * @throws IllegalArgumentException when the route has nexthops
     */
    public Route withGateway(InetAddress address) {
        return RouteDraft.of(this).via(address).build();
    }

    /**
     * The output interface: {@code dev NAME}.
     *
     * @param name the interface name
     * @return a changed copy, checked as a whole; this route is unchanged
     * @throws IllegalArgumentException when {@code name} is not a valid interface name
     */
    public Route withDevice(String name) {
        return RouteDraft.of(this).dev(name).build();
    }

    /**
     * The preferred source address: {@code src ADDRESS}.
     *
     * @param address an address literal, of the route's family
     * @return a changed copy, checked as a whole; this route is unchanged
     * @throws IllegalArgumentException when it is not an address literal or of the other family
     */
    public Route withPreferredSource(String address) {
        return RouteDraft.of(this).src(address).build();
    }

    /**
     * The preferred source address: {@code src ADDRESS}.
     *
     * @param address the address, of the route's family
     * @return a changed copy, checked as a whole; this route is unchanged
     * @throws IllegalArgumentException when it is of the other family
     */
    public Route withPreferredSource(InetAddress address) {
        return RouteDraft.of(this).src(address).build();
    }

    /**
     * The source prefix: {@code from PREFIX} (IPv6 source-specific routing).
     *
     * @param prefix the prefix, as {@link InetPrefix#parse} reads it
     * @return a changed copy, checked as a whole; this route is unchanged
     * @throws IllegalArgumentException when {@code prefix} does not parse or is of the other family
     */
    public Route withSource(String prefix) {
        return RouteDraft.of(this).from(prefix).build();
    }

    /**
     * The route's priority: {@code metric N}; lower wins.
     *
     * @param m 0 to 4294967295
     * @return a changed copy, checked as a whole; this route is unchanged
     * @throws IllegalArgumentException when {@code m} is out of range
     */
    public Route withMetric(long m) {
        return RouteDraft.of(this).metric(m).build();
    }

    /**
     * The table: {@code table ID}.
     *
     * @param id the table id, 0 to 4294967295 (see {@link RouteTables})
     * @return a changed copy, checked as a whole; this route is unchanged
     * @throws IllegalArgumentException when {@code id} is out of range
     */
    public Route withTable(long id) {
        return RouteDraft.of(this).table(id).build();
    }

    /**
     * The table by name ({@code main}, {@code local}, names in rt_tables) or number: {@code table NAME}.
     *
     * @param nameOrNumber the name or number
     * @return a changed copy, checked as a whole; this route is unchanged
     * @throws IllegalArgumentException when it is neither a known name nor a number in range
     */
    public Route withTable(String nameOrNumber) {
        return RouteDraft.of(this).table(nameOrNumber).build();
    }

    /**
     * Who installed the route: {@code proto N}.
     *
     * @param p 0 to 255, see {@link RouteProtocols}
     * @return a changed copy, checked as a whole; this route is unchanged
     * @throws IllegalArgumentException when {@code p} is out of range
     */
    public Route withProtocol(int p) {
        return RouteDraft.of(this).protocol(p).build();
    }

    /**
     * The scope: {@code scope N}.
     *
     * @param s 0 to 255, see {@link RouteScopes}
     * @return a changed copy, checked as a whole; this route is unchanged
     * @throws IllegalArgumentException when {@code s} is out of range
     */
    public Route withScope(int s) {
        return RouteDraft.of(this).scope(s).build();
    }

    /**
     * The type of service the route is for: {@code tos N}.
     *
     * @param t 0 to 255; 0 for any
     * @return a changed copy, checked as a whole; this route is unchanged
     * @throws IllegalArgumentException when {@code t} is out of range
     */
    public Route withTos(int t) {
        return RouteDraft.of(this).tos(t).build();
    }

    /**
     * The path MTU for the route: {@code mtu N}.
     *
     * @param bytes the MTU in bytes
     * @return a changed copy, checked as a whole; this route is unchanged
     * @throws IllegalArgumentException when {@code bytes} is out of range
     */
    public Route withMtu(long bytes) {
        return RouteDraft.of(this).mtu(bytes).build();
    }

    /**
     * A per-route metric ({@code mtu}, {@code advmss}, {@code hoplimit}, ...), in the metric's unit.
     *
     * @param m the metric
     * @param value 0 to 4294967295
     * @return a changed copy, checked as a whole; this route is unchanged
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public Route withMetric(RouteMetric m, long value) {
        return RouteDraft.of(this).metric(m, value).build();
    }

    /**
     * A locked metric ({@code mtu lock 1400}): path MTU discovery and the like leave it alone.
     *
     * @param m the metric to lock
     * @return a changed copy, checked as a whole; this route is unchanged
     */
    public Route withLockedMetric(RouteMetric m) {
        return RouteDraft.of(this).lock(m).build();
    }

    /**
     * One more path of a multipath route: {@code nexthop via ... dev ... weight N}.
     *
     * @param n the path
     * @return a changed copy, checked as a whole; this route is unchanged
     * @throws IllegalArgumentException when the route has a gateway ({@code via})
     */
    public Route withNexthop(Nexthop n) {
        return RouteDraft.of(this).nexthop(n).build();
    }

    /**
     * IPv6 router preference: {@code pref low|medium|high}.
     *
     * @param p {@link #PREF_LOW}, {@link #PREF_MEDIUM} or {@link #PREF_HIGH}
     * @return a changed copy, checked as a whole; this route is unchanged
     * @throws IllegalArgumentException when {@code p} is outside 0 to 255
     */
    public Route withPref(int p) {
        return RouteDraft.of(this).pref(p).build();
    }

    /**
     * Takes the gateway as on the link even with no route to it: {@code onlink}.
     *
     * @return a changed copy; this route is unchanged
     */
    public Route withOnlink() {
        return RouteDraft.of(this).onlink().build();
    }
}
