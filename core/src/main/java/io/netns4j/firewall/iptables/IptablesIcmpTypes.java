package io.netns4j.firewall.iptables;

import io.netns4j.firewall.IcmpType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --icmp-type} and {@code --icmpv6-type} as libxt_icmp and libip6t_icmp6 read and print
 * them: a name (any unambiguous prefix, any case) from iptables' list, or {@code TYPE} or
 * {@code TYPE/CODE} as numbers; {@code -S} prints numbers, {@code -L} without {@code -n}
 * the name whose type and codes fit. The names and numbers are iptables 1.8.9's.
 */
final class IptablesIcmpTypes {
    /** A name: its type and the codes it covers (0 to 255 for the whole type). */
    private record Name(String name, int type, int codeMin, int codeMax) {
    }

    private static final List<Name> ICMP = names(
            "echo-reply 0", "pong 0", "destination-unreachable 3", "network-unreachable 3/0", "host-unreachable 3/1",
            "protocol-unreachable 3/2", "port-unreachable 3/3", "fragmentation-needed 3/4", "source-route-failed 3/5",
            "network-unknown 3/6", "host-unknown 3/7", "network-prohibited 3/9", "host-prohibited 3/10",
            "TOS-network-unreachable 3/11", "TOS-host-unreachable 3/12", "communication-prohibited 3/13",
            "host-precedence-violation 3/14", "precedence-cutoff 3/15", "source-quench 4", "redirect 5",
            "network-redirect 5/0", "host-redirect 5/1", "TOS-network-redirect 5/2", "TOS-host-redirect 5/3",
            "echo-request 8", "ping 8", "router-advertisement 9", "router-solicitation 10", "time-exceeded 11",
            "ttl-exceeded 11", "ttl-zero-during-transit 11/0", "ttl-zero-during-reassembly 11/1",
            "parameter-problem 12", "ip-header-bad 12/0", "required-option-missing 12/1", "timestamp-request 13",
            "timestamp-reply 14", "address-mask-request 17", "address-mask-reply 18");
    private static final List<Name> ICMPV6 = names(
            "destination-unreachable 1", "no-route 1/0", "communication-prohibited 1/1", "beyond-scope 1/2",
            "address-unreachable 1/3", "port-unreachable 1/4", "failed-policy 1/5", "reject-route 1/6",
            "packet-too-big 2", "time-exceeded 3", "ttl-exceeded 3", "ttl-zero-during-transit 3/0",
            "ttl-zero-during-reassembly 3/1", "parameter-problem 4", "bad-header 4/0", "unknown-header-type 4/1",
            "unknown-option 4/2", "echo-request 128", "ping 128", "echo-reply 129", "pong 129",
            "router-solicitation 133", "router-advertisement 134", "neighbour-solicitation 135",
            "neighbor-solicitation 135", "neighbour-advertisement 136", "neighbor-advertisement 136", "redirect 137");

    private IptablesIcmpTypes() {
    }

    private static List<Name> names(String... entries) {
        List<Name> out = new ArrayList<>();
        for (String e : entries) {
            String[] f = e.split("[ /]");
            int type = Integer.parseInt(f[1]);
            out.add(f.length == 2 ? new Name(f[0], type, 0, 255)
                    : new Name(f[0], type, Integer.parseInt(f[2]), Integer.parseInt(f[2])));
        }
        return List.copyOf(out);
    }

    /** The option's name: {@code --icmp-type} or {@code --icmpv6-type}. */
    static String option(boolean ipv6) {
        return ipv6 ? "--icmpv6-type" : "--icmp-type";
    }

    /** {@code --icmp-type VALUE} as the match; {@code any} (type 255 in IPv4) is refused. */
    static IcmpType parse(String value, boolean ipv6, String program) throws IptablesSyntaxException {
        String opt = option(ipv6);
        Name found = null;
        for (Name n : ipv6 ? ICMPV6 : ICMP) {
            if (!value.isEmpty() && n.name().toLowerCase(Locale.ROOT).startsWith(value.toLowerCase(Locale.ROOT))) {
                if (found != null) {
                    throw new IptablesSyntaxException(program + ": Ambiguous ICMP" + (ipv6 ? "v6" : "") + " type \""
                            + value + "\": \"" + found.name() + "\" or \"" + n.name() + "\"?");
                }
                found = n;
            }
        }
        IcmpType t;
        if (found != null) {
            t = new IcmpType(ipv6, found.type(), found.codeMin() == found.codeMax() ? found.codeMin() : null, false);
        } else if (!ipv6 && value.equalsIgnoreCase("any")) {
            throw any(program);
        } else {
            int slash = value.indexOf('/');
            int type = number(slash < 0 ? value : value.substring(0, slash), "type", value, opt, program);
            Integer code = slash < 0 ? null : number(value.substring(slash + 1), "code", value, opt, program);
            t = new IcmpType(ipv6, type, code, false);
        }
        if (!ipv6 && t.type() == 255) {
            throw any(program);
        }
        return t;
    }

    private static IptablesSyntaxException any(String program) {
        return new IptablesSyntaxException(program + ": --icmp-type any (type 255, which iptables stores as"
                + " \"any\") matches every ICMP packet: leave --icmp-type out, -p icmp alone does that");
    }

    /** A number as strtoul reads it with base 0 (decimal, 0x hex, 0 octal), 0 to 255. */
    private static int number(String s, String what, String value, String opt, String program)
            throws IptablesSyntaxException {
        try {
            int n;
            if (s.matches("0[xX][0-9a-fA-F]+")) {
                n = Integer.parseInt(s.substring(2), 16);
            } else if (s.matches("0[0-7]+")) {
                n = Integer.parseInt(s.substring(1), 8);
            } else if (s.matches("[0-9]{1,9}")) {
                n = Integer.parseInt(s);
            } else {
                n = -1;
            }
            if (n >= 0 && n <= 255) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IptablesSyntaxException(program + ": Unknown ICMP " + what + " in " + opt + " \"" + value
                + "\": a name such as echo-request, or TYPE or TYPE/CODE, each 0 to 255");
    }

    /** The words of {@code iptables -S}: {@code -m icmp --icmp-type 3/4}. */
    static String save(IcmpType t) {
        return (t.ipv6() ? " -m icmp6" : " -m icmp") + (t.negated() ? " !" : "") + " " + option(t.ipv6()) + " "
                + t.type() + (t.code() == null ? "" : "/" + t.code());
    }

    /** The words of {@code iptables -L}: {@code icmp echo-request}, or with {@code -n} {@code icmptype 8}. */
    static String list(IcmpType t, boolean numeric) {
        String p = t.ipv6() ? " ipv6-icmp" : " icmp";
        if (!numeric) {
            for (Name n : t.ipv6() ? ICMPV6 : ICMP) {
                if (n.type() == t.type() && (t.code() == null ? n.codeMin() == 0 && n.codeMax() == 255
                        : n.codeMin() == t.code() && n.codeMax() == (int) t.code())) {
                    return p + " " + (t.negated() ? "!" : "") + n.name();
                }
            }
        }
        return p + (t.negated() ? " !" : "") + "type " + t.type() + (t.code() == null ? "" : " code " + t.code());
    }
}
