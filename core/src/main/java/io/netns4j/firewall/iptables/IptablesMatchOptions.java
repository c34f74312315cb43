package io.netns4j.firewall.iptables;

import io.netns4j.firewall.AddressRange;
import io.netns4j.firewall.AddressType;
import io.netns4j.firewall.ConnMark;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Mark;
import io.netns4j.firewall.Match;
import io.netns4j.firewall.PacketLength;
import io.netns4j.firewall.PacketType;
import io.netns4j.firewall.Ttl;
import io.netns4j.types.InetPrefix;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of the xt-only matches ({@code -m connmark --mark}, {@code -m iprange
 * --src-range}, {@code -m length}, {@code -m ttl}, {@code -m hl}, {@code -m pkttype}, {@code -m
 * addrtype}) as libxt_* parses them: each option once, iptables' exclusions and inversions,
 * numbers as strtoul reads them; the refusals are iptables' own.
 */
final class IptablesMatchOptions {
    /** The match each option belongs to. */
    private static final Map<String, String> OWNERS = Map.ofEntries(Map.entry("--src-range", "iprange"),
            Map.entry("--dst-range", "iprange"), Map.entry("--length", "length"), Map.entry("--ttl-eq", "ttl"),
            Map.entry("--ttl-lt", "ttl"), Map.entry("--ttl-gt", "ttl"), Map.entry("--hl-eq", "hl"),
            Map.entry("--hl-lt", "hl"), Map.entry("--hl-gt", "hl"), Map.entry("--pkt-type", "pkttype"),
            Map.entry("--src-type", "addrtype"), Map.entry("--dst-type", "addrtype"),
            Map.entry("--limit-iface-in", "addrtype"), Map.entry("--limit-iface-out", "addrtype"));
    /** The matches here, by name. */
    static final Set<String> NAMES = Set.of("connmark", "iprange", "length", "ttl", "hl", "pkttype", "addrtype");

    private IptablesMatchOptions() {
    }

    /** The match {@code opt} belongs to, or null ({@code --mark} is the caller's: mark or connmark). */
    static String owner(String opt) {
        return OWNERS.get(opt);
    }

    /** One {@code -m NAME} and the options given to it so far. */
    static final class Slot {
        final String name;
        /** Option -> {value or null, negated}. */
        final Map<String, Object[]> options = new LinkedHashMap<>();

        Slot(String name) {
            this.name = name;
        }

        /** Takes {@code opt} (with its value from {@code t} when it has one). */
        void take(String opt, boolean negated, IptablesTokens t, String program) throws IptablesSyntaxException {
            if (options.containsKey(opt)) {
                throw syntax(program, name + ": option \"" + opt + "\" can only be used once.");
            }
            boolean flag = opt.startsWith("--limit-iface");
            if (negated && (flag || opt.endsWith("-lt") || opt.endsWith("-gt"))) {
                throw syntax(program, name + ": option \"" + opt + "\" cannot be inverted.");
            }
            for (String other : options.keySet()) {
                boolean exclusive = name.equals("ttl") || name.equals("hl") || flag && other.startsWith("--limit-iface");
                if (exclusive) {
                    throw syntax(program, name + ": option \"" + opt + "\" cannot be used together with \"" + other
                            + "\".");
                }
            }
            options.put(opt, new Object[] {flag ? null : t.value(opt, "a value"), negated});
        }

        private String value(String opt) {
            return options.containsKey(opt) ? (String) options.get(opt)[0] : null;
        }

        private boolean negated(String opt) {
            return options.containsKey(opt) && (Boolean) options.get(opt)[1];
        }

