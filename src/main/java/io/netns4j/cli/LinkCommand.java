package io.netns4j.cli;

import io.netns4j.Link;
import io.netns4j.LinkRequest;
import io.netns4j.Links;
import io.netns4j.MacAddress;
import io.netns4j.Netns;
import io.netns4j.NetnsException;
import io.netns4j.link.LinkKind;

import java.util.List;
import java.util.Map;

/**
 * {@code netns4j link ...}: {@code ip link} add, set, delete and show, with ip's keywords and
 * abbreviations. Each verb is one call on {@link Links}.
 */
final class LinkCommand implements ObjectCommand {
    static final String ADD_FORM = "link add [link DEV] [name] NAME [up] [mtu N] [address LLADDR] [txqueuelen N]"
            + " [master DEV] [alias TEXT] [netns NS|PID] type TYPE [ARGS]";
    static final String SET_FORM = "link set [dev] NAME [up|down] [mtu N] [address LLADDR] [name NEW] [alias TEXT]"
            + " [master DEV|nomaster] [netns NS|PID] [txqueuelen N] [promisc on|off]";
    static final String SHOW_FORM = "link show [dev NAME] [up] [type TYPE] [master DEV]";
    static final String USAGE = "Usage:\tnetns4j " + ADD_FORM + "\n\tnetns4j link delete [dev] NAME\n\tnetns4j "
            + SET_FORM + "\n\tnetns4j " + SHOW_FORM + "\nTYPE := { " + LinkKind.supported().replace(", ", " | ")
            + " | tun | tap }";

    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        if (args.isEmpty()) {
            return show(ctx, new Words(List.of(), SHOW_FORM));
        }
        String verb = Keywords.resolve(args.getFirst(), "add", "delete", "set", "show", "list", "lst", "help");
        if (verb == null) {
            throw new UsageException("Command \"" + args.getFirst() + "\" is unknown, try \"netns4j link help\".");
        }
        List<String> rest = args.subList(1, args.size());
        return switch (verb) {
            case "add" -> add(ctx, new Words(rest, ADD_FORM));
            case "delete" -> delete(ctx, rest);
            case "set" -> set(ctx, new Words(rest, SET_FORM));
            case "help" -> {
                ctx.out.println(USAGE);
                yield 0;
            }
            default -> show(ctx, new Words(rest, SHOW_FORM));
        };
    }

    private int add(Context ctx, Words w) throws UsageException, NetnsException {
        try (NamespaceArgs namespaces = new NamespaceArgs(ctx)) {
            Parsed p = parseCommon(w, namespaces, true);
            if (p.tunMode != null) {
                return addTunTap(ctx, p);
            }
            if (p.kind == null) {
                throw new UsageException("\"link add\" needs \"type TYPE\" (one of " + LinkKind.supported() + ").");
            }
            if (p.name == null) {
                throw new UsageException("\"link add\" needs a name: the form is \"netns4j " + ADD_FORM + "\".");
            }
            LinkRequest r = p.apply(LinkRequest.create(p.name, p.kind));
            ctx.namespace().links().add(r);
        }
        return 0;
    }

    /**
     * {@code link add NAME [options] type tun|tap [user U] [group G] [pi] [vnet_hdr]
     * [multi_queue]}: an extension (ip refuses it); the device is made as {@code tuntap add}
     * makes it, then the other options are applied, and it is removed again if they fail.
     */
    private static int addTunTap(Context ctx, Parsed p) throws UsageException, NetnsException {
        if (p.name == null) {
            throw new UsageException("\"link add\" needs a name: the form is \"netns4j " + ADD_FORM + "\".");
        }
        List<String> words = new java.util.ArrayList<>(List.of("dev", p.name, "mode", p.tunMode));
        words.addAll(p.tunWords);
        Links links = ctx.namespace().links();
        links.addTunTap(TuntapCommand.parse(words, "add"));
        if (p.changesAnything()) {
            try {
                links.set(p.apply(LinkRequest.change(p.name)));
            } catch (NetnsException | RuntimeException e) {
                links.delete(p.name);
                throw e;
            }
        }
        return 0;
    }

    private int set(Context ctx, Words w) throws UsageException, NetnsException {
        try (NamespaceArgs namespaces = new NamespaceArgs(ctx)) {
            Parsed p = parseCommon(w, namespaces, false);
            if (p.name == null) {
                throw new UsageException("\"link set\" needs a device: the form is \"netns4j " + SET_FORM + "\".");
            }
            ctx.namespace().links().set(p.apply(LinkRequest.change(p.name)));
        }
        return 0;
    }

    private int delete(Context ctx, List<String> args) throws UsageException, NetnsException {
        List<String> rest = !args.isEmpty() && args.getFirst().equals("dev") ? args.subList(1, args.size()) : args;
        if (rest.isEmpty()) {
            throw new UsageException("\"link delete\" needs a device: the form is \"netns4j link delete [dev] NAME\".");
        }
        if (rest.size() > 1) {
            throw new UsageException("Extra argument \"" + rest.get(1) + "\": the form is \"netns4j link delete [dev] NAME\".");
        }
        ctx.namespace().links().delete(LinkKindArgs.ifname(rest.getFirst()));
        return 0;
    }

    /** What add and set share: the words before {@code type}. */
    private static final class Parsed {
        String name;
        LinkKind kind;
        Boolean up;
        Integer mtu;
        Integer txqlen;
        MacAddress address;
        String master;
        String alias;
        String newName;
        Boolean promisc;
        Netns netns;
        Long netnsPid;
        /** {@code type tun|tap}: made through /dev/net/tun, with these tuntap words. */
        String tunMode;
        List<String> tunWords = List.of();

        boolean changesAnything() {
            return up != null || mtu != null || txqlen != null || address != null || master != null || alias != null
                    || promisc != null || netns != null || netnsPid != null;
        }

        LinkRequest apply(LinkRequest r) {
            if (up != null) {
                r = up ? r.up() : r.down();
            }
            if (mtu != null) {
                r = r.mtu(mtu);
            }
            if (address != null) {
                r = r.address(address);
            }
            if (txqlen != null) {
                r = r.txQueueLength(txqlen);
            }
            if (master != null) {
                r = r.master(master);
            }
            if (alias != null) {
                r = r.alias(alias);
            }
            if (netns != null) {
                r = r.namespace(netns);
            }
            if (netnsPid != null) {
                r = r.namespacePid(netnsPid);
            }
            if (newName != null) {
                r = r.rename(newName);
            }
            if (promisc != null) {
                r = r.promisc(promisc);
            }
            return r;
        }
    }

    private static Parsed parseCommon(Words w, NamespaceArgs namespaces, boolean adding)
            throws UsageException, NetnsException {
        Parsed p = new Parsed();
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
                case "netns" -> {
                    String target = w.value(a, "a namespace name, path or pid");
                    p.netnsPid = NamespaceArgs.pid(target);
                    p.netns = namespaces.open(target);
                }
                case "link" -> {
                    if (!adding) {
                        throw w.unknown(a);
                    }
                    lower = LinkKindArgs.ifname(w.value(a, "the lower device's name"));
                }
                case "type" -> {
                    if (!adding) {
                        throw new UsageException("\"link set\" cannot change a link's type; delete and add it again.");
                    }
                    String type = w.value(a, "a link type");
                    if (type.equals("tun") || type.equals("tap")) {
                        p.tunMode = type;
                        p.tunWords = w.rest();
                    } else {
                        p.kind = LinkKindArgs.parse(type, w, lower, namespaces);
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

    private static boolean onOff(String v, String keyword) throws UsageException {
        return switch (v) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new UsageException("\"" + keyword + "\" takes on or off, not \"" + v + "\".");
        };
    }

    private int show(Context ctx, Words w) throws UsageException, NetnsException {
        String dev = null;
        String type = null;
        String master = null;
        boolean upOnly = false;
        while (w.more()) {
            String a = w.next();
            switch (a) {
                case "dev" -> dev = LinkKindArgs.ifname(w.value(a, "a device name"));
                case "up" -> upOnly = true;
                case "type" -> type = w.value(a, "a link type");
                case "master" -> master = LinkKindArgs.ifname(w.value(a, "a device name"));
                default -> {
                    if (dev != null) {
                        throw w.unknown(a);
                    }
                    dev = LinkKindArgs.ifname(a);
                }
            }
        }
        Links links = ctx.namespace().links();
        List<Link> all = links.list();
        List<Link> shown;
        if (dev != null) {
            shown = List.of(links.get(dev));
        } else {
            int masterIndex = master == null ? -1 : links.get(master).index();
            String kind = type;
            boolean up = upOnly;
            shown = all.stream().filter(l -> (!up || l.isUp()) && (kind == null || kind.equals(l.kind()))
                    && (masterIndex < 0 || l.master() == masterIndex)).toList();
        }
        LinkView view = new LinkView(all, netnsNames(ctx, all), ctx.options.details(), ctx.options.stats() > 0);
        if (ctx.json()) {
            ctx.printJson(shown.stream().map(view::json).toList());
        } else {
            shown.forEach(l -> ctx.out.print(view.text(l)));
        }
        return 0;
    }

    /** Names of the namespaces links point into, by the ids this namespace has for them. */
    private static Map<Integer, String> netnsNames(Context ctx, List<Link> links) throws NetnsException {
        if (links.stream().noneMatch(l -> l.linkNetnsid() >= 0)) {
            return Map.of();
        }
        return ctx.registry.namesByPeerId(ctx.namespace());
    }
}
