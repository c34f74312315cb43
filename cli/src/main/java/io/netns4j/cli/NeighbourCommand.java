package io.netns4j.cli;

import io.netns4j.error.NetnsException;
import io.netns4j.neighbour.Neighbour;
import io.netns4j.neighbour.NeighbourFilter;
import io.netns4j.neighbour.NeighbourRequest;
import io.netns4j.neighbour.NeighbourState;
import io.netns4j.neighbour.Neighbours;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;
import io.netns4j.types.MacAddress;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code netns4j neighbour ...}: {@code ip neigh} add, change, replace, del, show and flush,
 * with ip's keywords, abbreviations, text and {@code -j} JSON. Each verb is one call on
 * {@link Neighbours}; the words are all checked before it, and before {@code -n}'s namespace
 * is opened ({@link #parse}).
 */
final class NeighbourCommand implements ObjectCommand {
    static final String MODIFY_FORM = "neighbour {add|change|replace|del} {ADDR [lladdr LLADDR] [nud STATE] |"
            + " proxy ADDR} [router] dev NAME";
    static final String SHOW_FORM = "neighbour {show|flush} [proxy] [to PREFIX] [dev NAME] [nud STATE]";
    static final String GET_FORM = "neighbour get [proxy] ADDR dev NAME";
    static final String USAGE = "Usage:\tnetns4j " + MODIFY_FORM + "\n\tnetns4j " + SHOW_FORM + "\n\tnetns4j " + GET_FORM
            + "\nSTATE := { delay | failed | incomplete | noarp | none | permanent | probe | reachable | stale }";

    /** The command line checked, opening nothing: what {@link #run} will do. */
    sealed interface Request permits Modify, Select, Get, Help {
    }

    /** {@code neighbour get [proxy] ADDR dev NAME}. */
    record Get(String device, InetAddress destination, boolean proxy) implements Request {
    }

    /** {@code neighbour add|change|replace|delete}. */
    record Modify(String verb, NeighbourRequest spec) implements Request {
    }

    /** {@code neighbour show|flush}. */
    record Select(boolean flush, NeighbourFilter filter) implements Request {
    }

    /** {@code neighbour help}. */
    record Help() implements Request {
    }

    /**
     * Checks every word and says what to do, touching no namespace: bad input fails here with
     * a {@link UsageException} (exit 2).
     */
    static Request parse(GlobalOptions options, List<String> args) throws UsageException {
        if (args.isEmpty()) {
            return select(options, new Words(List.of(), SHOW_FORM), false);
        }
        String verb = Keywords.resolve(args.getFirst(), "add", "change", "chg", "replace", "delete", "get", "show",
                "lst", "list", "flush", "help");
        if (verb == null) {
            throw new UsageException("Command \"" + args.getFirst() + "\" is unknown, try \"netns4j neighbour help\".");
        }
        List<String> rest = args.subList(1, args.size());
        return switch (verb) {
            case "add", "replace", "delete" -> new Modify(verb, spec(new Words(rest, MODIFY_FORM)));
            case "change", "chg" -> new Modify("change", spec(new Words(rest, MODIFY_FORM)));
            case "show", "lst", "list" -> select(options, new Words(rest, SHOW_FORM), false);
            case "flush" -> select(options, new Words(rest, SHOW_FORM), true);
            case "get" -> get(new Words(rest, GET_FORM));
            default -> new Help();
        };
    }

    @Override
    public void check(GlobalOptions options, List<String> args) throws UsageException {
        parse(options, args);
    }

    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        switch (parse(ctx.options, args)) {
            case Modify m -> {
                Neighbours neighbours = ctx.namespace().neighbours();
                switch (m.verb()) {
                    case "add" -> neighbours.add(m.spec());
                    case "change" -> neighbours.change(m.spec());
                    case "replace" -> neighbours.replace(m.spec());
                    default -> neighbours.delete(m.spec());
                }
            }
            case Select s -> show(ctx, s);
            case Get g -> {
                Neighbour n = ctx.namespace().neighbours().get(g.device(), g.destination(), g.proxy());
                int stats = ctx.options.stats();
                if (ctx.json()) {
                    ctx.printJson(List.of(json(n, true, stats)));
                } else {
                    ctx.out.print(text(n, true, stats, ctx.options.colour()));
                }
            }
            case Help h -> ctx.out.println(USAGE);
        }
        return 0;
    }

    /** The words of add/change/replace/del, checked in ip's order of keywords. */
    private static NeighbourRequest spec(Words w) throws UsageException {
        String dev = null;
        String dst = null;
        String lladdr = null;
        NeighbourState state = null;
        boolean proxy = false;
        boolean router = false;
        while (w.more()) {
            String a = w.next();
            if (Keywords.matches(a, "lladdr")) {
                lladdr = AddressCommand.once(lladdr, "lladdr",
                        w.value(a, "a link-layer address (e.g. 02:00:00:00:00:01)"));
            } else if (a.equals("nud")) {
                state = state(w.value(a, "a state"));
            } else if (Keywords.matches(a, "proxy")) {
                dst = AddressCommand.once(dst, "address", w.value(a, "an address"));
                proxy = true;
            } else if (a.equals("router")) {
                router = true;
            } else if (List.of("use", "managed", "extern_learn", "protocol").contains(a)) {
                throw new UsageException("\"" + a + "\" is not supported by \"netns4j neighbour\" yet.");
            } else if (a.equals("dev")) {
                dev = LinkKindArgs.ifname(w.value(a, "an interface name"));
            } else {
                String value = a.equals("to") ? w.value(a, "an address") : a;
                if (Keywords.matches(value, "help")) {
                    throw new UsageException(USAGE);
                }
                dst = AddressCommand.once(dst, "to", value);
            }
        }
        if (dev == null || dst == null) {
            throw new UsageException("Device and destination are required arguments: " + (dst == null
                    ? "give the neighbour's address" : "\"dev\" is missing") + "; the form is \"netns4j " + MODIFY_FORM
                    + "\".");
        }
        try {
            InetAddress address = address(dst);
            NeighbourRequest s = proxy ? NeighbourRequest.proxy(dev, address) : NeighbourRequest.of(dev, address);
            if (lladdr != null && !lladdr.equals("null")) {
                s = s.withLladdr(MacAddress.parse(lladdr));
            }
            if (state != null) {
                s = s.withState(state);
            }
            return router ? s.withRouter() : s;
        } catch (IllegalArgumentException e) {
            throw new UsageException("Error: " + e.getMessage() + ".");
        }
    }

    /** The words of {@code neighbour get}, as ip's ipneigh_get reads them. */
    private static Get get(Words w) throws UsageException {
        String dev = null;
        String dst = null;
        boolean proxy = false;
        while (w.more()) {
            String a = w.next();
            if (a.equals("dev")) {
                dev = LinkKindArgs.ifname(w.value(a, "an interface name"));
            } else if (Keywords.matches(a, "proxy")) {
                dst = AddressCommand.once(dst, "address", w.value(a, "an address"));
                proxy = true;
            } else {
                String value = a.equals("to") ? w.value(a, "an address") : a;
                if (Keywords.matches(value, "help")) {
                    throw new UsageException(USAGE);
                }
                dst = AddressCommand.once(dst, "to", value);
            }
        }
        if (dev == null || dst == null) {
            throw new UsageException("Device and address are required arguments: " + (dst == null
                    ? "give the neighbour's address" : "\"dev\" is missing") + "; the form is \"netns4j " + GET_FORM
                    + "\".");
        }
        try {
            return new Get(dev, address(dst), proxy);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Error: " + e.getMessage() + ".");
        }
    }

    private static InetAddress address(String text) {
        try {
            return InetPrefix.parseAddress(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (e.g. 10.0.0.2 or 2001:db8::2)");
        }
    }

    /** A state as ip's {@code nud_state_a2n} reads it: some words abbreviate, the rest are exact. */
    private static NeighbourState state(String word) throws UsageException {
        for (NeighbourState s : NeighbourState.values()) {
            boolean abbreviates = s == NeighbourState.PERMANENT || s == NeighbourState.REACHABLE
                    || s == NeighbourState.FAILED;
            if (abbreviates ? Keywords.matches(word, s.ipName()) : word.equals(s.ipName())) {
                return s;
            }
        }
        throw new UsageException("Error: argument \"" + word + "\" is wrong: nud state is bad: use permanent, noarp,"
                + " reachable, stale, none, incomplete, delay, probe or failed.");
    }

    /** The selectors of {@code neighbour show} and {@code neighbour flush}. */
    private static Select select(GlobalOptions options, Words w, boolean flush) throws UsageException {
        if (flush && !w.more()) {
            throw new UsageException("Flush requires arguments: e.g. \"netns4j neighbour flush dev eth0\".");
        }
        NeighbourFilter filter = NeighbourFilter.all();
        String family = options.family();
        if ("inet".equals(family) || "inet6".equals(family)) {
            filter = filter.withFamily(family.equals("inet") ? InetFamily.IPV4 : InetFamily.IPV6);
        }
        String dev = null;
        try {
            while (w.more()) {
                String a = w.next();
                if (a.equals("dev")) {
                    dev = AddressCommand.once(dev, "dev", LinkKindArgs.ifname(w.value(a, "an interface name")));
                    filter = filter.withDevice(dev);
                } else if (a.equals("nud")) {
                    String s = w.value(a, "a state, or all");
                    if (s.equals("all")) {
                        filter = filter.withAllStates();
                    } else {
                        filter = filter.withState(state(s));
                    }
                } else if (a.equals("proxy")) {
                    filter = filter.withProxy();
                } else if (List.of("master", "vrf", "nomaster", "unused", "protocol").contains(a)) {
                    throw new UsageException("\"" + a + "\" is not supported by \"netns4j neighbour\" yet.");
                } else {
                    String value = a.equals("to") ? w.value(a, "a prefix") : a;
                    if (Keywords.matches(value, "help")) {
                        throw new UsageException(USAGE);
                    }
                    InetFamily f = "inet6".equals(family) ? InetFamily.IPV6 : "inet".equals(family) ? InetFamily.IPV4
                            : null;
                    if (value.equals("all") || value.equals("any") || value.equals("default")) {
                        continue; // ip: the whole family, i.e. no prefix selector
                    }
                    filter = filter.withPrefix(ShortPrefixes.parse(value, f));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("Error: \"to\" value is invalid: " + e.getMessage() + ".");
        }
        return new Select(flush, filter);
    }

    /** {@code neighbour show} and {@code neighbour flush}: the call. */
    private static void show(Context ctx, Select s) throws NetnsException {
        NeighbourFilter filter = s.filter();
        Neighbours neighbours = ctx.namespace().neighbours();
        if (s.flush()) {
            neighbours.flush(filter);
            return;
        }
        List<Neighbour> list = neighbours.list(filter);
        boolean showDev = filter.device() == null;
        int stats = ctx.options.stats();
        if (ctx.json()) {
            ctx.printJson(list.stream().map(n -> json(n, showDev, stats)).toList());
        } else {
            list.forEach(n -> ctx.out.print(text(n, showDev, stats, ctx.options.colour())));
        }
    }

    /** The words ip prints after the address and device, in its order. */
    private static List<String> flagWords(Neighbour n) {
        List<String> out = new ArrayList<>();
        if (n.isRouter()) {
            out.add("router");
        }
        if (n.isProxy()) {
            out.add("proxy");
        }
        if (n.isExternLearned()) {
            out.add("extern_learn");
        }
        if (n.isOffloaded()) {
            out.add("offload");
        }
        return out;
    }

    /** One entry as {@code ip neigh show} prints it (a space after every word, as ip has). */
    static String text(Neighbour n, boolean showDev) {
        return text(n, showDev, 0);
    }

    /** As above; with {@code -s} ({@code stats > 0}) the ages and probes, spaced as ip spaces them. */
    static String text(Neighbour n, boolean showDev, int stats) {
        return text(n, showDev, stats, Colour.NONE);
    }

    /** As above, with {@code ip -c}'s colours: the address by family, the device, the link-layer address. */
    static String text(Neighbour n, boolean showDev, int stats, Colour c) {
        StringBuilder sb = new StringBuilder(c.inet(InetFamily.of(n.destination()),
                InetText.format(n.destination()) + " "));
        if (showDev && n.index() != 0) {
            sb.append("dev ").append(c.ifname(n.device() + " "));
        }
        if (n.lladdr() != null) {
            sb.append("lladdr ").append(c.mac(n.lladdr() + " "));
        }
        flagWords(n).forEach(f -> sb.append(f).append(' '));
        if (stats > 0) {
            Neighbour.Cache cache = n.cache();
            if (cache != null) {
                if (cache.refCount() != 0) {
                    sb.append(" ref ").append(cache.refCount());
                }
                sb.append(" used ").append(cache.used().toSeconds()).append('/').append(cache.confirmed().toSeconds())
                        .append('/').append(cache.updated().toSeconds());
            }
            if (n.probes() != null) {
                sb.append("probes ").append(n.probes()).append(' ');
            }
        }
        n.states().forEach(s -> sb.append(s.ipName().toUpperCase(Locale.ROOT)).append(' '));
        return sb.append('\n').toString();
    }

    /** One entry with {@code ip -j neigh}'s keys. */
    static Map<String, Object> json(Neighbour n, boolean showDev) {
        return json(n, showDev, 0);
    }

    /** As above; with {@code -s}: refcnt, used, confirmed, updated (seconds) and probes. */
    static Map<String, Object> json(Neighbour n, boolean showDev, int stats) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dst", InetText.format(n.destination()));
        if (showDev && n.index() != 0) {
            m.put("dev", n.device());
        }
        if (n.lladdr() != null) {
            m.put("lladdr", n.lladdr().toString());
        }
        flagWords(n).forEach(f -> m.put(f, null));
        if (stats > 0) {
            Neighbour.Cache c = n.cache();
            if (c != null) {
                if (c.refCount() != 0) {
                    m.put("refcnt", c.refCount());
                }
                m.put("used", c.used().toSeconds());
                m.put("confirmed", c.confirmed().toSeconds());
                m.put("updated", c.updated().toSeconds());
            }
            if (n.probes() != null) {
                m.put("probes", n.probes());
            }
        }
        if (n.state() != 0) {
            m.put("state", n.states().stream().map(s -> s.ipName().toUpperCase(Locale.ROOT)).toList());
        }
        return m;
    }
}
