package io.netns4j.firewall.iptables;

import io.netns4j.firewall.ConnState;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.IcmpType;
import io.netns4j.firewall.Match;
import io.netns4j.firewall.PortRange;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.TcpFlags;
import io.netns4j.firewall.Verdict;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rule part of an iptables command line ({@code -i veth1 -p tcp --dport 80 -j ACCEPT}),
 * turned into a {@link Rule} laid out as iptables-nft lays it out: interfaces, addresses,
 * protocol, then the matches in command-line order, a {@code counter}, the verdict, and
 * the comment. Options outside netns4j's subset are refused by name.
 */
final class IptablesRuleSpec {
    static final String SUPPORTED = "-p -s -d -i -o, -m tcp|udp|icmp|icmp6|multiport|conntrack|state|comment|limit|mark"
            + "|connmark|iprange|length|ttl|hl|pkttype|addrtype with"
            + " --sport --dport --syn --tcp-flags --icmp-type --icmpv6-type --sports --dports --ctstate --state"
            + " --comment --limit --limit-burst --mark --src-range --dst-range --length --ttl-eq|lt|gt --hl-eq|lt|gt"
            + " --pkt-type --src-type --dst-type --limit-iface-in|out,"
            + " -j ACCEPT|DROP|"
            + "RETURN|REJECT [--reject-with]|LOG [--log-prefix --log-level]|MASQUERADE [--to-ports --random --random-fully]|"
            + "SNAT --to-source [--random --random-fully --persistent]|DNAT --to-destination [--random --persistent]|"
            + "REDIRECT [--to-ports --random]|MARK --set-xmark|--set-mark|--and-mark|--or-mark|--xor-mark|"
            + "CONNMARK --set-xmark|...|--save-mark|--restore-mark [--nfmask --ctmask --mask]|CHAIN, -g CHAIN";
    private static final Set<String> PORT_PROTOCOLS = Set.of("tcp", "udp", "sctp", "dccp", "udplite");
    private static final Set<String> MATCHES = Set.of("tcp", "udp", "sctp", "dccp", "udplite", "icmp", "icmp6",
            "multiport", "mark", "connmark", "iprange", "length", "ttl", "hl", "pkttype", "addrtype",
            "conntrack", "state", "comment", "limit");

    private final Family family;
    private final String program;
    private final IptablesFixedOptions fixed;
    private Match.Iface in;
    private Match.Iface out;
    private Match.Address source;
    private Match.Address destination;
    private Match.Protocol protocol;
    private final Set<String> loaded = new LinkedHashSet<>();
    /** Matches in command-line order; a port match is a slot filled by --sport/--dport. */
    private final List<Object> slots = new ArrayList<>();
    private String comment;
    private String target;
    private boolean gotoTarget;
    private final List<String> targetOptions = new ArrayList<>();
    private String firstOption;
    private boolean multiportGiven;

    /** A protocol match ({@code -m tcp}): its flags test ({@code -m tcp} only), source and destination ports. */
    private static final class PortSlot {
        final String protocol;
        TcpFlags flags;
        Match.Port sport;
        Match.Port dport;

        PortSlot(String protocol) {
            this.protocol = protocol;
        }
    }

    IptablesRuleSpec(Family family, String program) {
        this.family = family;
        this.program = program;
        this.fixed = new IptablesFixedOptions(family, program);
    }

    /** A refusal: {@code PROGRAM: TEXT}. */
    private IptablesSyntaxException syntax(String text) {
        return new IptablesSyntaxException(program + ": " + text);
    }

    /** The first rule option seen, for "not with this command" errors; null when none. */
    String firstOption() {
        return firstOption;
    }

