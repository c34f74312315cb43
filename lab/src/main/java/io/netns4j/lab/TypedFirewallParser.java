package io.netns4j.lab;

import io.netns4j.firewall.Chain;
import io.netns4j.firewall.ConnState;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Hook;
import io.netns4j.firewall.Match;
import io.netns4j.firewall.Policy;
import io.netns4j.firewall.PortRange;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.Table;
import io.netns4j.firewall.Verdict;
import io.netns4j.types.InetPrefix;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a node's typed firewall, {@code firewall.rules}, into one nftables table of family
 * {@code inet} (IPv4 and IPv6): chains {@code input}, {@code forward} and {@code output} are base
 * filter chains at that hook ({@code type filter hook HOOK priority 0; policy P;}), any other
 * name a regular chain that rules {@code jump} or {@code goto}. Each rule is a mapping of
 * matches and an action, turned into the library's {@link Rule}; every mistake is reported to
 * {@link Problems} at its place in the file.
 */
final class TypedFirewallParser {
    static final String DEFAULT_TABLE = "lab";
    static final Set<String> TABLE_KEYS = Set.of("table", "chains");
    static final Set<String> CHAIN_KEYS = Set.of("policy", "rules");
    static final Set<String> RULE_KEYS = Set.of("iif", "oif", "saddr", "daddr", "proto", "sport", "dport", "ct",
            "action", "target", "comment");
    static final List<String> HOOKS = List.of("input", "forward", "output");
    static final List<String> ACTIONS = List.of("accept", "drop", "reject", "return", "jump", "goto");
    /** The protocols a rule may name; a number from 0 to 255 is taken too. */
    static final List<String> PROTOCOLS = List.of("tcp", "udp", "udplite", "sctp", "dccp", "icmp", "icmpv6",
            "igmp", "gre", "esp", "ah");
    static final List<String> PORT_PROTOCOLS = List.of("tcp", "udp", "sctp", "dccp", "udplite");
    /** Hooks a filter chain of the typed form cannot have: an nft script can. */
    private static final List<String> OTHER_HOOKS = List.of("prerouting", "postrouting", "ingress", "egress");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern PORT = Pattern.compile("(\\d{1,6})(?:-(\\d{1,6}))?");
    private final Problems problems;
    private final Yaml yaml;
    private int reported;

    TypedFirewallParser(Problems problems, Yaml yaml) {
        this.problems = problems;
        this.yaml = yaml;
    }

    /** The table, or null when it has problems (they are reported). */
    Table parse(Node n, String nftScript) {
        if (Yaml.isNull(n)) {
            report(n, "\"rules\" is empty", "give its chains, e.g. \"chains: {forward: {policy: drop, rules:"
                    + " [...]}}\", or remove \"rules\"");
            return null;
        }
        Map<String, Node> m = yaml.mapping(n, "\"rules\"", TABLE_KEYS, Map.of());
        if (m == null) {
            return null;
        }
        String tableName = DEFAULT_TABLE;
        Node tableAt = n;
        if (m.containsKey("table")) {
            tableAt = m.get("table");
            String s = yaml.scalar(tableAt, "\"table\"");
            if (s == null || !name(s, tableAt, "table")) {
                return null;
            }
            if (s.startsWith("netns4j_")) {
                report(tableAt, "table name \"" + s + "\" starts with \"netns4j_\"",
                        "netns4j keeps those tables for partitions and impairments; choose another name");
                return null;
            }
            tableName = s;
        }
        if (nftScript != null && Pattern.compile("(?m)^\\s*(add\\s+|create\\s+)?table\\s+inet\\s+"
                + Pattern.quote(tableName) + "(\\s|\\{|$)").matcher(nftScript).find()) {
            report(tableAt, "the nft script also declares table inet " + tableName
                    + ", which the typed table would replace", "give the typed one another name with \"table:\"");
        }
        Node chainsNode = m.get("chains");
        if (chainsNode == null || Yaml.isNull(chainsNode)
                || chainsNode instanceof MappingNode cm && cm.getValue().isEmpty()) {
            report(chainsNode == null ? n : chainsNode, "\"rules\" has no chains",
                    "add \"chains:\" with input, forward or output (base chains) and any chains they jump to");
            return null;
        }
        Map<String, Node> chains = yaml.namedMapping(chainsNode, "\"chains\"");
        if (chains == null) {
            return null;
        }
        // first the names, so that a jump may name a chain declared after it
        Map<String, Node> keys = new LinkedHashMap<>();
        for (String c : chains.keySet()) {
            Node at = keyNode(chainsNode, c);
            if (!name(c, at, "chain")) {
                continue;
            }
            if (OTHER_HOOKS.contains(c)) {
                report(at, "chain \"" + c + "\" would be a regular chain, not one at the " + c + " hook",
                        "the typed form has filter chains at input, forward and output; write an nft script for "
                                + c);
                continue;
            }
            keys.put(c, at);
        }
        boolean ok = keys.size() == chains.size();
        Map<String, List<Jump>> jumps = new LinkedHashMap<>();
        List<Chain> out = new ArrayList<>();
        for (Map.Entry<String, Node> e : chains.entrySet()) {
            if (!keys.containsKey(e.getKey())) {
                continue;
            }
            List<Jump> from = new ArrayList<>();
            jumps.put(e.getKey(), from);
            Chain c = chain(e.getKey(), e.getValue(), keys.keySet(), from);
            if (c == null) {
                ok = false;
            } else {
                out.add(c);
            }
        }
        if (!ok || !noLoops(jumps)) {
            return null;
        }
        return new Table(Family.INET, tableName, out);
    }

