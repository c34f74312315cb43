package io.netns4j.cli;

import io.netns4j.route.Nexthop;
import io.netns4j.route.Route;
import io.netns4j.route.RouteFilter;
import io.netns4j.route.RouteLookup;
import io.netns4j.route.RouteMetric;
import io.netns4j.route.RouteProtocols;
import io.netns4j.route.RouteScopes;
import io.netns4j.route.RouteTables;
import io.netns4j.route.RouteType;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ip route}'s words turned into a {@link Route}, a {@link RouteFilter} or a
 * {@link RouteLookup}, with {@code ip}'s keywords and abbreviations. Everything is checked
 * here, before any system call: bad input is a {@link UsageException} or an
 * {@link IllegalArgumentException} from the library's own checks (both exit 2).
 */
final class RouteSyntax {
    /** A route's keywords in the order {@code ip} tries them; "=" marks those that may not be abbreviated. */
    private static final List<String> ROUTE_WORDS = List.of("=src", "=as", "=via", "=from", "=tos", "dsfield",
            "=expires", "metric", "priority", "=preference", "=scope", "=mtu", "=hoplimit", "=advmss", "reordering",
            "=rtt", "=rto_min", "window", "cwnd", "initcwnd", "initrwnd", "features", "quickack", "congctl", "rttvar",
            "ssthresh", "realms", "=onlink", "=nexthop", "=nhid", "protocol", "table", "vrf", "=dev", "=oif", "pref",
            "=encap", "=ttl-propagate", "fastopen_no_cookie");
    private static final List<String> FILTER_WORDS = List.of("table", "vrf", "cached", "cloned", "=tos", "dsfield",
            "protocol", "scope", "type", "=dev", "=oif", "=iif", "=mark", "metric", "priority", "=preference", "=via",
            "=src", "realms", "from");
    private static final List<String> LOOKUP_WORDS = List.of("=tos", "dsfield", "from", "iif", "mark", "oif", "=dev",
            "notify", "connected", "vrf", "uid", "fibmatch", "=as", "sport", "dport", "ipproto");
    private static final Set<String> ROUTE_UNSUPPORTED = Set.of("as", "expires", "rtt", "rto_min", "congctl",
            "rttvar", "realms", "nhid", "vrf", "encap", "ttl-propagate");
    private static final Set<String> FILTER_UNSUPPORTED = Set.of("vrf", "tos", "dsfield", "mark", "realms", "from");
    private static final Set<String> LOOKUP_UNSUPPORTED = Set.of("notify", "connected", "vrf", "as");

    private RouteSyntax() {
    }

    /** The keyword {@code word} stands for among {@code words} (abbreviations resolved), or null. */
    static String keyword(String word, List<String> words, Set<String> unsupported, String object)
            throws UsageException {
        for (String k : words) {
            boolean exact = k.startsWith("=");
            String name = exact ? k.substring(1) : k;
            if (exact ? word.equals(name) : Keywords.matches(word, name)) {
                if (unsupported.contains(name)) {
                    throw new UsageException("\"" + name + "\" in \"" + object + "\" is not supported by netns4j yet.");
                }
                return name;
            }
        }
        return null;
    }

    /** One name for {@code ip route}'s synonyms: {@code dsfield} is {@code tos}, {@code priority} is {@code metric}, ... */
    private static String fold(String keyword) {
        return switch (keyword) {
            case "dsfield" -> "tos";
            case "priority", "preference" -> "metric";
            case "oif" -> "dev";
            default -> keyword;
        };
    }

    static RouteType typeOf(String word) throws UsageException {
        RouteType t = RouteType.parse(word);
        if (t == null) {
            throw new UsageException("\"" + word + "\" is not a route type: use unicast, local, broadcast, multicast,"
                    + " throw, unreachable, prohibit, blackhole or nat.");
        }
        return t;
    }

