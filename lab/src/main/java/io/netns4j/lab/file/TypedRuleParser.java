package io.netns4j.lab.file;

import io.netns4j.firewall.ConnState;
import io.netns4j.firewall.Match;
import io.netns4j.firewall.PortRange;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.Verdict;
import io.netns4j.lab.model.NearestWord;
import io.netns4j.types.InetPrefix;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one rule of a typed firewall chain ({@link TypedFirewallParser}): a mapping of matches
 * ({@code iif}, {@code oif}, {@code saddr}, {@code daddr}, {@code proto}, {@code sport},
 * {@code dport}, {@code ct}), an {@code action} (with a {@code target} chain for {@code jump} and
 * {@code goto}) and a {@code comment}, into the library's {@link Rule}, the nft rule
 * {@code iifname "eth1" ip saddr 10.0.0.0/8 tcp dport 80 ct state established accept comment "..."}.
 * Every mistake is reported at its place; a rule with one is not built. One instance reads the
 * rules of one chain.
 */
final class TypedRuleParser {
    static final Set<String> RULE_KEYS = Set.of("iif", "oif", "saddr", "daddr", "proto", "sport", "dport", "ct",
            "action", "target", "comment");
    static final List<String> ACTIONS = List.of("accept", "drop", "reject", "return", "jump", "goto");
    /** The protocols a rule may name; a number from 0 to 255 is taken too. */
    static final List<String> PROTOCOLS = List.of("tcp", "udp", "udplite", "sctp", "dccp", "icmp", "icmpv6",
            "igmp", "gre", "esp", "ah");
    static final List<String> PORT_PROTOCOLS = List.of("tcp", "udp", "sctp", "dccp", "udplite");
    private static final Pattern PORT = Pattern.compile("(\\d{1,6})(?:-(\\d{1,6}))?");

    private final Problems problems;
    private final Yaml yaml;
    private final String chain;
    private final Set<String> chains;
    private final List<ChainJump> jumps;
    private int reported;

    /** A jump or goto, kept with its place to report a loop. */
    record ChainJump(String target, Node at) {
    }

    /**
     * @param chain  the chain the rules belong to, for messages
     * @param chains the table's chain names, which a jump or goto may name
     * @param jumps  receives each jump and goto, to look for loops once every chain is read
     */
    TypedRuleParser(Problems problems, Yaml yaml, String chain, Set<String> chains, List<ChainJump> jumps) {
        this.problems = problems;
        this.yaml = yaml;
        this.chain = chain;
        this.chains = chains;
        this.jumps = jumps;
    }

