package io.netns4j.route;

import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InterfaceNames;



/**
 * Which routes {@link Routes#list(RouteFilter)} and {@link Routes#flush(RouteFilter)} take:
 * the selector of {@code ip route show|flush}. Unset (null) parts match anything. Start from
 * {@link #main()} or {@link #all()} and narrow it with the {@code withX} methods, each returning a
 * changed copy.
 * {@link #main()} is what {@code ip route show} lists: IPv4, table main.
 *
 * @param family IPv4 or IPv6; null for both
 * @param table one table; null for every table ({@code table all})
 * @param via routes whose gateway lies in this prefix
 * @param preferredSource routes whose {@code src} lies in this prefix
 * @param protocol routes installed by this protocol ({@code proto}); null for any
 * @param scope routes of this scope ({@code scope}); null for any
 * @param type routes of this type ({@code type}); null for any
 * @param device routes out of this interface ({@code dev}); null for any
 * @param inputDevice routes for packets in on this interface ({@code iif}); null for any
 * @param metric routes with this metric ({@code metric}, a route without one counts as 0); null for any
 * @param destination with {@code match}: which destinations count (see {@link Match}); null for any
 * @param match how {@code destination} selects
 * @param cached the route cache instead of the tables ({@code ip route show cache}): IPv4 exceptions
 *               (learned PMTU, redirects) and IPv6 cached routes
 */