    /** The words of {@code route add|del|change|...} as a route request. */
    static Route route(List<String> args, InetFamily family, boolean delete) throws UsageException {
        Words w = new Words(args, "route");
        String dst = null;
        RouteType type = null;
        InetAddress src = null;
        InetAddress gateway = null;
        String from = null;
        String dev = null;
        Long metric = null;
        Long table = null;
        Integer protocol = null;
        Integer scope = null;
        Integer pref = null;
        int tos = 0;
        boolean onlink = false;
        Map<RouteMetric, Long> metrics = new EnumMap<>(RouteMetric.class);
        Set<RouteMetric> locked = EnumSet.noneOf(RouteMetric.class);
        List<Nexthop> hops = new ArrayList<>();
        while (w.more()) {
            String word = w.next();
            String k = keyword(word, ROUTE_WORDS, ROUTE_UNSUPPORTED, "route");
            k = k == null ? null : fold(k);
            if (k == null) {
                if (word.equals("to")) {
                    word = w.value("to");
                }
                if (!word.isEmpty() && !Character.isDigit(word.charAt(0)) && RouteType.parse(word) != null) {
                    type = RouteType.parse(word);
                    word = w.value(type.ipName());
                }
                if (dst != null) {
                    throw new UsageException("Two destinations, \"" + dst + "\" and \"" + word
                            + "\": a route has one (or \"" + word + "\" is a misspelt keyword).");
                }
                dst = destination(word);
                continue;
            }
            switch (k) {
                case "src" -> src = InetPrefix.parseAddress(w.value(k));
                case "via" -> {
                    if (gateway != null) {
                        throw new UsageException("A route has one \"via\"; use \"nexthop via A nexthop via B\" for"
                                + " several gateways.");
                    }
                    gateway = Nexthop.via(familyWord(w, k)).gateway();
                }
                case "from" -> from = w.value(k);
                case "tos" -> tos = tos(w.value(k));
                case "metric" -> metric = number(w.value(k), "metric", 0xFFFF_FFFFL);
                case "scope" -> scope = RouteScopes.parse(w.value(k));
                case "onlink" -> onlink = true;
                case "nexthop" -> hops = nexthops(w);
                case "protocol" -> protocol = RouteProtocols.parse(w.value(k));
                case "table" -> table = RouteTables.parse(w.value(k));
                case "dev" -> dev = w.value(k);
                case "pref" -> pref = pref(w.value(k));
                case "features" -> {
                    if (!w.value(k).equals("ecn")) {
                        throw new UsageException("\"features\" takes \"ecn\".");
                    }
                    metrics.put(RouteMetric.FEATURES, 1L);
                }
                default -> {
                    RouteMetric m = metric(k);
                    String v = w.value(k);
                    if (v.equals("lock") && m != RouteMetric.QUICKACK && m != RouteMetric.FASTOPEN_NO_COOKIE) {
                        locked.add(m);
                        v = w.value(k);
                    }
                    long max = m == RouteMetric.QUICKACK || m == RouteMetric.FASTOPEN_NO_COOKIE ? 1
                            : m == RouteMetric.HOPLIMIT ? 255 : 0xFFFF_FFFFL;
                    metrics.put(m, number(v, k, max));
                }
            }
        }
        if (dst == null) {
            throw new UsageException("A route needs a destination: \"default\" or a prefix, e.g. \"netns4j route "
                    + (delete ? "del" : "add") + " default via 10.0.0.1\" or \"... 10.1.0.0/16 dev veth0\".");
        }
        Route r = Route.to(dst).withType(type);
        if (family != null) {
            r = r.withFamily(family);
        }
        if (src != null) {
            r = r.withPreferredSource(src);
        }
        if (gateway != null) {
            r = r.withGateway(gateway);
        }
        if (from != null) {
            r = r.withSource(from);
        }
        if (dev != null) {
            r = r.withDevice(dev);
        }
        if (metric != null) {
            r = r.withMetric(metric);
        }
        if (table != null) {
            r = r.withTable(table);
        }
        if (protocol != null) {
            r = r.withProtocol(protocol);
        }
        if (scope != null) {
            r = r.withScope(scope);
        }
        if (pref != null) {
            r = r.withPref(pref);
        }
        if (onlink) {
            r = r.withOnlink();
        }
        r = r.withTos(tos);
        for (Map.Entry<RouteMetric, Long> e : metrics.entrySet()) {
            r = r.withMetric(e.getKey(), e.getValue());
        }
        for (RouteMetric l : locked) {
            r = r.withLockedMetric(l);
        }
        for (Nexthop n : hops) {
            r = r.withNexthop(n);
        }
        checkFamily(family, r.family());
        return r;
    }

    private static void checkFamily(InetFamily wanted, InetFamily actual) throws UsageException {
        if (wanted != null && wanted != actual) {
            throw new UsageException("\"-" + (wanted == InetFamily.IPV4 ? 4 : 6) + "\" was given but the addresses are "
                    + actual.ipName() + ".");
        }
    }

    /** A destination word: {@code default} (or {@code all}, {@code any}), or a prefix. */
    private static String destination(String word) throws UsageException {
        if (word.equals("default") || word.equals("all") || word.equals("any")) {
            return word;
        }
        if (!word.matches("[0-9A-Fa-f.:/]+")) {
            throw new UsageException("Unknown argument \"" + word + "\": expected a keyword (via, dev, metric, table, ...)"
                    + " or a destination prefix, try \"netns4j route help\".");
        }
        InetPrefix.parse(word); // throws naming what is wrong
        return word;
    }