    /** The rule, or null when it has problems (they are reported). */
    Rule rule(Node n) {
        Map<String, Node> m = yaml.mapping(n, "a rule of chain \"" + chain + "\"", RULE_KEYS, Map.of());
        if (m == null) {
            return null;
        }
        int before = problemCount();
        List<Match> matches = new ArrayList<>();
        iface(m, "iif", false, matches);
        iface(m, "oif", true, matches);
        Boolean ipv6 = null;
        for (String key : List.of("saddr", "daddr")) {
            if (!m.containsKey(key)) {
                continue;
            }
            Node at = m.get(key);
            InetPrefix p = prefix(at, key);
            if (p == null) {
                continue;
            }
            if (ipv6 != null && ipv6 != p.isIpv6()) {
                report(at, "\"saddr\" and \"daddr\" mix IPv4 and IPv6: no packet matches both",
                        "write two rules, one per family");
                continue;
            }
            ipv6 = p.isIpv6();
            matches.add(new Match.Address(key.equals("daddr"), p, false));
        }
        String proto = null;
        if (m.containsKey("proto")) {
            proto = protocol(m.get("proto"));
            if (proto != null) {
                matches.add(Match.protocol(proto));
            }
        }
        for (String key : List.of("sport", "dport")) {
            if (!m.containsKey(key)) {
                continue;
            }
            Node at = m.get(key);
            List<PortRange> ports = ports(at, key);
            if (ports == null) {
                continue;
            }
            if (!m.containsKey("proto")) {
                report(at, "\"" + key + "\" without \"proto\"", "ports need proto tcp, udp or sctp, e.g."
                        + " {proto: tcp, " + key + ": 80}");
            } else if (proto != null && !PORT_PROTOCOLS.contains(proto)) {
                report(at, "\"" + key + "\" with proto " + proto + ", which has no ports",
                        "ports need proto tcp, udp, sctp, dccp or udplite");
            } else if (proto != null) {
                matches.add(new Match.Port(proto, key.equals("dport"), ports, isList(at), false));
            }
        }
        if (m.containsKey("ct")) {
            Set<ConnState> states = states(m.get("ct"));
            if (states != null) {
                matches.add(new Match.CtState(states, false));
            }
        }
        Verdict verdict = verdict(n, m);
        String comment = null;
        if (m.containsKey("comment")) {
            comment = yaml.scalar(m.get("comment"), "\"comment\"");
            if (comment != null && (comment.indexOf('"') >= 0 || comment.length() > 128
                    || comment.indexOf('\n') >= 0)) {
                report(m.get("comment"), "comment \"" + comment + "\" cannot be stored by nftables",
                        "at most 128 characters, no double quote or line break");
                comment = null;
            }
        }
        if (verdict == null || problemCount() != before) {
            return null;
        }
        return new Rule(matches, verdict, comment);
    }

    private int problemCount() {
        return reported;
    }

    /** Reports a problem of a value; a rule with one is not built. */
    private void report(Node at, String message, String hint) {
        reported++;
        problems.at(at, message, hint);
    }

    private void iface(Map<String, Node> m, String key, boolean output, List<Match> matches) {
        if (!m.containsKey(key)) {
            return;
        }
        Node at = m.get(key);
        String s = yaml.scalar(at, "\"" + key + "\"");
        if (s == null) {
            return;
        }
        if (s.isEmpty() || s.length() > 15 || !s.matches("[^\\s/\"*]+\\*?")) {
            report(at, "\"" + s + "\" is not an interface name",
                    "1 to 15 characters without spaces, '/' or '\"'; a trailing * matches any suffix (eth*)");
            return;
        }
        matches.add(output ? Match.outInterface(s) : Match.inInterface(s));
    }

    private InetPrefix prefix(Node at, String key) {
        String s = yaml.scalar(at, "\"" + key + "\"");
        if (s == null) {
            return null;
        }
        InetPrefix p;
        try {
            p = InetPrefix.parse(s);
        } catch (IllegalArgumentException e) {
            report(at, "bad \"" + key + "\": " + e.getMessage(),
                    "write an address or a network, e.g. 10.0.0.0/8, 192.0.2.7 or fd00::/64");
            return null;
        }
        if (!p.network().equals(p)) {
            report(at, "\"" + key + "\" " + s + " has host bits set", "write the network: " + p.network()
                    + ", or the address alone");
            return null;
        }
        return p;
    }

    private String protocol(Node at) {
        String s = yaml.scalar(at, "\"proto\"");
        if (s == null) {
            return null;
        }
        if (PROTOCOLS.contains(s)) {
            return s;
        }
        if (s.matches("\\d{1,3}") && Integer.parseInt(s) <= 255) {
            return s;
        }
        report(at, "unknown protocol \"" + s + "\"", NearestWord.hint(s, Set.copyOf(PROTOCOLS))
                + ", or a number from 0 to 255");
        return null;
    }

    private static boolean isList(Node n) {
        return n instanceof SequenceNode;
    }