public record RouteFilter(InetFamily family, Long table, Integer protocol, Integer scope, RouteType type,
                          String device, String inputDevice, InetPrefix via, InetPrefix preferredSource, Long metric,
                          InetPrefix destination, Match match, boolean cached) {

    /** How {@code destination} selects routes. */
    public enum Match {
        /** Exactly this prefix ({@code ip route show PREFIX} or {@code exact PREFIX}). */
        EXACT,
        /** This prefix and every more specific one inside it ({@code root PREFIX}). */
        ROOT,
        /** Every route that covers this prefix, default included ({@code match PREFIX}). */
        MATCH
    }

    /**
     * IPv4 routes of table main: {@code ip route show}.
     *
     * @return the filter
     */
    public static RouteFilter main() {
        return new RouteFilter(InetFamily.IPV4, RouteTables.MAIN, null, null, null, null, null, null, null, null,
                null, Match.EXACT, false);
    }

    /**
     * Every route of both families in every table: {@code ip route show table all}.
     *
     * @return the filter
     */
    public static RouteFilter all() {
        return new RouteFilter(null, null, null, null, null, null, null, null, null, null, null, Match.EXACT, false);
    }

    /**
     * Only this family: {@code ip -4 route} or {@code ip -6 route}.
     *
     * @param f IPv4 or IPv6 ({@link #withAnyFamily()} for both)
     * @return a new filter
     */
    public RouteFilter withFamily(InetFamily f) {
        return new RouteFilter(f, table, protocol, scope, type, device, inputDevice, via, preferredSource, metric,
                destination, match, cached);
    }

    /**
     * Only one table: {@code table ID}.
     *
     * @param t the table id, 0 to 4294967295 (see {@link RouteTables}); {@link #withAnyTable()} for all
     * @return a new filter
     */
    public RouteFilter withTable(long t) {
        return new RouteFilter(family, t, protocol, scope, type, device, inputDevice, via, preferredSource, metric,
                destination, match, cached);
    }

    /**
     * Routes of both families ({@code ip route show} with neither {@code -4} nor {@code -6} on a
     * filter that names no address).
     *
     * @return a new filter
     */
    public RouteFilter withAnyFamily() {
        return new RouteFilter(null, table, protocol, scope, type, device, inputDevice, via, preferredSource, metric,
                destination, match, cached);
    }

    /**
     * Routes of every table: {@code table all}.
     *
     * @return a new filter
     */
    public RouteFilter withAnyTable() {
        return new RouteFilter(family, null, protocol, scope, type, device, inputDevice, via, preferredSource, metric,
                destination, match, cached);
    }

    /**
     * Only routes installed by one protocol: {@code proto N}.
     *
     * @param p 0 to 255 (see {@link RouteProtocols})
     * @return a new filter
     */
    public RouteFilter withProtocol(int p) {
        return new RouteFilter(family, table, p, scope, type, device, inputDevice, via, preferredSource, metric,
                destination, match, cached);
    }

    /**
     * Only routes of one scope: {@code scope N}.
     *
     * @param s 0 to 255 (see {@link RouteScopes})
     * @return a new filter
     */
    public RouteFilter withScope(int s) {
        return new RouteFilter(family, table, protocol, s, type, device, inputDevice, via, preferredSource, metric,
                destination, match, cached);
    }

    /**
     * Only routes of one type: {@code type TYPE}.
     *
     * @param t the type; null for any
     * @return a new filter
     */
    public RouteFilter withType(RouteType t) {
        return new RouteFilter(family, table, protocol, scope, t, device, inputDevice, via, preferredSource, metric,
                destination, match, cached);
    }

    /**
     * Routes out of this interface: {@code dev NAME}.
     *
     * @param name the interface name; null for any
     * @return a new filter
     * @throws IllegalArgumentException when {@code name} is not a valid interface name
     */
    public RouteFilter withDevice(String name) {
        return new RouteFilter(family, table, protocol, scope, type, name == null ? null : InterfaceNames.check(name),
                inputDevice, via, preferredSource, metric, destination, match, cached);
    }

    /**
     * Routes for packets coming in on this interface: {@code iif NAME}.
     *
     * @param name the interface name; null for any
     * @return a new filter
     * @throws IllegalArgumentException when {@code name} is not a valid interface name
     */
    public RouteFilter withInputDevice(String name) {
        return new RouteFilter(family, table, protocol, scope, type, device,
                name == null ? null : InterfaceNames.check(name), via, preferredSource, metric, destination, match, cached);
    }

    /**
     * Routes whose gateway lies in a prefix: {@code via PREFIX} (a route without one counts as the all-zero address).
     *
     * @param gateways the prefix; null for any
     * @return a new filter
     */
    public RouteFilter withGateways(InetPrefix gateways) {
        return new RouteFilter(family, table, protocol, scope, type, device, inputDevice, gateways, preferredSource,
                metric, destination, match, cached);
    }

    /**
     * Routes whose preferred source lies in a prefix: {@code src PREFIX}.
     *
     * @param sources the prefix; null for any
     * @return a new filter
     */
    public RouteFilter withPreferredSources(InetPrefix sources) {
        return new RouteFilter(family, table, protocol, scope, type, device, inputDevice, via, sources, metric,
                destination, match, cached);
    }

    /**
     * Routes with this metric: {@code metric N}.
     *
     * @param m the metric, 0 to 4294967295
     * @return a new filter
     */
    public RouteFilter withMetric(long m) {
        return new RouteFilter(family, table, protocol, scope, type, device, inputDevice, via, preferredSource, m,
                destination, match, cached);
    }

    /**
     * Routes by destination: {@code exact PREFIX}, {@code root PREFIX} or {@code match PREFIX}.
     *
     * @param prefix the prefix; null for any
     * @param how how the prefix selects
     * @return a new filter
     */
    public RouteFilter withDestination(InetPrefix prefix, Match how) {
        return new RouteFilter(family, table, protocol, scope, type, device, inputDevice, via, preferredSource, metric,
                prefix, how, cached);
    }

    /**
     * The route cache instead of the tables: {@code ip route show cache}. The kernel answers the
     * dump with its exceptions (IPv4: learned PMTU and redirects) and cached routes (IPv6).
     *
     * @return a new filter
     */
    public RouteFilter withCached() {
        return new RouteFilter(family, table, protocol, scope, type, device, inputDevice, via, preferredSource, metric,
                destination, match, true);
    }

    /**
     * Whether {@code r} passes every part of this filter that is set.
     *
     * @param r a route
     * @return whether it is selected
     */
    public boolean matches(Route r) {
        return (family == null || r.family() == family)
                && (table == null || table.equals(r.table()))
                && (protocol == null || protocol.equals(r.protocol()))
                && (scope == null || scope.equals(r.scope()))
                && (type == null || type == r.type())
                && (device == null || device.equals(r.device()))
                && (inputDevice == null || inputDevice.equals(r.inputDevice()))
                && (metric == null || metric == (r.metric() == null ? 0 : r.metric()))
                && within(via, r.gateway(), r.family())
                && within(preferredSource, r.preferredSource(), r.family())
                && destinationMatches(r.destination());
    }

    private static boolean within(InetPrefix prefix, java.net.InetAddress a, InetFamily routeFamily) {
        if (prefix == null) {
            return true;
        }
        java.net.InetAddress value = a != null ? a : routeFamily.any();
        return prefix.contains(value);
    }

    private boolean destinationMatches(InetPrefix d) {
        if (destination == null) {
            return true;
        }
        if (destination.isIpv6() != d.isIpv6()) {
            return false;
        }
        return switch (match) {
            case EXACT -> d.length() == destination.length() && destination.contains(d.address());
            case ROOT -> d.length() >= destination.length() && destination.contains(d.address());
            case MATCH -> d.length() <= destination.length() && d.contains(destination.address());
        };
    }
}