    /** A value after {@code via}, skipping a family word ({@code via inet6 fe80::1}). */
    private static String familyWord(Words w, String k) throws UsageException {
        String v = w.value(k);
        return v.equals("inet") || v.equals("inet6") ? w.value(k) : v;
    }

    private static RouteMetric metric(String keyword) {
        for (RouteMetric m : RouteMetric.values()) {
            if (m.ipName().equals(keyword)) {
                return m;
            }
        }
        throw new IllegalStateException("no metric " + keyword);
    }

    /** {@code nexthop NH [nexthop NH]...}, up to the end of the line. */
    private static List<Nexthop> nexthops(Words w) throws UsageException {
        List<Nexthop> hops = new ArrayList<>();
        do {
            if (!w.more()) {
                throw new UsageException("Unexpected end of line after \"nexthop\": give \"via ADDRESS\" and/or"
                        + " \"dev NAME\".");
            }
            InetAddress gw = null;
            String dev = null;
            int weight = 1;
            boolean onlink = false;
            while (w.more() && !w.peek().equals("nexthop")) {
                String word = w.next();
                switch (word) {
                    case "via" -> gw = Nexthop.via(familyWord(w, word)).gateway();
                    case "dev" -> dev = w.value(word);
                    case "weight" -> weight = (int) number(w.value(word), "weight", 256);
                    case "onlink" -> onlink = true;
                    default -> throw new UsageException("\"nexthop\" or end of line is expected instead of \"" + word
                            + "\".");
                }
            }
            Nexthop n = gw != null ? Nexthop.via(gw) : Nexthop.dev(dev == null ? missingDevice() : dev);
            n = (dev != null ? n.withDevice(dev) : n).withWeight(weight);
            hops.add(onlink ? n.withOnlink() : n);
        } while (w.more() && w.next().equals("nexthop"));
        return hops;
    }

    private static String missingDevice() throws UsageException {
        throw new UsageException("A nexthop needs \"via ADDRESS\" or \"dev NAME\".");
    }

    /** The selector of {@code route show|flush}. */
    static RouteFilter filter(List<String> args, InetFamily family) throws UsageException {
        Words w = new Words(args, "route");
        RouteFilter f = RouteFilter.all().withTable(RouteTables.MAIN);
        InetFamily seen = null;
        while (w.more()) {
            String word = w.next();
            String k = keyword(word, FILTER_WORDS, FILTER_UNSUPPORTED, "route show");
            k = k == null ? null : fold(k);
            if (k == null) {
                if (Keywords.matches(word, "to")) {
                    word = w.value("to");
                }
                RouteFilter.Match how = RouteFilter.Match.EXACT;
                String mode = Keywords.resolve(word, "root", "match", "exact");
                if (mode != null) {
                    how = RouteFilter.Match.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
                    word = w.value(mode);
                }
                if (word.equals("all") || word.equals("any")) {
                    continue; // ip: no prefix length given, so no destination selector ("default" is 0/0 exact)
                }
                InetPrefix p = filterPrefix(word, family);
                seen = InetFamily.of(p.address());
                f = f.withDestination(p, how);
                continue;
            }
            if (k.equals("cached") || k.equals("cloned")) {
                f = f.withAnyTable().withCached(); // cached routes are in no table of their own
                continue;
            }
            String v = w.value(k);
            switch (k) {
                case "table" -> f = v.equals("cache") ? f.withAnyTable().withCached()
                        : v.equals("all") ? f.withAnyTable() : f.withTable(RouteTables.parse(v));
                case "protocol" -> f = v.equals("all") ? f : f.withProtocol(RouteProtocols.parse(v));
                case "scope" -> f = v.equals("all") ? f : f.withScope(RouteScopes.parse(v));
                case "type" -> f = f.withType(typeOf(v));
                case "dev" -> f = f.withDevice(v);
                case "iif" -> f = f.withInputDevice(v);
                case "metric" -> f = f.withMetric(number(v, "metric", 0xFFFF_FFFFL));
                case "via", "src" -> {
                    InetPrefix p = filterPrefix(v.equals("inet") || v.equals("inet6") ? w.value(k) : v, family);
                    seen = InetFamily.of(p.address());
                    f = k.equals("via") ? f.withGateways(p) : f.withPreferredSources(p);
                }
                default -> throw new UsageException("\"" + k + "\" in \"route show\" is not supported by netns4j yet.");
            }
        }
        if (family != null && seen != null) {
            checkFamily(family, seen);
        }
        InetFamily chosen = family != null ? family : seen != null ? seen : f.table() == null ? null : InetFamily.IPV4;
        return chosen == null ? f.withAnyFamily() : f.withFamily(chosen);
    }

