package io.netns4j.lab.file;

import io.netns4j.firewall.Chain;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Hook;
import io.netns4j.firewall.Policy;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.Table;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a node's typed firewall, {@code firewall.rules}, into one nftables table of family
 * {@code inet} (IPv4 and IPv6): chains {@code input}, {@code forward} and {@code output} are base
 * filter chains at that hook ({@code type filter hook HOOK priority 0; policy P;}), any other
 * name a regular chain that rules {@code jump} or {@code goto}. Each rule is a mapping of
 * matches and an action, turned into the library's {@link Rule} by {@link TypedRuleParser}; every
 * mistake is reported to {@link Problems} at its place in the file. This class reads the table
 * and its chains, and refuses loops of jumps between them.
 */
final class TypedFirewallParser {
    static final String DEFAULT_TABLE = "lab";
    static final Set<String> TABLE_KEYS = Set.of("table", "chains");
    static final List<String> HOOKS = List.of("input", "forward", "output");
    static final Set<String> CHAIN_KEYS = Set.of("policy", "rules");
    /** Hooks a filter chain of the typed form cannot have: an nft script can. */
    private static final List<String> OTHER_HOOKS = List.of("prerouting", "postrouting", "ingress", "egress");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final Problems problems;
    private final Yaml yaml;

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
        Map<String, List<TypedRuleParser.ChainJump>> jumps = new LinkedHashMap<>();
        List<Chain> out = new ArrayList<>();
        for (Map.Entry<String, Node> e : chains.entrySet()) {
            if (!keys.containsKey(e.getKey())) {
                continue;
            }
            List<TypedRuleParser.ChainJump> from = new ArrayList<>();
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

    private Chain chain(String name, Node n, Set<String> names, List<TypedRuleParser.ChainJump> jumps) {
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
                TypedRuleParser rulesOf = new TypedRuleParser(problems, yaml, name, names, jumps);
                for (Node item : items) {
                    Rule r = rulesOf.rule(item);
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

    /** The kernel refuses a loop of jumps ({@code ELOOP}); found here with its place. */
    private boolean noLoops(Map<String, List<TypedRuleParser.ChainJump>> jumps) {
        for (String start : jumps.keySet()) {
            List<String> path = new ArrayList<>();
            TypedRuleParser.ChainJump loop = findLoop(start, start, jumps, path, new HashSet<>());
            if (loop != null) {
                report(loop.at(), "chains jump in a loop: " + start + " -> " + String.join(" -> ", path),
                        "a chain must not jump, directly or through others, back to itself");
                return false;
            }
        }
        return true;
    }

    private static TypedRuleParser.ChainJump findLoop(String start, String from, Map<String, List<TypedRuleParser.ChainJump>> jumps, List<String> path,
                                 Set<String> seen) {
        if (!seen.add(from)) {
            return null;
        }
        for (TypedRuleParser.ChainJump j : jumps.getOrDefault(from, List.of())) {
            path.add(j.target());
            if (j.target().equals(start)) {
                return j;
            }
            TypedRuleParser.ChainJump found = findLoop(start, j.target(), jumps, path, seen);
            if (found != null) {
                return found;
            }
            path.removeLast();
        }
        return null;
    }

    private void report(Node at, String message, String hint) {
        problems.at(at, message, hint);
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
