package io.netns4j.cli;

import io.netns4j.error.NetnsException;
import io.netns4j.route.RouteProtocols;
import io.netns4j.route.RouteTables;
import io.netns4j.rule.RoutingRule;
import io.netns4j.rule.RuleAction;
import io.netns4j.rule.RuleMatch;
import io.netns4j.rule.Rules;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code netns4j rule ...}: {@code ip rule} with its syntax, output and JSON. Every verb is
 * one call on {@link Rules}; the words are all checked before it. {@code -4} or {@code -6}
 * right after {@code rule} picks the family ({@code ip -6 rule}).
 */
final class RuleCommand implements ObjectCommand {
    static final String USAGE = """
            Usage: netns4j rule [ -4 | -6 ] { add | del } SELECTOR ACTION
                   netns4j rule [ -4 | -6 ] flush [ SELECTOR ]
                   netns4j rule [ -4 | -6 ] [ list [ SELECTOR ]]
            SELECTOR := [ not ] [ from PREFIX ] [ to PREFIX ] [ tos TOS ] [ fwmark FWMARK[/MASK] ]
                        [ iif STRING ] [ oif STRING ] [ pref NUMBER ] [ uidrange NUMBER-NUMBER ]
                        [ ipproto PROTOCOL ] [ sport [ NUMBER | NUMBER-NUMBER ] ] [ dport [ NUMBER | NUMBER-NUMBER ] ]
                        [ l3mdev ] [ tun_id TUN_ID ]
            ACTION := [ table TABLE_ID ] [ protocol PROTO ] [ goto NUMBER ] [ suppress_prefixlength NUMBER ]
                      [ suppress_ifgroup DEVGROUP ] [ realms [SRCREALM/]DSTREALM ]
                      [ blackhole | unreachable | prohibit | nop ]
            TABLE_ID := [ local | main | default | NUMBER | a name from /etc/iproute2/rt_tables ]""";
    /** Keywords of {@code rule add|del} in {@code ip}'s order; "=" marks those that may not be abbreviated. */
    private static final List<String> MODIFY_WORDS = List.of("=not", "=from", "=to", "preference", "order", "priority",
            "=tos", "dsfield", "=fwmark", "realms", "protocol", "tun_id", "table", "=lookup", "suppress_prefixlength",
            "=sup_pl", "suppress_ifgroup", "=sup_group", "=dev", "=iif", "=oif", "=l3mdev", "=uidrange", "=nat",
            "map-to", "=ipproto", "=sport", "=dport");
    private static final List<String> LIST_WORDS = List.of("preference", "order", "priority", "=not", "=tos",
            "=dsfield", "=fwmark", "=dev", "=iif", "=oif", "=l3mdev", "=uidrange", "tun_id", "lookup", "table", "from",
            "src", "protocol", "=ipproto", "=sport", "=dport");
    private static final Set<String> UNSUPPORTED = Set.of("nat", "map-to");

    /** The command line checked: the verb and its rule (a selector for list and flush); null for help. */
    record Parsed(String verb, RoutingRule rule) {
    }

    /** Checks every word and builds the rule, touching no namespace (bad input: exit 2). */
    static Parsed parse(List<String> args) throws UsageException {
        FamilyWords leading = FamilyWords.of(args);
        InetFamily family = leading.family();
        List<String> rest = leading.rest();
        String verb = rest.isEmpty() ? "list" : Keywords.resolve(rest.getFirst(), "list", "lst", "show", "save",
                "restore", "add", "delete", "flush", "help");
        if (verb == null) {
            throw new UsageException("Command \"" + rest.getFirst() + "\" is unknown, try \"netns4j rule help\".");
        }
        List<String> more = rest.isEmpty() ? rest : rest.subList(1, rest.size());
        return switch (verb) {
            case "help" -> new Parsed(verb, null);
            case "save", "restore" -> throw new UsageException("\"rule " + verb + "\" is not supported by netns4j yet.");
            case "add", "delete" -> {
                if (more.isEmpty()) {
                    throw new UsageException("\"rule " + (verb.equals("add") ? "add" : "del") + "\" requires"
                            + " arguments, e.g. \"netns4j rule add from 10.0.0.5 table 100\".");
                }
                yield new Parsed(verb, modifyArgs(more, family));
            }
            case "flush" -> new Parsed(verb, selector(more, family));
            default -> new Parsed("list", selector(more, family));
        };
    }

