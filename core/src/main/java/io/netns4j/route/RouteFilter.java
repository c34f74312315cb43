package io.netns4j.route;

import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InterfaceNames;



/**
 * Which routes {@link Routes#list(RouteFilter)} and {@link Routes#flush(RouteFilter)} take:
 * the selector of {@code ip route show|flush}. Unset (null) parts match anything.
 * {@link #main()} is what {@code ip route show} lists: IPv4, table main.
 *
 * @param family IPv4 or IPv6; null for both
 * @param table one table; null for every table ({@code table all})
 * @param via routes whose gateway lies in this prefix
 * @param preferredSource routes whose {@code src} lies in this prefix
 * @param destination with {@code match}: which destinations count (see {@link Match})
 */
public record RouteFilter(InetFamily family, Long table, Integer protocol, Integer scope, RouteType type,
                          String device, String inputDevice, InetPrefix via, InetPrefix preferredSource, Long metric,
                          InetPrefix destination, Match match) {

    /** How {@code destination} selects routes. */
    public enum Match {
        /** Exactly this prefix ({@code ip route show PREFIX} or {@code exact PREFIX}). */
        EXACT,
        /** This prefix and every more specific one inside it ({@code root PREFIX}). */
        ROOT,
        /** Every route that covers this prefix, default included ({@code match PREFIX}). */
        MATCH
    }

    /** IPv4 routes of table main: {@code ip route show}. */
    public static RouteFilter main() {
        return new RouteFilter(InetFamily.IPV4, RouteTables.MAIN, null, null, null, null, null, null, null, null,
                null, Match.EXACT);
    }

    /** Every route of both families in every table: {@code ip route show table all}. */
    public static RouteFilter all() {
        return new RouteFilter(null, null, null, null, null, null, null, null, null, null, null, Match.EXACT);
    }

    public RouteFilter family(InetFamily f) {
        return new RouteFilter(f, table, protocol, scope, type, device, inputDevice, via, preferredSource, metric,
                destination, match);
    }

    /** One table; null for all of them. */
    public RouteFilter table(Long t) {
        return new RouteFilter(family, t, protocol, scope, type, device, inputDevice, via, preferredSource, metric,
                destination, match);
    }

    public RouteFilter protocol(Integer p) {
        return new RouteFilter(family, table, p, scope, type, device, inputDevice, via, preferredSource, metric,
                destination, match);
    }

    public RouteFilter scope(Integer s) {
        return new RouteFilter(family, table, protocol, s, type, device, inputDevice, via, preferredSource, metric,
                destination, match);
    }

    public RouteFilter type(RouteType t) {
        return new RouteFilter(family, table, protocol, scope, t, device, inputDevice, via, preferredSource, metric,
                destination, match);
    }

    /** Routes out of this interface ({@code dev NAME}). */
    public RouteFilter device(String name) {
        return new RouteFilter(family, table, protocol, scope, type, name == null ? null : InterfaceNames.check(name),
                inputDevice, via, preferredSource, metric, destination, match);
    }

    public RouteFilter inputDevice(String name) {
        return new RouteFilter(family, table, protocol, scope, type, device,
                name == null ? null : InterfaceNames.check(name), via, preferredSource, metric, destination, match);
    }

    public RouteFilter via(InetPrefix gateways) {
        return new RouteFilter(family, table, protocol, scope, type, device, inputDevice, gateways, preferredSource,
                metric, destination, match);
    }

    public RouteFilter preferredSource(InetPrefix sources) {
        return new RouteFilter(family, table, protocol, scope, type, device, inputDevice, via, sources, metric,
                destination, match);
    }

    public RouteFilter metric(Long m) {
        return new RouteFilter(family, table, protocol, scope, type, device, inputDevice, via, preferredSource, m,
                destination, match);
    }

    public RouteFilter destination(InetPrefix prefix, Match how) {
        return new RouteFilter(family, table, protocol, scope, type, device, inputDevice, via, preferredSource, metric,
                prefix, how);
    }

    /** Whether {@code r} passes every part of this filter that is set. */
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
