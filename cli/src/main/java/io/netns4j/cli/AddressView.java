package io.netns4j.cli;

import io.netns4j.address.Address;
import io.netns4j.address.AddressFilter;
import io.netns4j.address.AddressFlag;
import io.netns4j.address.Addresses;
import io.netns4j.error.NetnsException;
import io.netns4j.link.Link;
import io.netns4j.route.RouteScopes;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code ip address show} prints links with their addresses: text, {@code -br},
 * {@code -o}, {@code -c}, {@code -s}, and {@code -j} with ip's keys. The link lines are
 * {@link LinkView}'s.
 */
final class AddressView {
    private AddressView() {
    }

    /** Prints links with their addresses as {@code ip addr show} selects them (ipaddr_filter). */
    static void print(Context ctx, AddressFilter filter, boolean up, boolean linkOnly, Addresses addresses)
            throws NetnsException {
        AddressFilter dumped = AddressFilter.all();
        if (filter.device() != null) {
            dumped = dumped.withDevice(filter.device());
        }
        if (filter.family() != null) {
            dumped = dumped.withFamily(filter.family());
        }
        List<Address> all = addresses.list(dumped);
        List<Link> links = ctx.namespace().links().list();
        if (ipv6Dump(filter)) {
            // ip dumps the links with AF_INET6 here: those messages have no IFLA_LINK_NETNSID,
            // so ip names a peer elsewhere by its index in this namespace ("v0@br0")
            links = links.stream().map(LinkView::withoutLinkNetnsid).toList();
        }
        Map<Integer, String> netnsNames = links.stream().anyMatch(l -> l.linkNetnsid() >= 0)
                ? ctx.namespace().peers().namesById(ctx.registry) : Map.of();
        LinkView view = new LinkView(links, netnsNames, ctx.options.withStats(0), false);
        // ip addr -s prints the counters after the addresses
        LinkStatsView stats = ctx.options.stats() > 0 && !ctx.options.brief()
                ? new LinkStatsView(ctx.options.stats(), ctx.options.human()) : null;
        Colour colour = ctx.options.colour();
        boolean brief = ctx.options.brief();
        boolean oneline = ctx.options.oneline() && !brief;
        List<Object> json = new ArrayList<>();
        for (Link l : links) {
            if ((filter.device() != null && !l.name().equals(filter.device())) || (up && !l.isUp())) {
                continue;
            }
            List<Address> mine = all.stream().filter(a -> a.index() == l.index()).toList();
            List<Address> shown = mine.stream().filter(a -> filter.matches(a, l.name())).toList();
            if (shown.isEmpty() && !(mine.isEmpty() && filter.family() == null)) {
                continue;
            }
            boolean header = filter.label() == null && !oneline;
            if (ctx.json()) {
                Map<String, Object> m = brief ? view.briefJson(l, false)
                        : header ? headerJson(view, l, filter) : new LinkedHashMap<>();
                if (!linkOnly) {
                    m.put("addr_info", shown.stream().map(a -> brief ? briefJson(a)
                            : oneline ? oneLineJson(l, a) : json(a)).toList());
                }
                if (stats != null && header && l.stats() != null) {
                    m.put("stats64", stats.json(l.stats()));
                }
                json.add(m);
            } else if (brief) {
                StringBuilder line = new StringBuilder(view.brief(l, false));
                if (!linkOnly) {
                    shown.forEach(a -> line.append(briefText(a, colour)));
                }
                ctx.out.print(line.append('\n'));
            } else {
                if (header) {
                    ctx.out.print(headerText(view, l, filter));
                }
                if (!linkOnly) {
                    for (Address a : shown) {
                        ctx.out.print(oneline ? l.index() + ": " + l.name() + LinkView.oneLine(text(a, colour))
                                : text(a, colour));
                    }
                }
                if (stats != null && header && l.stats() != null) {
                    ctx.out.print(stats.text(l.stats()));
                }
            }
        }
        if (ctx.json()) {
            ctx.printJson(json);
        }
    }

    /** {@code ip -j -o addr}: each address names its link first. */
    private static Map<String, Object> oneLineJson(Link l, Address a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", l.index());
        m.put("dev", l.name());
        m.putAll(json(a));
        return m;
    }

    /** {@code ip -br addr}: ADDRESS/LEN and a space. */
    private static String briefText(Address a, Colour colour) {
        StringBuilder sb = new StringBuilder(colour.inet(a.family(), InetText.format(a.local())));
        if (a.peer() != null) {
            sb.append(" peer ").append(colour.inet(a.family(), InetText.format(a.peer())));
        }
        sb.append('/').append(a.prefixLength()).append(' ');
        if (a.metric() != null) {
            sb.append("metric ").append(a.metric()).append(' ');
        }
        return sb.toString();
    }

    /** {@code ip -j -br addr}'s address object: local, peer, prefix length, metric. */
    private static Map<String, Object> briefJson(Address a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("local", InetText.format(a.local()));
        if (a.peer() != null) {
            m.put("address", InetText.format(a.peer()));
        }
        m.put("prefixlen", a.prefixLength());
        if (a.metric() != null) {
            m.put("metric", a.metric());
        }
        return m;
    }

    /*
     * ip addr prints the link as ip link does, less "mode" and the alias; with a family it
     * leaves out the link/ether line, and its IPv6 link dump (no dev) has no qdisc, group or master.
     */
    private static boolean ipv6Dump(AddressFilter filter) {
        return filter.family() == InetFamily.IPV6 && filter.device() == null;
    }