    /**
     * Takes the option {@code opt} (already past a leading {@code !} when {@code negated})
     * and its values from {@code t}.
     *
     * @return false when {@code opt} is not a rule option
     */
    boolean option(String opt, boolean negated, IptablesTokens t) throws IptablesSyntaxException {
        if (firstOption == null && isRuleOption(opt)) {
            firstOption = opt;
        }
        switch (opt) {
            case "-p", "--protocol" -> protocol = fixed.protocol(t.value(opt, "a protocol"), negated);
            case "-s", "--source", "--src" -> source = fixed.address(opt, false, t.value(opt, "an address"), negated);
            case "-d", "--destination", "--dst" ->
                    destination = fixed.address(opt, true, t.value(opt, "an address"), negated);
            case "-i", "--in-interface" -> in = fixed.iface(false, t.value(opt, "an interface name"), negated);
            case "-o", "--out-interface" -> out = fixed.iface(true, t.value(opt, "an interface name"), negated);
            case "-m", "--match" -> load(t.value(opt, "a match name"), negated);
            case "--sport", "--source-port", "--dport", "--destination-port" -> port(opt, negated, t);
            case "--syn" -> tcpFlags(opt, negated, TcpFlags.syn());
            case "--tcp-flags" -> {
                String examined = t.value(opt, "the flags to examine, e.g. SYN,ACK");
                tcpFlags(opt, negated, IptablesTcpFlags.parse(examined, t.value(opt, "the flags that must be set,"
                        + " e.g. SYN"), program));
            }
            case "--icmp-type", "--icmpv6-type" -> icmpType(opt, negated, t);
            case "--mark" -> mark(opt, negated, t);
            case "--sports", "--source-ports", "--dports", "--destination-ports" -> multiport(opt, negated, t);
            case "--ctstate", "--state" -> ctState(opt, negated, t);
            case "--comment" -> {
                requireLoaded(opt, "comment", negated);
                comment = t.value(opt, "a text");
                if (comment.length() > 128) {
                    throw syntax("--comment is too long: nftables keeps at most 128 characters");
                }
                if (comment.indexOf('\0') >= 0) {
                    throw syntax("--comment must not hold a NUL character (it would end the comment)");
                }
            }
            case "--limit", "--limit-burst" -> limit(opt, negated, t);
            case "-j", "--jump", "-g", "--goto" -> {
                noNegation(opt, negated);
                if (target != null) {
                    throw syntax("only one target (-j or -g) per rule, \"" + opt + "\" is a second");
                }
                target = t.value(opt, opt.startsWith("-g") || opt.equals("--goto") ? "a chain" : "a target");
                gotoTarget = opt.equals("-g") || opt.equals("--goto");
            }
            default -> {
                if (IptablesTargetOptions.isTargetOption(opt)) {
                    noNegation(opt, negated);
                    targetOptions.add(opt);
                    targetOptions.add(IptablesTargetOptions.FLAGS.contains(opt) ? null : t.value(opt, "a value"));
                    return true;
                }
                if (IptablesConntrack.isOption(opt)) {
                    requireLoaded(opt, "conntrack", false);
                    lastConntrack().take(opt, negated, t.value(opt, "a value"), fixed, program);
                    return true;
                }
                String owner = IptablesMatchOptions.owner(opt);
                if (owner != null) {
                    requireLoaded(opt, owner, false);
                    lastSlot(owner).take(opt, negated, t, program);
                    return true;
                }
                if (isRuleOption(opt)) {
                    throw syntax("option \"" + opt + "\" is not supported by netns4j's"
                            + " iptables; supported: " + SUPPORTED);
                }
                return false;
            }
        }
        return true;
    }

    /** {@code --mark}: for the last {@code -m mark} or {@code -m connmark}. */
    private void mark(String opt, boolean negated, IptablesTokens t) throws IptablesSyntaxException {
        if (!loaded.contains("mark") && !loaded.contains("connmark")) {
            requireLoaded(opt, "mark", false);
        }
        int at = slots.lastIndexOf("mark");
        IptablesMatchOptions.Slot connmark = loaded.contains("connmark") ? lastSlot("connmark") : null;
        if (connmark != null && slots.lastIndexOf(connmark) > at) {
            connmark.take(opt, negated, t, program);
            return;
        }
        if (at < 0) {
            throw syntax("mark: option \"--mark\" can only be used once");
        }
        slots.set(at, IptablesMarks.parse(t.value(opt, "VALUE[/MASK]"), negated, program));
    }

    private IptablesMatchOptions.Slot lastSlot(String name) {
        IptablesMatchOptions.Slot last = null;
        for (Object s : slots) {
            if (s instanceof IptablesMatchOptions.Slot x && x.name.equals(name)) {
                last = x;
            }
        }
        return last;
    }

