package io.netns4j.cli;

import io.netns4j.address.Address;
import io.netns4j.address.AddressFilter;
import io.netns4j.address.AddressFlag;
import io.netns4j.address.AddressRequest;
import io.netns4j.address.Addresses;
import io.netns4j.error.NetnsException;
import io.netns4j.route.RouteScopes;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code netns4j address ...}: {@code ip address} add, change, replace, del, show and flush,
 * with ip's keywords, abbreviations, text and {@code -j} JSON. Each verb is one call on
 * {@link Addresses}; the link header lines are {@link LinkView}'s. The words are all checked
 * before it, and before {@code -n}'s namespace is opened ({@link #parse}).
 */
final class AddressCommand implements ObjectCommand {
    static final String MODIFY_FORM = "address {add|change|replace|del} PREFIX [peer PREFIX] [broadcast ADDR|+]"
            + " [anycast ADDR] [label NAME] [scope SCOPE] [metric N] [valid_lft LFT] [preferred_lft LFT]"
            + " [nodad|noprefixroute|mngtmpaddr|home|optimistic|autojoin] dev NAME";
    static final String SHOW_FORM = "address {show|flush} [dev NAME] [scope SCOPE] [to PREFIX] [label PATTERN]"
            + " [up] [FLAG...]";
    static final String USAGE = "Usage:\tnetns4j " + MODIFY_FORM + "\n\tnetns4j " + SHOW_FORM
            + "\nSCOPE := { host | link | global | site | nowhere | NUMBER }\nLFT := { forever | SECONDS }"
            + "\nFLAG := { permanent | dynamic | secondary | primary | [-]tentative | [-]deprecated | [-]dadfailed"
            + " | temporary | nodad | noprefixroute | ... }";

    /** The command line checked, opening nothing: what {@link #run} will do. */
    sealed interface Request permits Modify, Select, Help {
    }

    /**
     * {@code address add|change|replace|delete}: the verb, the address, and a warning to print
     * before the call (null: none).
     */
    record Modify(String verb, AddressRequest spec, String warning) implements Request {
    }

    /** {@code address show|flush}: the filter; {@code up} keeps links that are up. */
    record Select(boolean flush, AddressFilter filter, boolean up) implements Request {
    }