    /** A jump or goto, kept with its place to report a loop. */
    private record Jump(String target, Node at) {
    }

    private Chain chain(String name, Node n, Set<String> names, List<Jump> jumps) {
        boolean base = HOOKS.contains(name);
        Map<String, Node> m = Yaml.isNull(n) ? Map.of()
                : yaml.mapping(n, "chain \"" + name + "\"", CHAIN_KEYS, Map.of());
        if (m == null) {
            return null;
        }
        boolean ok = true;
        Policy policy = Policy.ACCEPT;
        if (m.containsKey("policy")) {
            Node at = m.get("policy");
            String s = yaml.scalar(at, "\"policy\"");
            if (s == null) {
                ok = false;
            } else if (!base) {
                report(at, "\"policy\" on regular chain \"" + name + "\"",
                        "only input, forward and output have one; a regular chain returns to the rule that jumped"
                                + " to it, end it with {action: drop} to drop");
                ok = false;
            } else if (s.equals("accept") || s.equals("drop")) {
                policy = s.equals("drop") ? Policy.DROP : Policy.ACCEPT;
            } else {
                report(at, "unknown policy \"" + s + "\"", "use accept or drop");
                ok = false;
            }
        }
        List<Rule> rules = new ArrayList<>();
        if (m.containsKey("rules") && !Yaml.isNull(m.get("rules"))) {
            List<Node> items = yaml.sequence(m.get("rules"), "\"rules\" of chain \"" + name + "\"");
            if (items == null) {
                ok = false;
            } else {
                for (Node item : items) {
                    Rule r = rule(item, name, names, jumps);
                    if (r == null) {
                        ok = false;
                    } else {
                        rules.add(r);
                    }
                }
            }
        }
        return ok ? new Chain(name, base ? Hook.filter(name, policy) : null, rules) : null;
    }

    private Rule rule(Node n, String chain, Set<String> chains, List<Jump> jumps) {
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
        Verdict verdict = verdict(n, m, chain, chains, jumps);
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
        report(at, "unknown protocol \"" + s + "\"", Yaml.hint(s, Set.copyOf(PROTOCOLS))
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
                report(item, "unknown connection state \"" + s + "\"", Yaml.hint(s, words));
                return null;
            }
            out.add(ConnState.of(s));
        }
        return out;
    }

    private Verdict verdict(Node rule, Map<String, Node> m, String chain, Set<String> chains, List<Jump> jumps) {
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
            report(at, "unknown action \"" + action + "\"", Yaml.hint(action, Set.copyOf(ACTIONS)));
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
            regular.removeAll(HOOKS);
            report(targetAt, "chain \"" + target + "\" does not exist", regular.isEmpty()
                    ? "declare it under \"chains\" (a name other than input, forward, output)"
                    : Yaml.hint(target, regular));
            return null;
        }
        if (HOOKS.contains(target)) {
            report(targetAt, "cannot " + action + " to base chain \"" + target + "\"",
                    "jump and goto go to regular chains: declare one under another name");
            return null;
        }
        jumps.add(new Jump(target, targetAt));
        return action.equals("jump") ? new Verdict.Jump(target) : new Verdict.Goto(target);
    }

    /** The kernel refuses a loop of jumps ({@code ELOOP}); found here with its place. */
    private boolean noLoops(Map<String, List<Jump>> jumps) {
        for (String start : jumps.keySet()) {
            List<String> path = new ArrayList<>();
            Jump loop = findLoop(start, start, jumps, path, new HashSet<>());
            if (loop != null) {
                report(loop.at(), "chains jump in a loop: " + start + " -> " + String.join(" -> ", path),
                        "a chain must not jump, directly or through others, back to itself");
                return false;
            }
        }
        return true;
    }

    private static Jump findLoop(String start, String from, Map<String, List<Jump>> jumps, List<String> path,
                                 Set<String> seen) {
        if (!seen.add(from)) {
            return null;
        }
        for (Jump j : jumps.getOrDefault(from, List.of())) {
            path.add(j.target());
            if (j.target().equals(start)) {
                return j;
            }
            Jump found = findLoop(start, j.target(), jumps, path, seen);
            if (found != null) {
                return found;
            }
            path.removeLast();
        }
        return null;
    }

    private boolean name(String s, Node at, String what) {
        if (!NAME.matcher(s).matches() || s.length() > 255) {
            report(at, "bad " + what + " name \"" + s + "\"",
                    "use letters, digits, '_' and '-', starting with a letter or '_', at most 255 characters");
            return false;
        }
        if (NftKeywords.WORDS.contains(s)) {
            report(at, what + " name \"" + s + "\" is an nft keyword", "choose another name");
            return false;
        }
        return true;
    }

    private static Node keyNode(Node mapping, String key) {
        for (NodeTuple t : ((MappingNode) mapping).getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                return t.getKeyNode();
            }
        }
        return mapping;
    }
}
