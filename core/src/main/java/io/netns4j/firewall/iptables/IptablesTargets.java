package io.netns4j.firewall.iptables;


import io.netns4j.firewall.Family;
import io.netns4j.firewall.Redirect;
import io.netns4j.firewall.SetConnMark;
import io.netns4j.firewall.SetMark;
import io.netns4j.firewall.PortRange;
import io.netns4j.firewall.Verdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * iptables targets ({@code -j ACCEPT}, {@code -j REJECT --reject-with ...}, {@code -j LOG},
 * NAT targets, user chains) to {@link Verdict}s and back, with iptables' names and output.
 */
final class IptablesTargets {
    /** iptables' REJECT names -> nft code, IPv4 (type icmp) then IPv6 (type icmpv6). */
    private static final Map<String, String> REJECT4 = new LinkedHashMap<>();
    private static final Map<String, String> REJECT6 = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("net-unreach", "icmp-net-unreachable"),
            Map.entry("host-unreach", "icmp-host-unreachable"), Map.entry("proto-unreach", "icmp-proto-unreachable"),
            Map.entry("port-unreach", "icmp-port-unreachable"), Map.entry("net-prohib", "icmp-net-prohibited"),
            Map.entry("host-prohib", "icmp-host-prohibited"), Map.entry("admin-prohib", "icmp-admin-prohibited"),
            Map.entry("tcp-rst", "tcp-reset"), Map.entry("no-route", "icmp6-no-route"),
            Map.entry("adm-prohibited", "icmp6-adm-prohibited"), Map.entry("addr-unreach", "icmp6-addr-unreachable"),
            Map.entry("policy-fail", "icmp6-policy-fail"), Map.entry("reject-route", "icmp6-reject-route"));
    /** Syslog levels by number: nft's names (also what iptables -L prints); iptables' --log-level names. */
    private static final List<String> NFT_LEVELS = Verdict.Log.LEVELS;
    private static final List<String> IPTABLES_LEVELS =
            List.of("emerg", "alert", "crit", "error", "warning", "notice", "info", "debug");
    private static final Set<String> UNSUPPORTED_TARGETS = Set.of("QUEUE", "NFQUEUE", "NFLOG", "TCPMSS", "CT", "NOTRACK", "TRACE", "TEE", "CLASSIFY", "DSCP", "TOS", "TTL", "HL", "SET",
            "AUDIT", "CHECKSUM", "CONNSECMARK", "SECMARK", "NETMAP", "TPROXY", "ULOG", "SYNPROXY", "LED", "IDLETIMER");

    static {
        REJECT4.put("icmp-net-unreachable", "net-unreachable");
        REJECT4.put("icmp-host-unreachable", "host-unreachable");
        REJECT4.put("icmp-proto-unreachable", "prot-unreachable");
        REJECT4.put("icmp-port-unreachable", "port-unreachable");
        REJECT4.put("icmp-net-prohibited", "net-prohibited");
        REJECT4.put("icmp-host-prohibited", "host-prohibited");
        REJECT4.put("icmp-admin-prohibited", "admin-prohibited");
        REJECT6.put("icmp6-no-route", "no-route");
        REJECT6.put("icmp6-adm-prohibited", "admin-prohibited");
        REJECT6.put("icmp6-addr-unreachable", "addr-unreachable");
        REJECT6.put("icmp6-port-unreachable", "port-unreachable");
        REJECT6.put("icmp6-policy-fail", "policy-fail");
        REJECT6.put("icmp6-reject-route", "reject-route");
    }

    private IptablesTargets() {
    }

    /** A refusal: {@code PROGRAM: TEXT}. */
    private static IptablesSyntaxException syntax(String program, String text) {
        return new IptablesSyntaxException(program + ": " + text);
    }

    /**
     * The verdict of {@code -j TARGET} (or {@code -g CHAIN}) with its options
     * ({@code [option, value, ...]}); {@link Verdict#NONE} without a target.
     */
    static Verdict verdict(String target, boolean gotoChain, List<String> options, Family family, String protocol,
                           String program) throws IptablesSyntaxException {
        String needed = target == null ? "" : target;
        for (int i = 0; i < options.size(); i += 2) {
            String opt = options.get(i);
            String owner = IptablesTargetOptions.owner(opt, needed);
            if (!owner.equals(needed) || gotoChain) {
                throw syntax(program, "unknown option \"" + opt + "\" (it needs \"-j " + owner
                        + "\" before it)");
            }
            if (options.subList(0, i).contains(opt)) {
                throw syntax(program, owner + ": option \"" + opt + "\" can only be used once");
            }
            List<String> exclusive = IptablesTargetOptions.exclusive(owner);
            for (int j = 0; j < i; j += 2) {
                String earlier = options.get(j);
                if (exclusive != null && exclusive.contains(opt) && exclusive.contains(earlier)
                        || opt.equals("--mask") && earlier.matches("--(nf|ct)mask")
                        || earlier.equals("--mask") && opt.matches("--(nf|ct)mask")) {
                    throw syntax(program, owner + ": option \"" + earlier + "\" cannot be used together with \""
                            + opt + "\"");
                }
            }
        }
        if (target == null) {
            return Verdict.NONE;
        }
        if (gotoChain) {
            return chain(target, true, program);
        }
        return switch (target) {
            case "ACCEPT" -> Verdict.ACCEPT;
            case "DROP" -> Verdict.DROP;
            case "RETURN" -> Verdict.RETURN;
            case "REJECT" -> reject(option(options, "--reject-with"), family, program);
            case "LOG" -> log(option(options, "--log-prefix"), option(options, "--log-level"), program,
                    IptablesTargetOptions.logFlags(options));
            case "MASQUERADE" -> new Verdict.Masquerade(IptablesTargetOptions.toPorts(option(options, "--to-ports"),
                    protocol, program), IptablesTargetOptions.flags(options));
            case "REDIRECT" -> IptablesTargetOptions.redirect(option(options, "--to-ports"), options, protocol, program);
            case "CONNMARK" -> IptablesTargetOptions.connmark(options, program);
            case "MARK" -> IptablesMarks.setMark(options, program);
            case "SNAT", "DNAT" -> nat(target, option(options, target.equals("SNAT") ? "--to-source" : "--to-destination"),
                    protocol, program, IptablesTargetOptions.flags(options));
            default -> {
                if (UNSUPPORTED_TARGETS.contains(target)) {
                    throw syntax(program, "target \"" + target + "\" is not supported by netns4j's"
                            + " iptables; supported: ACCEPT, DROP, RETURN, REJECT, LOG, MARK, CONNMARK, MASQUERADE, SNAT,"
                            + " DNAT, REDIRECT, a chain");
                }
                yield chain(target, false, program);
            }
        };
    }

    private static String option(List<String> options, String name) {
        for (int i = 0; i < options.size(); i += 2) {
            if (options.get(i).equals(name)) {
                return options.get(i + 1);
            }
        }
        return null;
    }

    private static Verdict chain(String name, boolean gotoChain, String program) throws IptablesSyntaxException {
        try {
            return gotoChain ? new Verdict.Goto(name) : new Verdict.Jump(name);
        } catch (IllegalArgumentException e) {
            throw syntax(program, "Couldn't load target \"" + name + "\": " + e.getMessage());
        }
    }

    private static Verdict reject(String with, Family family, String program) throws IptablesSyntaxException {
        if (with == null) {
            return Verdict.Reject.DEFAULT;
        }
        String name = ALIASES.getOrDefault(with, with);
        if (name.equals("tcp-reset")) {
            return Verdict.Reject.TCP_RESET;
        }
        Map<String, String> table = family == Family.IP6 ? REJECT6 : REJECT4;
        String code = table.get(name);
        if (code == null) {
            throw syntax(program, "unknown reject type \"" + with + "\": use one of "
                    + String.join(", ", table.keySet()) + ", tcp-reset");
        }
        return code.equals("port-unreachable") ? Verdict.Reject.DEFAULT
                : Verdict.Reject.icmp(family == Family.IP6 ? "icmpv6" : "icmp", code);
    }

    private static Verdict log(String prefix, String level, String program, Set<io.netns4j.firewall.LogFlag> flags)
            throws IptablesSyntaxException {
        if (prefix != null && prefix.isEmpty()) {
            throw syntax(program, "--log-prefix: Argument must have a minimum length of 1 characters (leave"
                    + " --log-prefix out for none)");
        }
        if (prefix != null && prefix.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw syntax(program, "--log-prefix must not hold control characters (a NUL would end it, a newline"
                    + " would break the log line)");
        }
        if (prefix != null && prefix.length() > 29) {
            throw syntax(program, "--log-prefix \"" + prefix + "\" is too long: at most 29 characters");
        }
        String nftLevel = null;
        if (level != null) {
            int n = level.matches("[0-7]") ? Integer.parseInt(level) : IPTABLES_LEVELS.indexOf(level);
            if (n < 0) {
                n = switch (level) {
                    case "panic" -> 0;
                    case "err" -> 3;
                    case "warn" -> 4;
                    default -> -1;
                };
            }
            if (n < 0) {
                throw syntax(program, "log level \"" + level + "\" unknown: 0-7 or "
                        + String.join(", ", IPTABLES_LEVELS));
            }
            nftLevel = NFT_LEVELS.get(n);
        }
        try {
            return new Verdict.Log(prefix, nftLevel, flags);
        } catch (IllegalArgumentException e) {
            throw syntax(program, e.getMessage());
        }
    }

    private static Verdict nat(String target, String to, String protocol, String program,
                               Set<io.netns4j.firewall.NatFlag> flags) throws IptablesSyntaxException {
        String option = target.equals("SNAT") ? "--to-source" : "--to-destination";
        if (to == null) {
            throw syntax(program, target + ": option \"" + option + "\" must be specified (ADDRESS[:PORT])");
        }
        String address = to;
        String ports = null;
        if (to.startsWith("[")) { // [v6]:port
            int close = to.indexOf(']');
            address = close > 0 ? to.substring(1, close) : to;
            ports = close > 0 && to.length() > close + 2 && to.charAt(close + 1) == ':' ? to.substring(close + 2) : null;
        } else if (to.indexOf(':') >= 0 && to.indexOf(':') == to.lastIndexOf(':')) { // v4:port
            address = to.substring(0, to.indexOf(':'));
            ports = to.substring(to.indexOf(':') + 1);
        }
        PortRange range = null;
        if (ports != null) {
            if (protocol == null || !Set.of("tcp", "udp", "sctp", "dccp").contains(protocol)) {
                throw syntax(program, "Need TCP, UDP, SCTP or DCCP with port specification (-p tcp)");
            }
            range = IptablesNames.portRange(ports.replace('-', ':'), protocol, program);
        }
        boolean ipv6 = program.equals("ip6tables");
        for (String end : address.split("-", -1)) {
            // iptables reads an address of its own family only ("Bad IP address"), ip6tables likewise
            if (end.isEmpty() || (end.indexOf(':') >= 0) != ipv6) {
                throw syntax(program, "Bad IP address \"" + end + "\" (" + program + " " + option + " takes an "
                        + (ipv6 ? "IPv6" : "IPv4") + " address; " + (ipv6 ? "iptables" : "ip6tables")
                        + " the other family's)");
            }
        }
        try {
            return new Verdict.Nat(target.equals("SNAT"), address, range, flags);
        } catch (IllegalArgumentException e) {
            throw syntax(program, "bad " + option + " \"" + to + "\": " + e.getMessage());
        }
    }

    // ---- back to iptables' words ----

    /** The target column of {@code -L}: ACCEPT, a chain name, or empty. */
    static String name(Verdict v) {
        return switch (v) {
            case Verdict.Accept a -> "ACCEPT";
            case Verdict.Drop d -> "DROP";
            case Verdict.Return r -> "RETURN";
            case Verdict.None n -> "";
            case Verdict.Jump j -> j.chain();
            case Verdict.Goto g -> g.chain();
            case Verdict.Reject r -> "REJECT";
            case Verdict.Log l -> "LOG";
            case Verdict.Masquerade m -> "MASQUERADE";
            case Verdict.Nat n -> n.source() ? "SNAT" : "DNAT";
            case SetMark m -> "MARK";
            case SetConnMark c -> "CONNMARK";
            case Redirect r -> "REDIRECT";
        };
    }

    /** The target as {@code -S} writes it: {@code " -j REJECT --reject-with icmp-port-unreachable"}. */
    static String save(Verdict v, Family family) {
        return switch (v) {
            case Verdict.None n -> "";
            case Verdict.Goto g -> " -g " + g.chain();
            case Verdict.Reject r -> " -j REJECT --reject-with " + rejectName(r, family);
            case Verdict.Log l -> " -j LOG" + (l.prefix() != null ? " --log-prefix" + IptablesText.saveString(l.prefix())
                    : "") + (l.level() != null ? " --log-level " + NFT_LEVELS.indexOf(l.level()) : "")
                    + IptablesTargetOptions.logFlags(l.flags(), true);
            case Verdict.Nat n -> " -j " + name(v) + (n.source() ? " --to-source " : " --to-destination ") + natTo(n)
                    + IptablesTargetOptions.saveFlags(n.flags());
            case Verdict.Masquerade m -> IptablesTargetOptions.save(m);
            case Redirect r -> IptablesTargetOptions.save(r);
            case SetConnMark c -> IptablesTargetOptions.save(c);
            case SetMark m -> " -j MARK --set-xmark 0x" + Long.toHexString(m.value()) + "/0x" + Long.toHexString(m.mask());
            default -> " -j " + name(v);
        };
    }

    /** What {@code -L} prints after the addresses for the target, e.g. {@code " reject-with icmp-port-unreachable"}. */
    static String print(Verdict v, Family family, boolean numeric) {
        return switch (v) {
            case Verdict.Reject r -> " reject-with " + rejectName(r, family);
            case Verdict.Log l -> " LOG" + (numeric ? " flags " + logBits(l) + " level " + level(l) : " level "
                    + NFT_LEVELS.get(level(l)) + IptablesTargetOptions.logFlags(l.flags(), false))
                    + (l.prefix() != null ? " prefix \"" + l.prefix() + "\"" : "");
            case Verdict.Nat n -> " to:" + natTo(n) + IptablesTargetOptions.listFlags(n.flags());
            case Verdict.Masquerade m -> IptablesTargetOptions.list(m);
            case Redirect r -> IptablesTargetOptions.list(r);
            case SetConnMark c -> IptablesTargetOptions.list(c);
            case SetMark m -> IptablesMarks.list(m);
            default -> "";
        };
    }

    private static int logBits(Verdict.Log l) {
        return l.flags().stream().mapToInt(io.netns4j.firewall.LogFlag::bit).sum();
    }

    private static int level(Verdict.Log l) {
        return l.level() == null ? 4 : NFT_LEVELS.indexOf(l.level());
    }

    private static String natTo(Verdict.Nat n) {
        if (n.ports() == null) {
            return n.address();
        }
        String ports = n.ports().single() ? Integer.toString(n.ports().first()) : n.ports().first() + "-" + n.ports().last();
        return (n.address().indexOf(':') >= 0 ? "[" + n.address() + "]" : n.address()) + ":" + ports;
    }

    private static String rejectName(Verdict.Reject r, Family family) {
        if (r.type() == null) {
            return family == Family.IP6 ? "icmp6-port-unreachable" : "icmp-port-unreachable";
        }
        if (r.code() == null) {
            return "tcp-reset";
        }
        for (Map.Entry<String, String> e : (r.type().equals("icmpv6") ? REJECT6 : REJECT4).entrySet()) {
            if (e.getValue().equals(r.code())) {
                return e.getKey();
            }
        }
        return r.type() + "-" + r.code();
    }
}