    /** Options that belong to a rule even though netns4j does not offer them. */
    private static boolean isRuleOption(String opt) {
        return !opt.matches("-[ACDIRLSFZNXPEhVtnvxw46]|--(append|check|delete|insert|replace|list|list-rules|flush"
                + "|zero|new-chain|new|delete-chain|policy|rename-chain|help|version|table|numeric|verbose|exact"
                + "|line-numbers|wait|wait-interval|ipv4|ipv6)");
    }

    private void load(String name, boolean negated) throws IptablesSyntaxException {
        if (negated) {
            throw syntax("unexpected ! flag before --match");
        }
        if (!MATCHES.contains(name)) {
            throw syntax("Couldn't load match \"" + name + "\": netns4j's iptables supports"
                    + " -m " + String.join(", ", List.of("tcp", "udp", "icmp", "icmp6", "multiport", "conntrack",
                    "state", "comment", "limit", "mark", "connmark", "iprange", "length", "ttl", "hl", "pkttype",
                    "addrtype")));
        }
        if (name.equals("ttl") && family == Family.IP6 || name.equals("hl") && family == Family.IP) {
            throw syntax("Couldn't load match `" + name + "': " + program + " has -m "
                    + (name.equals("ttl") ? "hl --hl-eq|--hl-lt|--hl-gt" : "ttl --ttl-eq|--ttl-lt|--ttl-gt"));
        }
        if (name.equals("iprange") && loaded.contains("iprange")) {
            throw syntax("-m iprange given twice: netns4j takes one per rule (--src-range and --dst-range both go in"
                    + " one -m iprange)");
        }
        if (PORT_PROTOCOLS.contains(name)) {
            if (protocol == null || !protocol.name().equals(name) || protocol.negated()) {
                throw syntax("-m " + name + " needs \"-p " + name + "\" before it");
            }
            slots.add(new PortSlot(name));
        } else if (name.equals("limit")) {
            slots.add(new IptablesLimit());
        } else if (name.equals("icmp") || name.equals("icmp6")) {
            requireIcmpProtocol("-m " + name, name.equals("icmp6"));
            slots.add(name);
        } else if (name.equals("conntrack")) {
            slots.add(new IptablesConntrack.Slot());
        } else if (name.equals("state") || name.equals("mark")) {
            slots.add(name);
        } else if (IptablesMatchOptions.NAMES.contains(name)) {
            slots.add(new IptablesMatchOptions.Slot(name));
        }
        loaded.add(name);
    }

    private void requireLoaded(String opt, String match, boolean negated) throws IptablesSyntaxException {
        if (!loaded.contains(match)) {
            throw syntax("unknown option \"" + opt + "\" (it needs \"-m " + match
                    + "\" before it)");
        }
        if (negated && (match.equals("comment") || match.equals("limit"))) {
            throw syntax("unexpected ! flag before " + opt);
        }
    }

    private void noNegation(String opt, boolean negated) throws IptablesSyntaxException {
        if (negated) {
            throw syntax("unexpected ! flag before " + opt);
        }
    }

    /** The last {@code -m PROTO} of the rule, or an implicit one (iptables loads it for {@code --dport}). */
    private PortSlot slot(String proto) {
        PortSlot slot = null;
        for (Object s : slots) {
            if (s instanceof PortSlot p && p.protocol.equals(proto)) {
                slot = p;
            }
        }
        if (slot == null) {
            slot = new PortSlot(proto);
            slots.add(slot);
            loaded.add(proto);
        }
        return slot;
    }

    /** {@code --syn} or {@code --tcp-flags}: one per rule, since iptables-nft lists only the last one. */
    private void tcpFlags(String opt, boolean negated, TcpFlags flags) throws IptablesSyntaxException {
        if (protocol == null || !protocol.name().equals("tcp") || protocol.negated()) {
            throw syntax("unknown option \"" + opt + "\" (it needs \"-p tcp\" before it"
                    + (protocol != null && protocol.negated() ? ", not \"! -p " + protocol.name() + "\")" : ")"));
        }
        for (Object s : slots) {
            if (s instanceof PortSlot p && p.flags != null) {
                throw syntax("only one of --syn or --tcp-flags per rule (\"" + opt + "\" is a second;"
                        + " iptables-nft would list only the last)");
            }
        }
        slot("tcp").flags = negated ? flags.negate() : flags;
    }

