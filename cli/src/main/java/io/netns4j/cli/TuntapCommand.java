package io.netns4j.cli;


import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.link.TunTapDevice;
import io.netns4j.link.TunTapRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code netns4j tuntap ...}: {@code ip tuntap} add, del and show, with its text and JSON.
 * Users and groups are given as numbers (netns4j reads no user database).
 */
final class TuntapCommand implements ObjectCommand {
    static final String FORM = "tuntap { add | del | show } [dev] NAME mode { tun | tap } [user UID] [group GID]"
            + " [pi] [vnet_hdr] [multi_queue] (add without NAME: the kernel's next tunN or tapN)";
    /** Linux's "no such device", the errno the kernel gives for a missing link. */
    private static final int ENODEV = 19;

    @Override
    public void check(GlobalOptions options, List<String> args) throws UsageException {
        if (!args.isEmpty()) {
            String verb = verb(args.getFirst());
            if (verb.equals("add") || verb.equals("del")) {
                parse(args.subList(1, args.size()), verb);
            }
        }
    }

    private static String verb(String word) throws UsageException {
        String v = Keywords.resolve(word, "add", "del", "delete", "show", "list", "lst", "help");
        if (v == null) {
            throw new UsageException("Command \"" + word + "\" is unknown, try \"netns4j tuntap help\".");
        }
        return v.equals("delete") ? "del" : v;
    }

    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        String verb = args.isEmpty() ? "show" : verb(args.getFirst());
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        switch (verb) {
            case "add" -> ctx.namespace().links().addTunTap(parse(rest, verb));
            case "del" -> {
                TunTapRequest r = parse(rest, verb);
                boolean found = ctx.namespace().links().tunTaps().stream()
                        .anyMatch(d -> d.name().equals(r.name()) && d.mode() == r.mode());
                if (!found) {
                    throw new NotFoundException("No " + r.mode().name().toLowerCase() + " device \""
                            + r.name() + "\" in the namespace.", ENODEV, null);
                }
                ctx.namespace().links().delete(r.name());
            }
            case "help" -> ctx.out.println("Usage:\tnetns4j " + FORM);
            default -> show(ctx, ctx.namespace().links().tunTaps());
        }
        return 0;
    }

    /** The device words of add/del: ip's keywords, numbers for user and group. */
    static TunTapRequest parse(List<String> args, String verb) throws UsageException {
        Words w = new Words(args, FORM);
        String name = null;
        TunTapRequest.Mode mode = null;
        Integer user = null;
        Integer group = null;
        boolean pi = false, vnet = false, multi = false;
        while (w.more()) {
            String a = w.next();
            switch (a) {
                case "dev", "name" -> name = LinkKindArgs.ifname(w.value(a, "a device name"));
                case "mode" -> mode = mode(w.value(a, "tun or tap"));
                case "user" -> user = w.intValue(a, 0, Integer.MAX_VALUE);
                case "group" -> group = w.intValue(a, 0, Integer.MAX_VALUE);
                case "pi" -> pi = true;
                case "vnet_hdr" -> vnet = true;
                case "multi_queue" -> multi = true;
                case "one_queue" -> { } // obsolete in the kernel; ip accepts and ignores it too
                default -> {
                    if (name != null) {
                        throw w.unknown(a);
                    }
                    name = LinkKindArgs.ifname(a);
                }
            }
        }
        if (name == null && !verb.equals("add")) { // add without one: the kernel names it (tap0, tap1, ...)
            throw new UsageException("\"tuntap " + verb + "\" needs a device name: the form is \"netns4j " + FORM + "\".");
        }
        if (mode == null) {
            throw new UsageException("\"tuntap " + verb + "\" needs \"mode tun\" or \"mode tap\".");
        }
        TunTapRequest r = name == null ? TunTapRequest.named(mode) : TunTapRequest.of(name, mode);
        r = user != null ? r.withOwner(user) : r;
        r = group != null ? r.withGroup(group) : r;
        r = pi ? r.withPacketInfo() : r;
        r = vnet ? r.withVnetHeader() : r;
        return multi ? r.withMultiQueue() : r;
    }

    static TunTapRequest.Mode mode(String word) throws UsageException {
        return switch (word) {
            case "tun" -> TunTapRequest.Mode.TUN;
            case "tap" -> TunTapRequest.Mode.TAP;
            default -> throw new UsageException("Unknown tuntap mode \"" + word + "\": use tun or tap.");
        };
    }

    private static void show(Context ctx, List<TunTapDevice> devices) {
        if (ctx.json()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (TunTapDevice d : devices) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ifname", d.name());
                m.put("flags", flags(d));
                if (d.owner() != null) {
                    m.put("user", d.owner());
                }
                if (d.group() != null) {
                    m.put("group", d.group());
                }
                rows.add(m);
            }
            ctx.printJson(rows);
            return;
        }
        for (TunTapDevice d : devices) {
            StringBuilder sb = new StringBuilder(d.name()).append(": ").append(String.join(" ", flags(d)));
            if (d.owner() != null) {
                sb.append(" user ").append(d.owner());
            }
            if (d.group() != null) {
                sb.append(" group ").append(d.group());
            }
            ctx.out.println(sb);
        }
    }

    private static List<String> flags(TunTapDevice d) {
        List<String> f = new ArrayList<>();
        f.add(d.mode() == TunTapRequest.Mode.TAP ? "tap" : "tun");
        if (d.packetInfo()) {
            f.add("pi");
        }
        if (d.vnetHeader()) {
            f.add("vnet_hdr");
        }
        if (d.multiQueue()) {
            f.add("multi_queue");
        }
        if (d.persistent()) {
            f.add("persist");
        }
        if (d.packetInfo()) {
            f.add("filter"); // ip reads IFF_NO_PI's bit also as IFF_NOFILTER (both 0x1000) and prints this
        }
        return f;
    }
}