        /** The rule's matches for this {@code -m}. */
        List<Match> build(Family family, String program) throws IptablesSyntaxException {
            switch (name) {
                case "connmark" -> {
                    String v = required("--mark", program);
                    int slash = v.indexOf('/');
                    long value = number(slash < 0 ? v : v.substring(0, slash), Mark.ALL, "--mark", program);
                    long mask = slash < 0 ? Mark.ALL : number(v.substring(slash + 1), Mark.ALL, "--mark", program);
                    return List.of(new ConnMark(value, mask, negated("--mark")));
                }
                case "iprange" -> {
                    if (options.isEmpty()) {
                        throw syntax(program, "iprange match: You must specify `--src-range' or `--dst-range'");
                    }
                    List<Match> out = new ArrayList<>();
                    for (String opt : List.of("--src-range", "--dst-range")) {
                        if (options.containsKey(opt)) {
                            out.add(range(opt, family, program));
                        }
                    }
                    return out;
                }
                case "length" -> {
                    String v = required("--length", program);
                    String[] parts = v.split(":", -1);
                    if (parts.length > 2) {
                        throw syntax(program, "length: Too many components for option \"--length\" (max: 2)");
                    }
                    int min = parts[0].isEmpty() ? 0 : (int) number(parts[0], 65535, "--length", program);
                    int max = parts.length == 1 ? min : parts[1].isEmpty() ? 65535
                            : (int) number(parts[1], 65535, "--length", program);
                    return List.of(new PacketLength(min, max, negated("--length")));
                }
                case "ttl", "hl" -> {
                    if (options.isEmpty()) {
                        throw syntax(program, name.equals("ttl") ? "TTL match: You must specify one of `--ttl-eq',"
                                + " `--ttl-lt', `--ttl-gt'" : "hl: You must specify one of `--hl-eq', `--hl-lt',"
                                + " `--hl-gt'");
                    }
                    String opt = options.keySet().iterator().next();
                    int value = (int) number(value(opt), 255, opt, program);
                    Ttl.Op op = opt.endsWith("-lt") ? Ttl.Op.LT : opt.endsWith("-gt") ? Ttl.Op.GT
                            : negated(opt) ? Ttl.Op.NE : Ttl.Op.EQ;
                    return List.of(new Ttl(name.equals("hl"), op, value));
                }
                case "pkttype" -> {
                    String v = required("--pkt-type", program).toLowerCase(java.util.Locale.ROOT);
                    String type = v.equals("host") ? "unicast" : v;
                    if (!PacketType.TYPES.contains(type)) {
                        throw syntax(program, "Bad packet type '" + value("--pkt-type") + "': use unicast, broadcast,"
                                + " multicast or otherhost");
                    }
                    return List.of(new PacketType(type, negated("--pkt-type")));
                }
                default -> {
                    Set<AddressType.Kind> src = types("--src-type", program);
                    Set<AddressType.Kind> dst = types("--dst-type", program);
                    if (src.isEmpty() && dst.isEmpty()) {
                        throw syntax(program, "addrtype: you must specify --src-type or --dst-type");
                    }
                    return List.of(new AddressType(src, negated("--src-type"), dst, negated("--dst-type"),
                            options.containsKey("--limit-iface-in"), options.containsKey("--limit-iface-out")));
                }
            }
        }

        private String required(String opt, String program) throws IptablesSyntaxException {
            String v = value(opt);
            if (v == null) {
                throw syntax(program, name + ": option \"" + opt + "\" must be specified");
            }
            return v;
        }

        private AddressRange range(String opt, Family family, String program) throws IptablesSyntaxException {
            String v = value(opt);
            String[] ends = v.split("-", 2);
            String last = ends.length == 2 ? ends[1] : ends[0];
            for (String end : new String[] {ends[0], last}) {
                boolean ok;
                try {
                    ok = (InetPrefix.parseAddress(end) instanceof Inet6Address) == (family == Family.IP6);
                } catch (IllegalArgumentException e) {
                    ok = false;
                }
                if (!ok) {
                    throw syntax(program, "iprange: Bad value for \"" + opt + "\" option: \"" + end + "\" (FIRST-LAST,"
                            + " two " + (family == Family.IP6 ? "IPv6" : "IPv4") + " addresses)");
                }
            }
            return new AddressRange(opt.equals("--dst-range"), ends[0], last, negated(opt));
        }

        private Set<AddressType.Kind> types(String opt, String program) throws IptablesSyntaxException {
            Set<AddressType.Kind> out = EnumSet.noneOf(AddressType.Kind.class);
            String v = value(opt);
            if (v == null) {
                return out;
            }
            for (String s : v.split(",", -1)) {
                AddressType.Kind k = IptablesXtMatches.kind(s);
                if (k == null) {
                    throw syntax(program, "addrtype: bad type \"" + s + "\": UNSPEC, UNICAST, LOCAL, BROADCAST,"
                            + " ANYCAST, MULTICAST, BLACKHOLE, UNREACHABLE, PROHIBIT, THROW, NAT or XRESOLVE");
                }
                out.add(k);
            }
            return out;
        }
    }

    /** A number as strtoul reads it with base 0 (decimal, 0x hex, 0 octal), 0 to {@code max}. */
    static long number(String s, long max, String opt, String program) throws IptablesSyntaxException {
        long n = -1;
        try {
            if (s.matches("0[xX][0-9a-fA-F]{1,8}")) {
                n = Long.parseLong(s.substring(2), 16);
            } else if (s.matches("0[0-7]{1,11}")) {
                n = Long.parseLong(s, 8);
            } else if (s.matches("[0-9]{1,10}")) {
                n = Long.parseLong(s);
            }
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > max) {
            throw syntax(program, "bad value for option \"" + opt + "\": \"" + s + "\", or out of range (0-" + max + ")");
        }
        return n;
    }

    private static IptablesSyntaxException syntax(String program, String text) {
        return new IptablesSyntaxException(program + ": " + text);
    }
}