    /** {@code -m icmp} and {@code --icmp-type} need {@code -p icmp} (ip6tables: {@code icmp6}, {@code ipv6-icmp}). */
    private void requireIcmpProtocol(String what, boolean ipv6) throws IptablesSyntaxException {
        if (ipv6 != (family == Family.IP6)) {
            throw syntax("unknown option \"" + what + "\" (" + (ipv6 ? "ip6tables" : "iptables") + " has it; "
                    + program + " has " + (ipv6 ? "-m icmp --icmp-type" : "-m icmp6 --icmpv6-type") + ")");
        }
        String needed = ipv6 ? "ipv6-icmp" : "icmp";
        if (protocol == null || !protocol.name().equals(needed) || protocol.negated()) {
            throw syntax("\"" + what + "\" needs \"-p " + needed + "\" before it");
        }
    }

    /** {@code --icmp-type TYPE[/CODE]}: one per rule (a second -m icmp would be a second xt match). */
    private void icmpType(String opt, boolean negated, IptablesTokens t) throws IptablesSyntaxException {
        boolean ipv6 = opt.equals("--icmpv6-type");
        requireIcmpProtocol(opt, ipv6);
        IcmpType type = IptablesIcmpTypes.parse(t.value(opt, "an ICMP type such as echo-request, or TYPE/CODE"),
                ipv6, program);
        if (slots.stream().anyMatch(IcmpType.class::isInstance)) {
            throw syntax("\"" + opt + "\" given twice: netns4j takes one ICMP type per rule");
        }
        String match = ipv6 ? "icmp6" : "icmp";
        int at = slots.lastIndexOf(match);
        if (at >= 0) {
            slots.set(at, negated ? type.negate() : type);
        } else {
            slots.add(negated ? type.negate() : type);
            loaded.add(match);
        }
    }

    private void port(String opt, boolean negated, IptablesTokens t) throws IptablesSyntaxException {
        String proto = protocol == null ? null : protocol.name();
        if (proto == null || !PORT_PROTOCOLS.contains(proto) || protocol.negated()) {
            throw syntax("unknown option \"" + opt + "\" (ports need \"-p tcp\" or \"-p udp\""
                    + " before them)");
        }
        PortSlot slot = slot(proto);
        boolean dest = opt.startsWith("--d");
        PortRange range = IptablesNames.portRange(t.value(opt, "a port or FIRST:LAST"), proto, program);
        Match.Port m = new Match.Port(proto, dest, List.of(range), false, negated);
        if ((dest ? slot.dport : slot.sport) != null) {
            throw syntax("\"" + opt + "\" given twice");
        }
        if (dest) {
            slot.dport = m;
        } else {
            slot.sport = m;
        }
    }

    private void multiport(String opt, boolean negated, IptablesTokens t) throws IptablesSyntaxException {
        requireLoaded(opt, "multiport", false);
        String proto = protocol == null ? null : protocol.name();
        if (proto == null || !PORT_PROTOCOLS.contains(proto) || protocol.negated()) {
            throw syntax("multiport needs \"-p tcp\" or \"-p udp\" before it");
        }
        String value = t.value(opt, "a list of ports");
        List<PortRange> ports = new ArrayList<>();
        int count = 0;
        for (String part : value.split(",", -1)) {
            PortRange r = IptablesNames.portRange(part, proto, program);
            count += r.single() ? 1 : 2;
            ports.add(r);
        }
        if (count > 15) {
            throw syntax("too many ports specified in \"" + value + "\" (multiport takes 15)");
        }
        slots.add(new Match.Port(proto, opt.startsWith("--d"), ports, true, negated));
        multiportGiven = true;
    }