    @Override
    public void check(GlobalOptions options, List<String> args) throws UsageException {
        parse(options.withFamilyWord(args));
    }

    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        Parsed p = parse(ctx.options.withFamilyWord(args));
        if (p.rule() == null) {
            ctx.out.println(USAGE);
            return 0;
        }
        Rules rules = ctx.namespace().rules();
        switch (p.verb()) {
            case "add" -> rules.add(p.rule());
            case "delete" -> rules.delete(p.rule());
            case "flush" -> rules.flush(p.rule());
            default -> {
                List<RoutingRule> list = rules.list(p.rule());
                if (ctx.json()) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    list.forEach(r -> rows.add(json(r)));
                    ctx.printJson(rows);
                } else {
                    list.forEach(r -> ctx.out.print(text(r)));
                }
            }
        }
        return 0;
    }

    private static RoutingRule modifyArgs(List<String> args, InetFamily family) throws UsageException {
        RouteSyntax.Words w = new RouteSyntax.Words(args, "rule");
        RoutingRule r = RoutingRule.of(family == null ? InetFamily.IPV4 : family);
        while (w.more()) {
            String word = w.next();
            String k = RouteSyntax.keyword(word, MODIFY_WORDS, UNSUPPORTED, "rule");
            if (k == null) {
                String a = word.equals("type") ? w.value("type") : word;
                if (Keywords.matches(a, "goto")) {
                    r = r.withGotoTarget(RouteSyntax.number(w.value("goto"), "goto", 0xFFFF_FFFFL));
                    continue;
                }
                RuleAction action = RuleAction.parse(a);
                if (action == null) {
                    throw new UsageException("Unknown argument \"" + a + "\": expected a selector (from, to, fwmark, iif,"
                            + " ...), an action (table, goto, blackhole, unreachable, prohibit, nop) or \"help\".");
                }
                r = r.withAction(action);
                continue;
            }
            r = common(r, family != null, k, w);
        }
        if (r.match().l3mdev() && r.table() != null) {
            throw new UsageException("table can not be specified for l3mdev rules.");
        }
        return r;
    }

    private static RoutingRule selector(List<String> args, InetFamily family) throws UsageException {
        RouteSyntax.Words w = new RouteSyntax.Words(args, "rule");
        RoutingRule r = RoutingRule.of(family == null ? InetFamily.IPV4 : family);
        while (w.more()) {
            String word = w.next();
            String k = RouteSyntax.keyword(word, LIST_WORDS, UNSUPPORTED, "rule show");
            if (k == null) {
                r = prefix(r, family != null, false,
                        Keywords.matches(word, "dst") || Keywords.matches(word, "to") ? w.value(word) : word);
                continue;
            }
            r = common(r, family != null, k.equals("src") ? "from" : k, w);
        }
        return r;
    }

    /**
     * {@code from}/{@code to PREFIX}: without {@code -4}/{@code -6}, the first prefix names the
     * rule's family, as in {@code ip rule}.
     */
    private static RoutingRule prefix(RoutingRule r, boolean familyGiven, boolean source, String prefix) {
        if (!familyGiven && r.source() == null && r.destination() == null
                && !prefix.equals("all") && !prefix.equals("any") && !prefix.equals("default")) {
            r = r.withFamily(InetFamily.of(InetPrefix.parse(prefix).address()));
        }
        return source ? r.withSource(prefix) : r.withDestination(prefix);
    }

    /** A keyword both {@code rule add} and {@code rule show} take. */
    private static RoutingRule common(RoutingRule r, boolean familyGiven, String k, RouteSyntax.Words w)
            throws UsageException {
        return switch (k) {
            case "not" -> r.withNot();
            case "from" -> prefix(r, familyGiven, true, w.value(k));
            case "to" -> prefix(r, familyGiven, false, w.value(k));
            case "preference", "order", "priority" ->
                    r.withPriority(RouteSyntax.number(w.value(k), "preference", 0xFFFF_FFFFL));
            case "tos", "dsfield" -> r.withTos(RouteSyntax.tos(w.value(k)));
            case "fwmark" -> {
                String v = w.value(k);
                int slash = v.indexOf('/');
                long mark = RouteSyntax.number(slash < 0 ? v : v.substring(0, slash), "fwmark", 0xFFFF_FFFFL);
                yield slash < 0 ? r.withFwmark(mark)
                        : r.withFwmark(mark, RouteSyntax.number(v.substring(slash + 1), "fwmask", 0xFFFF_FFFFL));
            }
            case "protocol" -> r.withProtocol(RouteProtocols.parse(w.value(k)));
            case "table", "lookup" -> r.withTable(RouteTables.parse(w.value(k)));
            case "suppress_prefixlength", "sup_pl" -> r.withSuppressPrefixLength(
                    (int) RouteSyntax.number(w.value(k), "suppress_prefixlength", Integer.MAX_VALUE));
            case "suppress_ifgroup", "sup_group" -> r.withSuppressIfgroup(group(w.value(k)));
            case "dev", "iif" -> r.withInputDevice(w.value(k));
            case "oif" -> r.withOutputDevice(w.value(k));
            case "uidrange" -> {
                String v = w.value(k);
                yield r.withMatch(r.match().withUidRange(uid(v, 0), uid(v, 1)));
            }
            case "ipproto" -> r.withMatch(r.match().withIpProtocol(IpProtocols.parse(w.value(k))));
            case "sport" -> {
                int[] p = ports(w.value(k), k);
                yield r.withMatch(r.match().withSourcePorts(p[0], p[1]));
            }
            case "dport" -> {
                int[] p = ports(w.value(k), k);
                yield r.withMatch(r.match().withDestinationPorts(p[0], p[1]));
            }
            case "l3mdev" -> r.withMatch(r.match().withL3mdev());
            case "tun_id" -> {
                String v = w.value(k);
                try {
                    yield r.withMatch(r.match().withTunnelId(v.startsWith("0x") || v.startsWith("0X")
                            ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseUnsignedLong(v)));
                } catch (NumberFormatException e) {
                    throw new UsageException("Error: argument \"" + v + "\" is wrong: \"tun_id\" value is invalid");
                }
            }
            case "realms" -> {
                int[] p = Realms.parse(w.value(k));
                yield r.withMatch(r.match().withRealms(p[0], p[1]));
            }
            default -> throw new UsageException("\"" + k + "\" is not supported by netns4j yet.");
        };
    }

    /** Part {@code i} (0 the start, 1 the end) of {@code uidrange START-END}; ip takes nothing else. */
    private static long uid(String v, int i) throws UsageException {
        String[] parts = v.split("-", -1);
        try {
            if (parts.length == 2) {
                long start = Long.parseLong(parts[0]);
                long end = Long.parseLong(parts[1]);
                if (start >= 0 && end <= 0xFFFF_FFFFL && start <= end) {
                    return i == 0 ? start : end;
                }
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("Error: argument \"" + v + "\" is wrong: invalid UID range: give FIRST-LAST, user"
                + " ids from 0 to 4294967295 (e.g. \"uidrange 1000-1999\").");
    }

    /** {@code sport|dport N} (N to N) or {@code N-M}, ports 1 to 65535. */
    private static int[] ports(String v, String word) throws UsageException {
        String[] parts = v.split("-", -1);
        try {
            if (parts.length <= 2) {
                int start = Integer.parseInt(parts[0]);
                int end = parts.length == 2 ? Integer.parseInt(parts[1]) : start;
                if (start >= 1 && end <= 65535 && start <= end) {
                    return new int[] {start, end};
                }
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("Error: argument \"" + v + "\" is wrong: invalid " + word + " range: give a port or"
                + " FIRST-LAST, ports from 1 to 65535 (e.g. \"" + word + " 8000-8099\").");
    }

    /** ip's words after oif: uidrange, ipproto, sport, dport (one port when the range is one). */
    private static void matchText(StringBuilder sb, RuleMatch m) {
        if (m.hasUidRange()) {
            sb.append(" uidrange ").append(m.uidStart()).append('-').append(m.uidEnd());
        }
        if (m.ipProtocol() != 0) {
            sb.append(" ipproto ").append(IpProtocols.name(m.ipProtocol()));
        }
        portsText(sb, "sport", m.sourcePortStart(), m.sourcePortEnd());
        portsText(sb, "dport", m.destinationPortStart(), m.destinationPortEnd());
    }

    private static void portsText(StringBuilder sb, String word, int start, int end) {
        if (start != 0) {
            sb.append(' ').append(word).append(' ').append(start);
            if (end != start) {
                sb.append('-').append(end);
            }
        }
    }

    private static void matchJson(Map<String, Object> j, RuleMatch m) {
        if (m.hasUidRange()) {
            j.put("uid_start", m.uidStart());
            j.put("uid_end", m.uidEnd());
        }
        if (m.ipProtocol() != 0) {
            j.put("ipproto", IpProtocols.name(m.ipProtocol()));
        }
        portsJson(j, "sport", m.sourcePortStart(), m.sourcePortEnd());
        portsJson(j, "dport", m.destinationPortStart(), m.destinationPortEnd());
    }

    private static void portsJson(Map<String, Object> j, String key, int start, int end) {
        if (start == 0) {
            return;
        }
        if (start == end) {
            j.put(key, start);
        } else {
            j.put(key + "_start", start);
            j.put(key + "_end", end);
        }
    }

    /** Whether {@code p} is a single address, which ip prints without a length. */
    private static boolean isHost(InetPrefix p, InetFamily f) {
        return p.length() == f.bits();
    }

    private static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v); // C's %#llx
    }

    /** One rule as {@code ip rule show} prints it. */
    static String text(RoutingRule r) {
        StringBuilder sb = new StringBuilder().append(r.priority()).append(":\t");
        if (r.not()) {
            sb.append("not ");
        }
        if (r.source() != null) {
            sb.append("from ").append(InetText.format(r.source().address()));
            if (!isHost(r.source(), r.family())) {
                sb.append('/').append(r.source().length());
            }
        } else {
            sb.append("from all");
        }
        if (r.destination() != null) {
            sb.append(" to ").append(InetText.format(r.destination().address()));
            if (!isHost(r.destination(), r.family())) {
                sb.append('/').append(r.destination().length());
            }
        }
        if (r.tos() != 0) {
            sb.append(" tos ").append(String.format("0x%02x", r.tos()));
        }
        if (r.fwmark() != null || r.fwmask() != null) {
            sb.append(" fwmark ").append(hex(r.fwmark() == null ? 0 : r.fwmark()));
            if (r.fwmask() != null && r.fwmask() != 0xFFFF_FFFFL) {
                sb.append('/').append(hex(r.fwmask()));
            }
        }
        if (r.inputDevice() != null) {
            sb.append(" iif ").append(r.inputDevice()).append(r.inputDetached() ? " [detached]" : "");
        }
        if (r.outputDevice() != null) {
            sb.append(" oif ").append(r.outputDevice()).append(r.outputDetached() ? " [detached]" : "");
        }
        if (r.match().l3mdev()) {
            sb.append(" lookup [l3mdev-table]");
        }
        matchText(sb, r.match());
        if (r.match().tunnelId() != 0) {
            sb.append(" tun_id ").append(Long.toUnsignedString(r.match().tunnelId()));
        }
        if (r.table() != null && r.table() != 0) {
            sb.append(" lookup ").append(RouteTables.name(r.table()));
            if (r.suppressPrefixLength() != null) {
                sb.append(" suppress_prefixlength ").append(r.suppressPrefixLength());
            }
            if (r.suppressIfgroup() != null) {
                sb.append(" suppress_ifgroup ").append(groupName(r.suppressIfgroup()));
            }
        }
        long realms = r.match().realms();
        if (realms != 0) {
            int from = (int) (realms >>> 16);
            sb.append(" realms ").append(from != 0 ? Realms.name(from) + "/" : "").append(Realms.name((int) (realms & 0xffff)));
        }
        if (r.action() == RuleAction.GOTO) {
            sb.append(" goto ").append(r.gotoTarget() == null ? "none" : r.gotoTarget());
            sb.append(r.unresolved() ? " [unresolved]" : "");
        } else if (r.action() != null && r.action() != RuleAction.TO_TABLE) {
            sb.append(' ').append(r.action().ipName());
        }
        if (r.protocol() != null && r.protocol() != 0 && r.protocol() != RouteProtocols.KERNEL) {
            sb.append(" proto ").append(RouteProtocols.name(r.protocol()));
        }
        return sb.append('\n').toString();
    }

    /** One rule as an object of {@code ip -j rule show}. */
    static Map<String, Object> json(RoutingRule r) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("priority", r.priority());
        if (r.not()) {
            j.put("not", null);
        }
        if (r.source() != null) {
            j.put("src", InetText.format(r.source().address()));
            if (!isHost(r.source(), r.family())) {
                j.put("srclen", r.source().length());
            }
        } else {
            j.put("src", "all");
        }
        if (r.destination() != null) {
            j.put("dst", InetText.format(r.destination().address()));
            if (!isHost(r.destination(), r.family())) {
                j.put("dstlen", r.destination().length());
            }
        }
        if (r.tos() != 0) {
            j.put("tos", String.format("0x%02x", r.tos()));
        }
        if (r.fwmark() != null || r.fwmask() != null) {
            j.put("fwmark", hex(r.fwmark() == null ? 0 : r.fwmark()));
            if (r.fwmask() != null && r.fwmask() != 0xFFFF_FFFFL) {
                j.put("fwmask", hex(r.fwmask()));
            }
        }
        if (r.inputDevice() != null) {
            j.put("iif", r.inputDevice());
            if (r.inputDetached()) {
                j.put("iif_detached", null);
            }
        }
        if (r.outputDevice() != null) {
            j.put("oif", r.outputDevice());
            if (r.outputDetached()) {
                j.put("oif_detached", null);
            }
        }
        if (r.match().l3mdev()) {
            j.put("l3mdev", null);
        }
        matchJson(j, r.match());
        if (r.match().tunnelId() != 0) {
            j.put("tun_id", new java.math.BigInteger(Long.toUnsignedString(r.match().tunnelId())));
        }
        if (r.table() != null && r.table() != 0) {
            j.put("table", RouteTables.name(r.table()));
            if (r.suppressPrefixLength() != null) {
                j.put("suppress_prefixlen", r.suppressPrefixLength());
            }
            if (r.suppressIfgroup() != null) {
                j.put("suppress_ifgroup", groupName(r.suppressIfgroup()));
            }
        }
        long realms = r.match().realms();
        if (realms != 0) {
            int from = (int) (realms >>> 16);
            if (from != 0) {
                j.put("flow_from", Realms.name(from));
            }
            j.put("flow_to", Realms.name((int) (realms & 0xffff)));
        }
        if (r.action() == RuleAction.GOTO) {
            j.put("goto", r.gotoTarget() == null ? "none" : r.gotoTarget());
            if (r.unresolved()) {
                j.put("unresolved", null);
            }
        } else if (r.action() == RuleAction.NOP) {
            j.put("nop", null);
        } else if (r.action() != null && r.action() != RuleAction.TO_TABLE) {
            j.put("action", r.action().ipName());
        }
        if (r.protocol() != null && r.protocol() != 0 && r.protocol() != RouteProtocols.KERNEL) {
            j.put("protocol", RouteProtocols.name(r.protocol()));
        }
        return j;
    }

    /**
     * A device group as ip's rtnl_group_a2n reads it: {@code default} (0; names of
     * /etc/iproute2/group other than that are not read) or a number, 0x hex or 0 octal, 0 to
     * 2147483647; else ip's {@code Invalid "suppress_ifgroup" value}.
     */
    static int group(String v) throws UsageException {
        if (v.equals("default")) {
            return 0;
        }
        try {
            long n = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16)
                    : v.length() > 1 && v.startsWith("0") ? Long.parseLong(v.substring(1), 8) : Long.parseLong(v);
            if (n >= 0 && n <= Integer.MAX_VALUE) {
                return (int) n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("argument \"" + v + "\" is wrong: Invalid \"suppress_ifgroup\" value");
    }

    /** ip's rtnl_group_n2a: {@code default} for 0, else the number. */
    private static String groupName(int group) {
        return group == 0 ? "default" : Integer.toString(group);
    }
}