    private static String headerText(LinkView view, Link l, AddressFilter filter) {
        String[] lines = view.text(l).split("\n", -1);
        String first = lines[0].replaceFirst("mode (DEFAULT|DORMANT) ", "");
        if (ipv6Dump(filter)) {
            first = first.replaceAll("(qdisc|group|master) \\S+ ", "")
                    .replaceAll(" (qdisc|group|master) \\S+$", "");
        }
        StringBuilder altNames = new StringBuilder(); // ip addr prints them under the link line too
        for (String line : lines) {
            if (line.startsWith("    altname ")) {
                altNames.append(line).append('\n');
            }
        }
        StringBuilder second = new StringBuilder();
        if (ipv6Dump(filter) && view.details()) { // ip's IPv6 dump with -d: link/TYPE ADDRESS, nothing more
            String[] words = lines[1].trim().split(" ");
            second.append("    ").append(words[0]).append(words.length > 1 ? " " + words[1] : "").append('\n');
        } else if (filter.family() == null || view.details()) { // ip prints link/TYPE for -d even with -4
            second.append(lines[1]).append('\n');
            // with -d, the kind's and the port's lines (veth ..., bridge_slave ...) follow link/TYPE, as in ip
            for (int i = 2; i < lines.length && isKindLine(lines[i], l); i++) {
                second.append(lines[i]).append('\n');
            }
        }
        return first + "\n" + second + altNames;
    }

    private static boolean isKindLine(String line, Link l) {
        return (l.kind() != null && line.startsWith("    " + l.kind() + " "))
                || (l.slaveKind() != null && line.startsWith("    " + l.slaveKind() + "_slave "));
    }

    private static Map<String, Object> headerJson(LinkView view, Link l, AddressFilter filter) {
        Map<String, Object> m = view.json(l);
        m.keySet().removeAll(List.of("linkmode", "ifalias"));
        if (filter.family() != null && !view.details()) {
            m.keySet().removeAll(List.of("link_type", "address", "broadcast"));
        }
        if (ipv6Dump(filter)) {
            m.keySet().removeAll(List.of("qdisc", "group", "master", "link_netnsid"));
            if (view.details()) { // as the text: link/TYPE and the address, no -d part
                m.keySet().removeAll(List.of("broadcast", "promiscuity", "allmulti", "min_mtu", "max_mtu", "linkinfo",
                        "num_tx_queues", "num_rx_queues", "gso_max_size", "gso_max_segs", "tso_max_size",
                        "tso_max_segs", "gro_max_size"));
            }
        }
        return m;
    }

    /** One address as ip prints it under its link: the address line and the lifetimes line. */
    static String text(Address a) {
        return text(a, Colour.NONE);
    }

    /** As {@link #text(Address)}, the addresses in {@code colour}. */
    static String text(Address a, Colour colour) {
        StringBuilder sb = new StringBuilder("    ").append(a.family().ipName()).append(' ')
                .append(colour.inet(a.family(), InetText.format(a.local())));
        if (a.peer() != null) {
            sb.append(" peer ").append(colour.inet(a.family(), InetText.format(a.peer())));
        }
        sb.append('/').append(a.prefixLength()).append(' ');
        if (a.metric() != null) {
            sb.append("metric ").append(a.metric()).append(' ');
        }
        if (a.broadcast() != null) {
            sb.append("brd ").append(colour.inet(a.family(), InetText.format(a.broadcast()) + " "));
        }
        if (a.anycast() != null) {
            sb.append("any ").append(colour.inet(a.family(), InetText.format(a.anycast()) + " "));
        }
        sb.append("scope ").append(RouteScopes.name(a.scope())).append(' ');
        flagWords(a).forEach(f -> sb.append(f).append(' '));
        if (a.label() != null) {
            sb.append(a.label());
        }
        return sb.append("\n       valid_lft ").append(lifetimeText(a.validLifetime())).append(" preferred_lft ")
                .append(lifetimeText(a.preferredLifetime())).append('\n').toString();
    }

    /**
     * The flag words in ip's order: {@code dynamic} when PERMANENT is absent, {@code temporary}
     * for an IPv6 SECONDARY, {@code flags NN} for bits ip has no word for.
     */
    private static List<String> flagWords(Address a) {
        List<String> out = new ArrayList<>();
        int rest = a.flags();
        for (AddressFlag f : AddressFlag.values()) {
            if (f == AddressFlag.PERMANENT) {
                if (!a.has(f)) {
                    out.add("dynamic");
                }
            } else if (a.has(f)) {
                out.add(f == AddressFlag.SECONDARY && a.family() == InetFamily.IPV6 ? "temporary" : f.ipName());
            }
            rest &= ~f.bit();
        }
        if (rest != 0) {
            out.add(String.format("flags %02x", rest));
        }
        return out;
    }

    private static String lifetimeText(long seconds) {
        return seconds == Address.FOREVER ? "forever" : seconds + "sec";
    }

    /** One address with {@code ip -j}'s keys, in ip's order. */
    static Map<String, Object> json(Address a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", a.family().ipName());
        m.put("local", InetText.format(a.local()));
        if (a.peer() != null) {
            m.put("address", InetText.format(a.peer()));
        }
        m.put("prefixlen", a.prefixLength());
        if (a.metric() != null) {
            m.put("metric", a.metric());
        }
        if (a.broadcast() != null) {
            m.put("broadcast", InetText.format(a.broadcast()));
        }
        if (a.anycast() != null) {
            m.put("anycast", InetText.format(a.anycast()));
        }
        m.put("scope", RouteScopes.name(a.scope()));
        for (String f : flagWords(a)) {
            if (f.startsWith("flags ")) {
                m.put("ifa_flags", f.substring(6));
            } else {
                m.put(f, true);
            }
        }
        if (a.label() != null) {
            m.put("label", a.label());
        }
        m.put("valid_life_time", a.validLifetime());
        m.put("preferred_life_time", a.preferredLifetime());
        return m;
    }
}