    private void ctState(String opt, boolean negated, IptablesTokens t) throws IptablesSyntaxException {
        String match = opt.equals("--state") ? "state" : "conntrack";
        requireLoaded(opt, match, false);
        Set<ConnState> states = EnumSet.noneOf(ConnState.class);
        String value = t.value(opt, "a list of states");
        for (String s : value.split(",", -1)) {
            try {
                states.add(ConnState.of(s));
            } catch (IllegalArgumentException e) {
                throw syntax("bad ctstate \"" + s + "\": use INVALID, NEW, ESTABLISHED, RELATED"
                        + " or UNTRACKED (SNAT and DNAT are not supported)");
            }
        }
        if (match.equals("conntrack")) {
            IptablesConntrack.Slot slot = lastConntrack();
            if (slot.state != null) {
                throw syntax("\"" + opt + "\" given twice");
            }
            slot.state = new Match.CtState(states, negated, false);
            return;
        }
        int at = slots.lastIndexOf(match);
        if (at < 0) {
            throw syntax("\"" + opt + "\" given twice");
        }
        slots.set(at, new Match.CtState(states, negated, true));
    }

    private IptablesConntrack.Slot lastConntrack() {
        IptablesConntrack.Slot last = null;
        for (Object s : slots) {
            if (s instanceof IptablesConntrack.Slot c) {
                last = c;
            }
        }
        return last;
    }

    private void limit(String opt, boolean negated, IptablesTokens t) throws IptablesSyntaxException {
        requireLoaded(opt, "limit", negated);
        IptablesLimit slot = null;
        for (Object s : slots) {
            if (s instanceof IptablesLimit l) {
                slot = l;
            }
        }
        String value = t.value(opt, opt.equals("--limit") ? "a rate such as 5/min" : "a number");
        if (slot == null) {
            throw syntax("\"" + opt + "\" needs \"-m limit\" before it");
        }
        slot.take(opt, value, program);
    }

    /** The rule, with a {@code counter} as iptables-nft writes one in every rule. */
    Rule build() throws IptablesSyntaxException {
        List<Match> matches = new ArrayList<>();
        for (Match m : new Match[] {in, out, source, destination, protocol}) {
            if (m != null) {
                matches.add(m);
            }
        }
        for (Object slot : slots) {
            switch (slot) {
                case PortSlot p -> {
                    if (p.flags != null) {
                        matches.add(p.flags);
                    }
                    if (p.sport != null) {
                        matches.add(p.sport);
                    }
                    if (p.dport != null) {
                        matches.add(p.dport);
                    }
                }
                case IptablesLimit l -> {
                    try {
                        matches.add(IptablesNftValues.limit(l.rate, l.per, l.burst));
                    } catch (IllegalArgumentException e) {
                        throw syntax(e.getMessage());
                    }
                }
                case Match m -> matches.add(m);
                case IptablesMatchOptions.Slot x -> matches.addAll(x.build(family, program));
                case IptablesConntrack.Slot c -> {
                    List<Match> group = c.build(program);
                    if (group.getFirst() instanceof io.netns4j.firewall.CtMatch first && !matches.isEmpty()
                            && (matches.getLast() instanceof Match.CtState s && !s.stateMatch()
                            || matches.getLast() instanceof io.netns4j.firewall.CtMatch prev && prev.order() < first.order())) {
                        throw syntax("two -m conntrack in a row that netns4j would write as one: give their options"
                                + " to one -m conntrack");
                    }
                    matches.addAll(group);
                }
                case String icmp when icmp.startsWith("icmp") -> throw syntax("-m " + icmp + " needs "
                        + IptablesIcmpTypes.option(icmp.equals("icmp6")) + " TYPE");
                case String mark when mark.equals("mark") -> throw syntax("-m mark needs --mark VALUE[/MASK]");
                default -> throw syntax("-m " + slot + " needs --"
                        + (slot.equals("state") ? "state" : "ctstate") + " STATES");
            }
        }
        if (loaded.contains("multiport") && !multiportGiven) {
            throw syntax("-m multiport needs --sports or --dports");
        }
        if (loaded.contains("comment") && comment == null) {
            throw syntax("-m comment needs --comment TEXT");
        }
        matches.add(Match.counter());
        Verdict verdict = IptablesTargets.verdict(target, gotoTarget, targetOptions, family,
                protocol == null ? null : protocol.name(), program);
        try {
            return new Rule(matches, verdict, comment);
        } catch (IllegalArgumentException e) {
            throw syntax(e.getMessage());
        }
    }
}
