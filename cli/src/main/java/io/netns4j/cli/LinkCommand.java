package io.netns4j.cli;

import io.netns4j.Netns;
import io.netns4j.error.NetnsException;
import io.netns4j.link.Link;
import io.netns4j.link.LinkKind;
import io.netns4j.link.LinkRequest;
import io.netns4j.link.Links;
import io.netns4j.link.TunTapRequest;
import io.netns4j.types.MacAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code netns4j link ...}: {@code ip link} add, set, delete and show, with ip's keywords and
 * abbreviations. Each verb is one call on {@link Links}. The words are all checked before
 * anything is opened, {@code netns NS} targets included ({@link #parse}).
 */
final class LinkCommand implements ObjectCommand {
    static final String ADD_FORM = "link add [link DEV] [name] NAME [up] [mtu N] [address LLADDR] [txqueuelen N]"
            + " [master DEV] [alias TEXT] [netns NS|PID] type TYPE [ARGS]";
    static final String SET_FORM = "link set [dev] NAME [up|down] [mtu N] [address LLADDR] [name NEW] [alias TEXT]"
            + " [master DEV|nomaster] [netns NS|PID] [txqueuelen N] [promisc|arp|multicast|allmulticast|dynamic on|off]"
            + " [group N] [addrgenmode MODE] [type KIND OPTIONS]"
            + " [type bridge_slave OPTIONS]";
    static final String SHOW_FORM = "link show [dev NAME] [up] [type TYPE|TYPE_slave] [master DEV|nomaster]"
            + " [group N]";
    static final String USAGE = "Usage:\tnetns4j " + ADD_FORM + "\n\tnetns4j link delete [dev] NAME\n\tnetns4j "
            + SET_FORM + "\n\tnetns4j " + SHOW_FORM + "\nTYPE := { " + LinkKind.supported().replace(", ", " | ")
            + " | tun | tap }";

    /** The command line checked, with namespaces named but not opened: what {@link #run} will do. */
    sealed interface Request permits Add, Update, Delete, Show, Help {
    }

    /** {@code link add}; {@code tunTap} is the device to make for {@code type tun|tap}, else null. */
    record Add(LinkArgs args, TunTapRequest tunTap) implements Request {
    }

    /** {@code link set}. */
    record Update(LinkArgs args) implements Request {
    }

    /** {@code link delete}. */
    record Delete(String device) implements Request {
    }

    /**
     * {@code link show}: a device, or the links that pass the other selectors (null: any);
     * {@code master} "" is {@code nomaster}; a type ending in {@code _slave} selects the ports
     * of that kind of master ({@code bridge_slave}).
     */
    record Show(String device, String type, String master, boolean upOnly, Integer group) implements Request {
    }

    /** {@code link help}. */
    record Help() implements Request {
    }

    /**
     * Checks every word and says what to do, opening nothing (no {@code netns NS} either):
     * bad input fails here with a {@link UsageException} or {@link IllegalArgumentException}.
     */
    static Request parse(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            return show(new Words(List.of(), SHOW_FORM));
        }
        String verb = Keywords.resolve(args.getFirst(), "add", "delete", "set", "show", "list", "lst", "help");
        if (verb == null) {
            throw new UsageException("Command \"" + args.getFirst() + "\" is unknown, try \"netns4j link help\".");
        }
        List<String> rest = args.subList(1, args.size());
        return switch (verb) {
            case "add" -> add(new Words(rest, ADD_FORM));
            case "delete" -> delete(rest);
            case "set" -> update(new Words(rest, SET_FORM));
            case "help" -> new Help();
            default -> show(new Words(rest, SHOW_FORM));
        };
    }

    @Override
    public void check(GlobalOptions options, List<String> args) throws UsageException {
        parse(args);
    }

    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        switch (parse(args)) {
            case Add a -> add(ctx, a);
            case Update u -> update(ctx, u.args());
            case Delete d -> ctx.namespace().links().delete(d.device());
            case Show s -> show(ctx, s);
            case Help h -> ctx.out.println(USAGE);
        }
        return 0;
    }

    private static Add add(Words w) throws UsageException {
        LinkArgs p = parseCommon(w, true);
        if (p.tunMode != null) {
            if (p.name == null) {
                throw new UsageException("\"link add\" needs a name: the form is \"netns4j " + ADD_FORM + "\".");
            }
            List<String> words = new ArrayList<>(List.of("dev", p.name, "mode", p.tunMode));
            words.addAll(p.tunWords);
            TunTapRequest tunTap = TuntapCommand.parse(words, "add");
            p.request(LinkRequest.change(p.name), null);
            return new Add(p, tunTap);
        }
        if (p.kind == null) {
            throw new UsageException("\"link add\" needs \"type TYPE\" (one of " + LinkKind.supported() + ").");
        }
        if (p.name == null) {
            throw new UsageException("\"link add\" needs a name: the form is \"netns4j " + ADD_FORM + "\".");
        }
        p.request(LinkRequest.create(p.name, p.kind.kind()), null);
        return new Add(p, null);
    }

    private static Update update(Words w) throws UsageException {
        LinkArgs p = parseCommon(w, false);
        if (p.name == null) {
            throw new UsageException("\"link set\" needs a device: the form is \"netns4j " + SET_FORM + "\".");
        }
        p.request(LinkRequest.change(p.name), null);
        return new Update(p);
    }

    private static Delete delete(List<String> args) throws UsageException {
        List<String> rest = !args.isEmpty() && args.getFirst().equals("dev") ? args.subList(1, args.size()) : args;
        if (rest.isEmpty()) {
            throw new UsageException("\"link delete\" needs a device: the form is \"netns4j link delete [dev] NAME\".");
        }
        if (rest.size() > 1) {
            throw new UsageException("Extra argument \"" + rest.get(1) + "\": the form is \"netns4j link delete [dev] NAME\".");
        }
        return new Delete(LinkKindArgs.ifname(rest.getFirst()));
    }

    private static void add(Context ctx, Add a) throws UsageException, NetnsException {
        LinkArgs p = a.args();
        try (NamespaceArgs namespaces = new NamespaceArgs(ctx)) {
            Netns target = p.netns == null ? null : namespaces.open(p.netns);
            if (a.tunTap() != null) {
                addTunTap(ctx, p, a.tunTap(), target);
            } else {
                LinkKind kind = p.kind.resolve(namespaces);
                ctx.namespace().links().add(p.request(LinkRequest.create(p.name, kind), target));
            }
        }
    }

    /**
     * {@code link add NAME [options] type tun|tap [user U] [group G] [pi] [vnet_hdr]
     * [multi_queue]}: an extension (ip refuses it); the device is made as {@code tuntap add}
     * makes it, then the other options are applied, and it is removed again if they fail.
     */
    private static void addTunTap(Context ctx, LinkArgs p, TunTapRequest tunTap, Netns target)
            throws NetnsException {
        Links links = ctx.namespace().links();
        links.addTunTap(tunTap);
        if (p.changesAnything()) {
            try {
                links.set(p.request(LinkRequest.change(p.name), target));
            } catch (NetnsException | RuntimeException e) {
                links.delete(p.name);
                throw e;
            }
        }
    }

    private static void update(Context ctx, LinkArgs p) throws NetnsException, UsageException {
        if (p.tunnelType != null) {
            p.kind = new LinkKindArgs.Parsed(TunnelChange.merged(ctx.namespace().links(), p.name, p.tunnelType,
                    p.tunnelWords, SET_FORM), null);
        }
        try (NamespaceArgs namespaces = new NamespaceArgs(ctx)) {
            Netns target = p.netns == null ? null : namespaces.open(p.netns);
            ctx.namespace().links().set(p.request(LinkRequest.change(p.name), target));
        }
    }

    /** What add and set share: the words before {@code type}, checked; namespaces as words. */
    static final class LinkArgs {
        String name;
        LinkKindArgs.Parsed kind;
        Boolean up;
        Integer mtu;
        Integer txqlen;
        MacAddress address;
        String master;
        String alias;
        String newName;
        /** {@code arp|multicast|allmulticast|dynamic on|off}, in the order given. */
        final java.util.Map<LinkRequest.Flag, Boolean> flags = new java.util.LinkedHashMap<>();
        Integer group;
        Integer addrGenMode;
        /** {@code link set ... type TUNNEL OPTIONS}: the kind and its words, applied to the tunnel as read. */
        String tunnelType;
        List<String> tunnelWords;
        /** {@code link set ... type bridge_slave ...}. */
        io.netns4j.link.BridgePort port;
        Boolean promisc;
        /** {@code netns NS}: a name or path, opened when the command runs. */
        String netns;
        Long netnsPid;
        /** {@code type tun|tap}: made through /dev/net/tun, with these tuntap words. */
        String tunMode;
        List<String> tunWords = List.of();

        boolean changesAnything() {
            return up != null || mtu != null || txqlen != null || address != null || master != null || alias != null
                    || promisc != null || netns != null || netnsPid != null || !flags.isEmpty() || group != null || addrGenMode != null;
        }

        /**
         * {@code r} with these words applied; {@code target} is the opened {@code netns NS}
         * (null while checking: the request is built then only to check it).
         */
        LinkRequest request(LinkRequest r, Netns target) {
            if (up != null) {
                r = up ? r.withUp() : r.withDown();
            }
            if (mtu != null) {
                r = r.withMtu(mtu);
            }
            if (address != null) {
                r = r.withAddress(address);
            }
            if (txqlen != null) {
                r = r.withTxQueueLength(txqlen);
            }
            if (master != null) {
                r = r.withMaster(master);
            }
            if (alias != null) {
                r = r.withAlias(alias);
            }
            if (target != null) {
                r = r.withNamespace(target);
            }
            if (netnsPid != null) {
                r = r.withNamespacePid(netnsPid);
            }
            if (newName != null) {
                r = r.withNewName(newName);
            }
            if (promisc != null) {
                r = r.withPromisc(promisc);
            }
            if (port != null) {
                r = r.withBridgePort(port);
            }
            for (var f : flags.entrySet()) {
                r = r.withFlag(f.getKey(), f.getValue());
            }
            if (group != null) {
                r = r.withGroup(group);
            }
            if (addrGenMode != null) {
                r = r.withAddrGenMode(addrGenMode);
            }
            if (kind != null && r.kind() == null) {
                r = r.withKindOptions(kind.kind()); // link set ... type KIND OPTIONS
            }
            return r;
        }
    }

    private static LinkArgs parseCommon(Words w, boolean adding) throws UsageException {
        LinkArgs p = new LinkArgs();
        String lower = null;
        while (w.more()) {
            String a = w.next();
            switch (a) {
                case "up" -> p.up = true;
                case "down" -> p.up = false;
                case "mtu" -> p.mtu = w.intValue(a, 0, Integer.MAX_VALUE);
                case "txqueuelen", "txqlen", "qlen" -> p.txqlen = w.intValue(a, 0, Integer.MAX_VALUE);
                case "address" -> p.address = mac(w.value(a, "a link-layer address"));
                case "master" -> p.master = LinkKindArgs.ifname(w.value(a, "a bridge or bond name"));
                case "nomaster" -> p.master = "";
                case "alias" -> p.alias = w.value(a, "a text");
                case "promisc" -> p.promisc = onOff(w.value(a, "on or off"), a);
                case "arp", "multicast", "allmulticast", "dynamic" -> p.flags.put(
                        LinkRequest.Flag.valueOf(a.toUpperCase(java.util.Locale.ROOT)), onOff(w.value(a, "on or off"), a));
                case "group" -> p.group = group(w.value(a, "a group number or \"default\""));
                case "addrgenmode" -> p.addrGenMode = addrGenMode(w.value(a, "eui64, none, stable_secret or random"));
                case "netns" -> {
                    String target = w.value(a, "a namespace name, path or pid");
                    p.netnsPid = NamespaceArgs.pid(target);
                    p.netns = p.netnsPid != null ? null : NamespaceArgs.check(target);
                }
                case "link" -> {
                    if (!adding) {
                        throw w.unknown(a);
                    }
                    lower = LinkKindArgs.ifname(w.value(a, "the lower device's name"));
                }
                case "type" -> {
                    String type = w.value(a, "a link type");
                    if (!adding) {
                        changeOfKind(p, type, w, lower);
                        continue;
                    }
                    if (type.equals("tun") || type.equals("tap")) {
                        p.tunMode = type;
                        p.tunWords = w.rest();
                    } else {
                        p.kind = LinkKindArgs.parse(type, w, lower);
                    }
                }
                case "name" -> {
                    String n = LinkKindArgs.ifname(w.value(a, "a name"));
                    if (adding) {
                        p.name = once(p.name, n, "name");
                    } else {
                        p.newName = once(p.newName, n, "name"); // in "link set", name is the new name
                    }
                }
                case "dev" -> p.name = once(p.name, LinkKindArgs.ifname(w.value(a, "a device name")), "dev");
                default -> {
                    if (p.name != null) {
                        throw w.unknown(a);
                    }
                    p.name = LinkKindArgs.ifname(a);
                }
            }
        }
        return p;
    }

    /**
     * {@code link set DEV type KIND OPTIONS}: the kind's options ({@code type bridge stp_state 1})
     * or, with {@code bridge_slave}, the port's. A veth or tun/tap has none to change.
     */
    private static void changeOfKind(LinkArgs p, String type, Words w, String lower) throws UsageException {
        if (type.equals("bridge_slave")) {
            p.port = BridgeArgs.port(w);
        } else if (type.equals("veth") || type.equals("tun") || type.equals("tap")) {
            throw new UsageException("\"link set\" cannot change a link's type, and a " + type + " has no options to"
                    + " change once made: delete it and add it again.");
        } else if (io.netns4j.link.TunnelKinds.KINDS.contains(type)) {
            // ip reads the tunnel first and sends all of its settings with the change: the words are
            // checked here against the kind's defaults, and applied to the tunnel's settings when it runs
            List<String> words = List.copyOf(w.rest());
            p.kind = LinkKindArgs.parse(type, new Words(words, SET_FORM), lower);
            p.tunnelType = type;
            p.tunnelWords = words;
        } else {
            p.kind = LinkKindArgs.parse(type, w, lower);
        }
    }

    private static String once(String before, String value, String keyword) throws UsageException {
        if (before != null) {
            throw new UsageException("Duplicate argument \"" + keyword + " " + value + "\": the device is already \""
                    + before + "\".");
        }
        return value;
    }

    private static MacAddress mac(String s) throws UsageException {
        try {
            return MacAddress.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int addrGenMode(String v) throws UsageException {
        return switch (v) {
            case "eui64" -> 0;
            case "none" -> 1;
            case "stable_secret" -> 2;
            case "random" -> 3;
            default -> throw new UsageException("Error: argument \"" + v + "\" is wrong: addrgenmode takes eui64, none,"
                    + " stable_secret or random.");
        };
    }

    /** A device group as ip reads it: a number, or "default" for 0. */
    private static int group(String v) throws UsageException {
        if (v.equals("default")) {
            return 0;
        }
        try {
            long n = Long.decode(v);
            if (n >= 0 && n <= 0xFFFF_FFFFL) {
                return (int) n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("Invalid \"group\" value \"" + v + "\": give a number or \"default\" (group names"
                + " of /etc/iproute2/group are not read by netns4j).");
    }

    private static boolean onOff(String v, String keyword) throws UsageException {
        return switch (v) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new UsageException("\"" + keyword + "\" takes on or off, not \"" + v + "\".");
        };
    }

    private static Show show(Words w) throws UsageException {
        String dev = null;
        String type = null;
        String master = null;
        boolean upOnly = false;
        Integer group = null;
        while (w.more()) {
            String a = w.next();
            switch (a) {
                case "dev" -> dev = LinkKindArgs.ifname(w.value(a, "a device name"));
                case "up" -> upOnly = true;
                case "type" -> type = w.value(a, "a link type");
                case "master" -> master = LinkKindArgs.ifname(w.value(a, "a device name"));
                case "nomaster" -> master = "";
                case "group" -> group = group(w.value(a, "a group number or \"default\""));
                default -> {
                    if (dev != null) {
                        throw w.unknown(a);
                    }
                    dev = LinkKindArgs.ifname(a);
                }
            }
        }
        return new Show(dev, type, master, upOnly, group);
    }

    private static void show(Context ctx, Show s) throws NetnsException {
        Links links = ctx.namespace().links();
        List<Link> all = links.list();
        List<Link> shown;
        if (s.device() != null) {
            shown = List.of(links.get(s.device()));
        } else {
            int masterIndex = s.master() == null ? -1 : s.master().isEmpty() ? 0 : links.get(s.master()).index();
            String kind = s.type();
            boolean up = s.upOnly();
            Integer group = s.group();
            shown = all.stream().filter(l -> (!up || l.isUp()) && ofType(l, kind)
                    && (masterIndex < 0 || l.master() == masterIndex)
                    && (group == null || group.equals(l.group()))).toList();
        }
        LinkView view = new LinkView(all, netnsNames(ctx, all), ctx.options);
        boolean brief = ctx.options.brief();
        if (ctx.json()) {
            ctx.printJson(shown.stream().map(l -> brief ? view.briefJson(l, true) : view.json(l)).toList());
        } else if (brief) {
            shown.forEach(l -> ctx.out.print(view.brief(l, true)));
        } else {
            boolean oneline = ctx.options.oneline();
            shown.forEach(l -> ctx.out.print(oneline ? LinkView.oneLine(view.text(l)) : view.text(l)));
        }
    }

    /** As ip's {@code type} selector: the link's kind, or with {@code _slave} its master's kind. */
    private static boolean ofType(Link l, String type) {
        if (type == null) {
            return true;
        }
        if (type.endsWith("_slave")) {
            return type.substring(0, type.length() - "_slave".length()).equals(l.slaveKind());
        }
        return type.equals(l.kind());
    }

    /** Names of the namespaces links point into, by the ids this namespace has for them. */
    private static Map<Integer, String> netnsNames(Context ctx, List<Link> links) throws NetnsException {
        if (links.stream().noneMatch(l -> l.linkNetnsid() >= 0)) {
            return Map.of();
        }
        return ctx.namespace().peers().namesById(ctx.registry);
    }
}