    private static InetPrefix filterPrefix(String word, InetFamily family) {
        return ShortPrefixes.parse(word, family);
    }

    /** The words of {@code route get}. */
    static RouteLookup lookup(List<String> args, InetFamily family) throws UsageException {
        Words w = new Words(args, "route");
        InetAddress dst = null;
        InetAddress from = null;
        String iif = null;
        String oif = null;
        Long mark = null;
        Long uid = null;
        int tos = 0;
        boolean fibmatch = false;
        Integer ipproto = null;
        Integer sport = null;
        Integer dport = null;
        while (w.more()) {
            String word = w.next();
            String k = keyword(word, LOOKUP_WORDS, LOOKUP_UNSUPPORTED, "route get");
            k = k == null ? null : fold(k);
            if (k == null) {
                if (word.equals("to")) {
                    word = w.value("to");
                }
                if (dst != null) {
                    throw new UsageException("Two addresses, \"" + InetPrefix.parse(word) + "\" and \""
                            + dst.getHostAddress() + "\": \"route get\" looks up one.");
                }
                InetPrefix p = InetPrefix.parse(word);
                if (p.length() != InetFamily.of(p.address()).bits()) {
                    throw new UsageException("\"route get\" looks up an address, not the prefix \"" + word + "\".");
                }
                dst = p.address();
                continue;
            }
            switch (k) {
                case "fibmatch" -> fibmatch = true;
                case "tos" -> tos = tos(w.value(k));
                case "from" -> from = InetPrefix.parse(w.value(k)).address();
                case "iif" -> iif = w.value(k);
                case "dev" -> oif = w.value(k);
                case "mark" -> mark = number(w.value(k), "mark", 0xFFFF_FFFFL);
                case "ipproto" -> ipproto = IpProtocols.parse(w.value(k));
                case "sport" -> sport = (int) number(w.value(k), "sport", 65535);
                case "dport" -> dport = (int) number(w.value(k), "dport", 65535);
                default -> uid = number(w.value(k), "uid", 0xFFFF_FFFFL);
            }
        }
        if (dst == null) {
            throw new UsageException("\"route get\" needs a destination address, e.g. \"netns4j route get 10.0.0.7\".");
        }
        checkFamily(family, InetFamily.of(dst));
        RouteLookup q = RouteLookup.to(dst).withTos(tos);
        q = from != null ? q.withSource(from) : q;
        q = iif != null ? q.withInputDevice(iif) : q;
        q = oif != null ? q.withOutputDevice(oif) : q;
        q = mark != null ? q.withMark(mark) : q;
        q = uid != null ? q.withUid(uid) : q;
        q = ipproto != null ? q.withIpProtocol(ipproto) : q;
        q = sport != null ? q.withSourcePort(sport) : q;
        q = dport != null ? q.withDestinationPort(dport) : q;
        return fibmatch ? q.withFibMatch() : q;
    }

    /** A number, decimal or {@code 0x} hex, from 0 to {@code max}. */
    static long number(String s, String what, long max) throws UsageException {
        try {
            long v = s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
            if (v >= 0 && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("argument \"" + s + "\" is wrong: \"" + what + "\" value is invalid (0 to " + max
                + ")");
    }

    /** A TOS byte in hex, as {@code ip} reads it ({@code 0x10} or {@code 10}). */
    static int tos(String s) throws UsageException {
        try {
            int v = Integer.parseInt(s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s, 16);
            if (v >= 0 && v <= 255) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("argument \"" + s + "\" is wrong: \"tos\" value is invalid (hex, 0 to ff)");
    }

    private static int pref(String s) throws UsageException {
        return switch (s) {
            case "low" -> Route.PREF_LOW;
            case "medium" -> Route.PREF_MEDIUM;
            case "high" -> Route.PREF_HIGH;
            default -> (int) number(s, "pref", 255);
        };
    }

    /** The words of a command, read one at a time. */
    static final class Words {
        private final List<String> words;
        private final String object;
        private int at;

        Words(List<String> words, String object) {
            this.words = words;
            this.object = object;
        }

        boolean more() {
            return at < words.size();
        }

        String peek() {
            return words.get(at);
        }

        String next() {
            return words.get(at++);
        }

        /** The value after keyword {@code k}. */
        String value(String k) throws UsageException {
            if (!more()) {
                throw new UsageException("\"" + k + "\" needs a value, try \"netns4j " + object + " help\".");
            }
            return next();
        }
    }
}
