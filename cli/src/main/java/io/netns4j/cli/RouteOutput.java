package io.netns4j.cli;

import io.netns4j.route.Nexthop;
import io.netns4j.route.Route;
import io.netns4j.route.RouteFilter;
import io.netns4j.route.RouteFlag;
import io.netns4j.route.RouteMetric;
import io.netns4j.route.RouteProtocols;
import io.netns4j.route.RouteScopes;
import io.netns4j.route.RouteTables;
import io.netns4j.route.RouteType;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes printed as {@code ip route} prints them (iproute2's {@code print_route}): the same
 * words in the same order, trailing spaces included, and {@code ip -j}'s keys. A part the
 * show filter fixed (the table, the device, ...) is left out of each line, as {@code ip} does.
 */
final class RouteOutput {
    /** What the filter fixed, so each route need not repeat it. */
    record Omit(boolean table, boolean protocol, boolean scope, boolean device, boolean inputDevice, boolean gateway,
                boolean preferredSource, boolean metric) {
        static final Omit NONE = new Omit(false, false, false, false, false, false, false, false);

        static Omit of(RouteFilter f) {
            return new Omit(f.table() != null, f.protocol() != null, f.scope() != null, f.device() != null,
                    f.inputDevice() != null, isHost(f.via()), isHost(f.preferredSource()), f.metric() != null);
        }

        private static boolean isHost(InetPrefix p) {
            return p != null && p.length() == InetFamily.of(p.address()).bits();
        }
    }

    private RouteOutput() {
    }

    private static String prefix(InetPrefix p) {
        return p.length() == InetFamily.of(p.address()).bits() ? InetText.format(p.address()) : InetText.format(p);
    }

    private static boolean cloned(Route r) {
        return r.cache() != null;
    }

    /** One route as {@code ip route show} prints it, ending with a newline. */
    static String text(Route r, Omit o) {
        return text(r, o, Colour.NONE);
    }

    /** As above, with {@code ip -c}'s colours: destination, gateway and source by family, the device. */
    static String text(Route r, Omit o, Colour c) {
        StringBuilder sb = new StringBuilder();
        if (r.type() != RouteType.UNICAST) {
            sb.append(r.type().ipName()).append(' ');
        }
        sb.append(r.isDefault() ? "default " : c.inet(r.family(), prefix(r.destination()) + " "));
        if (r.source() != null) {
            sb.append("from ").append(prefix(r.source())).append(' ');
        }
        if (r.tos() != 0) {
            sb.append("tos ").append(String.format("0x%02x", r.tos())).append(' ');
        }
        if (r.gateway() != null && !o.gateway()) {
            sb.append("via ").append(c.inet(r.family(), viaText(r.family(), r.gateway()) + " "));
        }
        if (r.device() != null && !o.device()) {
            sb.append("dev ").append(c.ifname(r.device() + " "));
        }
        if (showTable(r, o)) {
            sb.append("table ").append(RouteTables.name(r.table())).append(' ');
        }
        if (!cloned(r)) {
            if (r.protocol() != RouteProtocols.BOOT && !o.protocol()) {
                sb.append("proto ").append(RouteProtocols.name(r.protocol())).append(' ');
            }
            if (r.scope() != RouteScopes.GLOBAL && !o.scope()) {
                sb.append("scope ").append(RouteScopes.name(r.scope())).append(' ');
            }
        }
        if (r.preferredSource() != null && !o.preferredSource()) {
            sb.append("src ").append(c.inet(r.family(), InetText.format(r.preferredSource()) + " "));
        }
        if (r.metric() != null && !o.metric()) {
            sb.append("metric ").append(r.metric()).append(' ');
        }
        r.flags().forEach(f -> sb.append(f.ipName()).append(' '));
        if (r.mark() != null && r.mark() != 0) {
            sb.append(r.mark() >= 16 ? "mark 0x" + Long.toHexString(r.mark()) : "mark " + r.mark()).append(' ');
        }
        if (r.uid() != null) {
            sb.append("uid ").append(r.uid()).append(' ');
        }
        if (cloned(r) && r.family() == InetFamily.IPV4) {
            sb.append("\n    cache ");
            if (!r.cache().isEmpty()) {
                sb.append('<').append(String.join(",", r.cache())).append("> ");
            }
        }
        if (r.expires() != null) {
            sb.append("expires ").append(r.expires()).append("sec ");
        }
        metricsText(r, sb);
        if (r.inputDevice() != null && !o.inputDevice()) {
            sb.append("iif ").append(r.inputDevice()).append(' ');
        }
        if (r.pref() != null) {
            sb.append(prefName(r.pref()) == null ? String.valueOf(r.pref()) : "pref " + prefName(r.pref()));
        }
        for (Nexthop n : r.nexthops()) {
            sb.append("\n\tnexthop ");
            if (n.gateway() != null) {
                sb.append("via ").append(viaText(r.family(), n.gateway())).append(' ');
            }
            sb.append("dev ").append(n.device()).append(' ').append("weight ").append(n.weight()).append(' ');
            n.flags().forEach(f -> sb.append(f.ipName()).append(' '));
        }
        return sb.append('\n').toString();
    }

    private static boolean showTable(Route r, Omit o) {
        return r.table() != null && r.table() != 0 && r.table() != RouteTables.MAIN && !o.table();
    }

    private static String viaText(InetFamily routeFamily, InetAddress gw) {
        InetFamily g = InetFamily.of(gw);
        return (g == routeFamily ? "" : g.ipName() + " ") + InetText.format(gw);
    }

    private static String prefName(int pref) {
        return switch (pref) {
            case Route.PREF_LOW -> "low";
            case Route.PREF_MEDIUM -> "medium";
            case Route.PREF_HIGH -> "high";
            default -> null;
        };
    }

    /** The value {@code ip} shows: rtt in ms from 1/8 ms, rttvar from 1/4 ms. */
    private static long shown(RouteMetric m, long raw) {
        return m == RouteMetric.RTT ? raw / 8 : m == RouteMetric.RTTVAR ? raw / 4 : raw;
    }

    private static boolean isTime(RouteMetric m) {
        return m == RouteMetric.RTT || m == RouteMetric.RTTVAR || m == RouteMetric.RTO_MIN;
    }

    private static List<RouteMetric> shownMetrics(Route r) {
        List<RouteMetric> out = new ArrayList<>();
        for (RouteMetric m : RouteMetric.values()) {
            boolean present = r.metrics().containsKey(m);
            if ((present || r.lockedMetrics().contains(m))
                    && !(m == RouteMetric.HOPLIMIT && present && r.metrics().get(m) == 0xFFFF_FFFFL)) {
                out.add(m);
            }
        }
        return out;
    }

    private static void metricsText(Route r, StringBuilder sb) {
        for (RouteMetric m : shownMetrics(r)) {
            long v = shown(m, r.metrics().getOrDefault(m, 0L));
            sb.append(m.ipName()).append(' ');
            if (r.lockedMetrics().contains(m)) {
                sb.append("lock ");
            }
            if (m == RouteMetric.FEATURES) {
                long rest = v;
                if ((v & 1) != 0) {
                    sb.append("ecn ");
                    rest &= ~1L;
                }
                if (rest != 0) {
                    sb.append("0x").append(Long.toHexString(v)).append(' ');
                }
            } else if (isTime(m)) {
                sb.append(v >= 1000 ? trimDouble(v / 1e3) + "s " : v + "ms ");
            } else {
                sb.append(v).append(' ');
            }
        }
    }

    /** C's {@code %g} for the values a millisecond count gives. */
    private static String trimDouble(double d) {
        String s = String.valueOf(d);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** One route as an object of {@code ip -j route show}. */
    static Map<String, Object> json(Route r, Omit o) {
        Map<String, Object> j = new LinkedHashMap<>();
        if (r.type() != RouteType.UNICAST) {
            j.put("type", r.type().ipName());
        }
        j.put("dst", r.isDefault() ? "default" : prefix(r.destination()));
        if (r.source() != null) {
            j.put("from", prefix(r.source()));
        }
        if (r.tos() != 0) {
            j.put("tos", String.format("0x%02x", r.tos()));
        }
        if (r.gateway() != null && !o.gateway()) {
            putGateway(j, r.family(), r.gateway());
        }
        if (r.device() != null && !o.device()) {
            j.put("dev", r.device());
        }
        if (showTable(r, o)) {
            j.put("table", RouteTables.name(r.table()));
        }
        if (!cloned(r)) {
            if (r.protocol() != RouteProtocols.BOOT && !o.protocol()) {
                j.put("protocol", RouteProtocols.name(r.protocol()));
            }
            if (r.scope() != RouteScopes.GLOBAL && !o.scope()) {
                j.put("scope", RouteScopes.name(r.scope()));
            }
        }
        if (r.preferredSource() != null && !o.preferredSource()) {
            j.put("prefsrc", InetText.format(r.preferredSource()));
        }
        if (r.metric() != null && !o.metric()) {
            j.put("metric", r.metric());
        }
        j.put("flags", r.flags().stream().map(RouteFlag::ipName).toList());
        if (r.mark() != null && r.mark() != 0) {
            j.put("mark", r.mark());
        }
        if (r.uid() != null) {
            j.put("uid", r.uid());
        }
        if (cloned(r) && r.family() == InetFamily.IPV4) {
            j.put("cache", r.cache());
        }
        if (r.expires() != null) {
            j.put("expires", r.expires());
        }
        if (!r.metrics().isEmpty() || !r.lockedMetrics().isEmpty()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (RouteMetric k : shownMetrics(r)) {
                long v = shown(k, r.metrics().getOrDefault(k, 0L));
                if (k == RouteMetric.FEATURES) {
                    if ((v & 1) != 0) {
                        m.put("ecn", null);
                    }
                    if ((v & ~1L) != 0) {
                        m.put("features", "0x" + Long.toHexString(v));
                    }
                } else {
                    m.put(k.ipName(), v);
                }
            }
            j.put("metrics", List.of(m));
        }
        if (r.inputDevice() != null && !o.inputDevice()) {
            j.put("iif", r.inputDevice());
        }
        if (r.pref() != null) {
            j.put("pref", prefName(r.pref()) == null ? (Object) r.pref() : prefName(r.pref()));
        }
        if (!r.nexthops().isEmpty()) {
            List<Map<String, Object>> hops = new ArrayList<>();
            for (Nexthop n : r.nexthops()) {
                Map<String, Object> h = new LinkedHashMap<>();
                if (n.gateway() != null) {
                    putGateway(h, r.family(), n.gateway());
                }
                h.put("dev", n.device());
                h.put("weight", n.weight());
                h.put("flags", n.flags().stream().map(RouteFlag::ipName).toList());
                hops.add(h);
            }
            j.put("nexthops", hops);
        }
        return j;
    }

    private static void putGateway(Map<String, Object> j, InetFamily routeFamily, InetAddress gw) {
        InetFamily g = InetFamily.of(gw);
        if (g == routeFamily) {
            j.put("gateway", InetText.format(gw));
        } else {
            Map<String, Object> via = new LinkedHashMap<>();
            via.put("family", g.ipName());
            via.put("host", InetText.format(gw));
            j.put("via", via);
        }
    }
}