    /** {@code address help}. */
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
        String verb = Keywords.resolve(args.getFirst(), "add", "change", "chg", "replace", "delete", "list", "show",
                "lst", "flush", "save", "showdump", "restore", "help");
        if (verb == null) {
            throw new UsageException("Command \"" + args.getFirst() + "\" is unknown, try \"netns4j address help\".");
        }
        boolean selecting = List.of("list", "show", "lst", "flush").contains(verb);
        Words rest = new Words(args.subList(1, args.size()), selecting ? SHOW_FORM : MODIFY_FORM);
        return switch (verb) {
            case "add", "replace", "delete" -> modify(verb, rest);
            case "change", "chg" -> modify("change", rest);
            case "list", "show", "lst", "flush" -> select(options, rest, verb.equals("flush"));
            case "help" -> new Help();
            default -> throw new UsageException("\"address " + verb + "\" is not supported by netns4j yet.");
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
                if (m.warning() != null) {
                    ctx.err.println(m.warning());
                }
                Addresses addresses = ctx.namespace().addresses();
                switch (m.verb()) {
                    case "add" -> addresses.add(m.spec());
                    case "change" -> addresses.change(m.spec());
                    case "replace" -> addresses.replace(m.spec());
                    default -> addresses.delete(m.spec());
                }
            }
            case Select s -> show(ctx, s);
            case Help h -> ctx.out.println(USAGE);
        }
        return 0;
    }

    /** The words of add/change/replace/del, checked in ip's order of keywords. */
    private static Modify modify(String verb, Words w) throws UsageException {
        boolean deleting = verb.equals("delete");
        String dev = null, local = null, label = null, scope = null, brd = null, any = null, peer = null;
        String metric = null, valid = null, preferred = null;
        List<AddressFlag> flags = new ArrayList<>();
        while (w.more()) {
            String a = w.next();
            if (a.equals("peer") || a.equals("remote")) {
                peer = once(peer, a, w.value(a, "a prefix (e.g. 10.0.0.2/24)"));
            } else if (Keywords.matches(a, "broadcast") || a.equals("brd")) {
                brd = once(brd, "broadcast", w.value(a, "an address, or + to compute it"));
            } else if (a.equals("anycast")) {
                any = once(any, a, w.value(a, "an address"));
            } else if (a.equals("scope")) {
                scope = w.value(a, "a scope (host, link, global or a number)");
            } else if (a.equals("dev")) {
                dev = LinkKindArgs.ifname(w.value(a, "an interface name"));
            } else if (a.equals("label")) {
                label = w.value(a, "a label (e.g. eth0:1)");
            } else if (Keywords.matches(a, "metric") || Keywords.matches(a, "priority")
                    || Keywords.matches(a, "preference")) {
                metric = w.value(a, "a number");
            } else if (Keywords.matches(a, "valid_lft")) {
                valid = once(valid, "valid_lft", w.value(a, "a number of seconds or forever"));
            } else if (Keywords.matches(a, "preferred_lft")) {
                preferred = once(preferred, "preferred_lft", w.value(a, "a number of seconds or forever"));
            } else if (AddressFlag.byIpName(a) != null) {
                flags.add(AddressFlag.byIpName(a));
            } else {
                String value = a.equals("local") ? w.value(a, "an address") : a;
                if (Keywords.matches(value, "help")) {
                    throw new UsageException(USAGE);
                }
                local = once(local, "local", value);
            }
        }
        if (dev == null) {
            throw new UsageException("Not enough information: \"dev\" argument is required: the form is \"netns4j "
                    + MODIFY_FORM + "\".");
        }
        if (local == null) {
            throw new UsageException("Not enough information: an address is required: the form is \"netns4j "
                    + MODIFY_FORM + "\".");
        }
        try {
            AddressRequest s;
            String warning = null;
            InetPrefix prefix = prefix(local, "address");
            if (deleting && peer == null && local.indexOf('/') < 0 && prefix.address() instanceof Inet4Address) {
                warning = "Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
                        + "         Explicitly specify the prefix length (" + local + "/32) to avoid this warning.";
                s = AddressRequest.anyPrefixLength(dev, prefix.address());
            } else {
                s = AddressRequest.of(dev, prefix);
            }
            if (peer != null) {
                s = s.withPeer(prefix(peer, "peer"));
            }
            if ("+".equals(brd)) {
                s = s.withBroadcastAuto();
            } else if ("-".equals(brd)) {
                throw new UsageException("\"broadcast -\" is not supported by netns4j: give the address, or +.");
            } else if (brd != null) {
                s = s.withBroadcast(address(brd, "broadcast"));
            }
            if (any != null) {
                s = s.withAnycast(address(any, "anycast"));
            }
            if (scope != null) {
                s = s.withScope(RouteScopes.parse(scope));
            }
            if (label != null) {
                s = s.withLabel(label);
            }
            if (metric != null) {
                s = s.withMetric(number(metric, "metric"));
            }
            if (valid != null) {
                s = s.withValidLifetime(lifetime(valid, "valid_lft"));
            }
            if (preferred != null) {
                s = s.withPreferredLifetime(lifetime(preferred, "preferred_lft"));
            }
            for (AddressFlag f : flags) {
                s = s.withFlag(f);
            }
            return new Modify(verb, s, warning);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Error: " + e.getMessage() + ".");
        }
    }

    /** {@code value}, or ip's duplicate-argument error when {@code keyword} was given already. */
    static String once(String previous, String keyword, String value) throws UsageException {
        if (previous != null) {
            throw new UsageException("Error: either \"" + keyword + "\" is duplicate, or \"" + value
                    + "\" is a garbage: give \"" + keyword + "\" once.");
        }
        return value;
    }

    private static InetPrefix prefix(String text, String what) {
        try {
            return InetPrefix.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " " + e.getMessage()
                    + "; write ADDRESS[/LENGTH], e.g. 10.0.0.1/24 or 2001:db8::1/64");
        }
    }

    private static InetAddress address(String text, String what) {
        try {
            return InetPrefix.parseAddress(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " " + e.getMessage() + " (e.g. 10.0.0.255)");
        }
    }

    private static long number(String text, String keyword) {
        try {
            long v = Long.decode(text);
            if (v >= 0 && v <= 0xffff_ffffL) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("\"" + keyword + "\" value \"" + text + "\" is invalid: give a number from 0"
                + " to 4294967295");
    }

    private static long lifetime(String text, String keyword) {
        return text.equals("forever") ? Address.FOREVER : number(text, keyword);
    }

    /** The selectors of {@code address show} and {@code address flush}. */
    private static Select select(GlobalOptions options, Words w, boolean flush) throws UsageException {
        if (flush && !w.more()) {
            throw new UsageException("Flush requires arguments: e.g. \"netns4j address flush dev eth0\".");
        }
        AddressFilter filter = AddressFilter.all();
        String family = options.family();
        if ("inet".equals(family) || "inet6".equals(family)) {
            filter = filter.withFamily(family.equals("inet") ? InetFamily.IPV4 : InetFamily.IPV6);
        } else if ("link".equals(family) && flush) {
            throw new UsageException("Cannot flush link addresses.");
        }
        String dev = null;
        boolean up = false;
        try {
            while (w.more()) {
                String a = w.next();
                if (a.equals("to")) {
                    filter = filter.withPrefix(prefix(w.value(a, "a prefix"), "\"to\""));
                } else if (a.equals("scope")) {
                    String s = w.value(a, "a scope");
                    if (!s.equals("all")) {
                        filter = filter.withScope(RouteScopes.parse(s));
                    }
                } else if (a.equals("up")) {
                    up = true;
                } else if (a.equals("label")) {
                    filter = filter.withLabel(w.value(a, "a pattern (e.g. eth0:*)"));
                } else if (List.of("group", "master", "vrf", "nomaster", "type").contains(a)) {
                    throw new UsageException("\"" + a + "\" is not supported by \"netns4j address\" yet.");
                } else if (flagSelector(filter, a) != null) {
                    filter = flagSelector(filter, a);
                } else {
                    if (!a.equals("dev") && Keywords.matches(a, "help")) {
                        throw new UsageException(USAGE);
                    }
                    String name = a.equals("dev") ? w.value(a, "an interface name") : a;
                    dev = once(dev, "dev", LinkKindArgs.ifname(name));
                    filter = filter.withDevice(dev);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("Error: " + e.getMessage() + ".");
        }
        return new Select(flush, filter, up);
    }

    /** {@code address show} and {@code address flush}: the call. */
    private static void show(Context ctx, Select s) throws NetnsException {
        Addresses addresses = ctx.namespace().addresses();
        if (s.flush()) {
            addresses.flush(s.filter());
        } else {
            AddressView.print(ctx, s.filter(), s.up(), "link".equals(ctx.options.family()), addresses);
        }
    }

    /**
     * A flag selector as ip's {@code get_filter} reads it: {@code FLAG} or {@code -FLAG};
     * {@code dynamic} is {@code -permanent}, {@code primary} is {@code -secondary}.
     * Returns the filter with it, or null when {@code word} is no flag.
     */
    private static AddressFilter flagSelector(AddressFilter filter, String word) {
        boolean without = word.startsWith("-");
        String name = without ? word.substring(1) : word;
        AddressFlag flag = AddressFlag.byIpName(name);
        if (name.equals("dynamic") || name.equals("primary")) {
            without = !without;
            flag = name.equals("dynamic") ? AddressFlag.PERMANENT : AddressFlag.SECONDARY;
        }
        if (flag == null) {
            return null;
        }
        return without ? filter.withoutFlag(flag) : filter.withFlag(flag);
    }
}