    private List<PortRange> ports(Node at, String key) {
        List<Node> items = at instanceof SequenceNode s ? s.getValue() : List.of(at);
        if (items.isEmpty()) {
            report(at, "\"" + key + "\" is an empty list", "give at least one port, or remove \"" + key + "\"");
            return null;
        }
        List<PortRange> out = new ArrayList<>();
        for (Node item : items) {
            String s = yaml.scalar(item, "a port of \"" + key + "\"");
            if (s == null) {
                return null;
            }
            Matcher pm = PORT.matcher(s.strip());
            if (!pm.matches()) {
                report(item, "\"" + s + "\" is not a port", "write a port (80), a range (8000-8080) or a list"
                        + " of them ([22, 8000-8080])");
                return null;
            }
            int first = Integer.parseInt(pm.group(1));
            int last = pm.group(2) == null ? first : Integer.parseInt(pm.group(2));
            if (first < 1 || first > 65535 || last < 1 || last > 65535) {
                report(item, "port " + s + " is out of range", "ports go from 1 to 65535");
                return null;
            }
            if (first > last) {
                report(item, "port range " + s + " runs backwards", "write it low to high: " + last + "-" + first);
                return null;
            }
            out.add(new PortRange(first, last));
        }
        return out;
    }

    private Set<ConnState> states(Node at) {
        List<Node> items = at instanceof SequenceNode s ? s.getValue() : List.of(at);
        if (items.isEmpty()) {
            report(at, "\"ct\" is an empty list", "give states, e.g. [established, related]");
            return null;
        }
        Set<String> words = new LinkedHashSet<>();
        for (ConnState c : ConnState.values()) {
            words.add(c.keyword());
        }
        Set<ConnState> out = EnumSet.noneOf(ConnState.class);
        for (Node item : items) {
            String s = yaml.scalar(item, "a state of \"ct\"");
            if (s == null) {
                return null;
            }
            if (!words.contains(s)) {
                report(item, "unknown connection state \"" + s + "\"", NearestWord.hint(s, words));
                return null;
            }
            out.add(ConnState.of(s));
        }
        return out;
    }

    private Verdict verdict(Node rule, Map<String, Node> m) {
        if (!m.containsKey("action")) {
            report(rule, "a rule of chain \"" + chain + "\" has no \"action\"",
                    "add one of " + String.join(", ", ACTIONS));
            return null;
        }
        Node at = m.get("action");
        String action = yaml.scalar(at, "\"action\"");
        if (action == null) {
            return null;
        }
        if (!ACTIONS.contains(action)) {
            report(at, "unknown action \"" + action + "\"", NearestWord.hint(action, Set.copyOf(ACTIONS)));
            return null;
        }
        boolean jumping = action.equals("jump") || action.equals("goto");
        Node targetAt = m.get("target");
        if (!jumping) {
            if (targetAt != null) {
                report(targetAt, "\"target\" with action " + action, "only jump and goto have a target");
                return null;
            }
            return switch (action) {
                case "accept" -> Verdict.ACCEPT;
                case "drop" -> Verdict.DROP;
                case "return" -> Verdict.RETURN;
                default -> Verdict.Reject.DEFAULT;
            };
        }
        if (targetAt == null) {
            report(at, "action " + action + " needs a \"target\"", "name a regular chain of the table, e.g."
                    + " {action: " + action + ", target: audit}");
            return null;
        }
        String target = yaml.scalar(targetAt, "\"target\"");
        if (target == null) {
            return null;
        }
        if (!chains.contains(target)) {
            Set<String> regular = new HashSet<>(chains);
            regular.removeAll(TypedFirewallParser.HOOKS);
            report(targetAt, "chain \"" + target + "\" does not exist", regular.isEmpty()
                    ? "declare it under \"chains\" (a name other than input, forward, output)"
                    : NearestWord.hint(target, regular));
            return null;
        }
        if (TypedFirewallParser.HOOKS.contains(target)) {
            report(targetAt, "cannot " + action + " to base chain \"" + target + "\"",
                    "jump and goto go to regular chains: declare one under another name");
            return null;
        }
        jumps.add(new ChainJump(target, targetAt));
        return action.equals("jump") ? new Verdict.Jump(target) : new Verdict.Goto(target);
    }
}
