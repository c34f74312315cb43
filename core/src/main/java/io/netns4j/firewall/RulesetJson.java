package io.netns4j.firewall;


import io.netns4j.internal.json.JsonReader;
import io.netns4j.internal.json.JsonWriter;
import io.netns4j.types.InetPrefix;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads libnftables' JSON listing ({@code nft -j list ruleset}, schema version 1) into the
 * typed model, keeping each rule's handle on the side. Expressions without a typed kind
 * become {@link Match.Raw} nft text when they are plain comparisons, else
 * {@link Match.Unsupported}.
 */
public final class RulesetJson {
    private static final Set<String> PORT_PROTOCOLS = Set.of("tcp", "udp", "sctp", "dccp", "udplite");
    private static final Set<String> VERDICTS =
            Set.of("accept", "drop", "return", "jump", "goto", "reject", "log", "masquerade", "snat", "dnat");

    private RulesetJson() {
    }

    /**
     * A chain by family, table and name.
     *
     * @param family the table's family
     * @param table  the table's name
     * @param chain  the chain's name
     */
    public record ChainKey(Family family, String table, String chain) {
    }

    /**
     * A parsed listing: the model and the kernel's handle of every rule, in order.
     *
     * @param ruleset the tables read
     * @param handles each chain's rule handles ({@code nft -a}), in rule order
     */
    public record Listing(Ruleset ruleset, Map<ChainKey, List<Long>> handles) {
        /**
         * The handles of the rules of one chain, in order.
         *
         * @param family the table's family
         * @param table the table's name
         * @param chain the chain's name
         * @return the handles, empty for an unknown chain
         */
        public List<Long> handles(Family family, String table, String chain) {
            return handles.getOrDefault(new ChainKey(family, table, chain), List.of());
        }
    }

    private static final class TableParts {
        final Family family;
        final String name;
        final Map<String, ChainParts> chains = new LinkedHashMap<>();
        final List<String> unsupported = new ArrayList<>();

        TableParts(Family family, String name) {
            this.family = family;
            this.name = name;
        }
    }

    private static final class ChainParts {
        final String name;
        final Hook hook;
        final List<Rule> rules = new ArrayList<>();
        final List<Long> handles = new ArrayList<>();

        ChainParts(String name, Hook hook) {
            this.name = name;
            this.hook = hook;
        }
    }

    /** Parses the text libnftables printed for a {@code list} command with JSON output. */
    static Listing parse(String json) {
        Map<String, Object> root = map(JsonReader.parse(json));
        Map<String, TableParts> tables = new LinkedHashMap<>();
        for (Object item : list(root.get("nftables"))) {
            Map<String, Object> entry = map(item);
            if (entry.size() != 1) {
                throw new IllegalArgumentException("Unexpected entry in nftables JSON: " + JsonWriter.write(entry));
            }
            String kind = entry.keySet().iterator().next();
            if (kind.equals("metainfo")) {
                continue;
            }
            Map<String, Object> body = map(entry.get(kind));
            Family family = Family.of(string(body.get("family")));
            String tableName = string(kind.equals("table") ? body.get("name") : body.get("table"));
            TableParts t = tables.computeIfAbsent(family + " " + tableName, k -> new TableParts(family, tableName));
            switch (kind) {
                case "table" -> { }
                case "chain" -> {
                    String name = string(body.get("name"));
                    t.chains.put(name, new ChainParts(name, hook(body)));
                }
                case "rule" -> {
                    String chainName = string(body.get("chain"));
                    ChainParts c = t.chains.computeIfAbsent(chainName, n -> new ChainParts(n, null));
                    c.rules.add(rule(family, body));
                    c.handles.add(body.get("handle") instanceof Long h ? h : -1L);
                }
                default -> t.unsupported.add(JsonWriter.write(entry));
            }
        }
        List<Table> out = new ArrayList<>();
        Map<ChainKey, List<Long>> handles = new LinkedHashMap<>();
        for (TableParts t : tables.values()) {
            List<Chain> chains = new ArrayList<>();
            for (ChainParts c : t.chains.values()) {
                chains.add(new Chain(c.name, c.hook, c.rules));
                handles.put(new ChainKey(t.family, t.name, c.name), List.copyOf(c.handles));
            }
            out.add(new Table(t.family, t.name, chains, t.unsupported));
        }
        return new Listing(new Ruleset(out), handles);
    }

    private static Hook hook(Map<String, Object> chain) {
        if (!chain.containsKey("hook")) {
            return null;
        }
        long prio = chain.get("prio") instanceof Long p ? p : 0;
        Policy policy = chain.get("policy") instanceof String p ? Policy.of(p) : Policy.ACCEPT;
        return new Hook(string(chain.get("type")), string(chain.get("hook")), (int) prio, policy,
                chain.get("dev") instanceof String d ? d : null);
    }

    /** One {@code rule} object: its {@code expr} list and {@code comment}. */
    static Rule rule(Family family, Map<String, Object> body) {
        List<Object> exprs = list(body.get("expr"));
        List<Match> matches = new ArrayList<>();
        Verdict verdict = Verdict.NONE;
        for (int i = 0; i < exprs.size(); i++) {
            Map<String, Object> e = map(exprs.get(i));
            if (e.size() != 1) {
                throw new IllegalArgumentException("An expression in nftables JSON has " + e.size() + " keys, not one");
            }
            String kind = e.keySet().iterator().next();
            boolean last = i == exprs.size() - 1;
            Verdict v = VERDICTS.contains(kind) ? verdict(family, kind, e.get(kind)) : null;
            if (v != null && last) {
                verdict = v;
            } else if (v != null) {
                matches.add(new Match.Raw(v.toNft()));
            } else {
                matches.add(statement(kind, e));
            }
        }
        String comment = body.get("comment") instanceof String c ? c : null;
        return new Rule(matches, verdict, comment);
    }

    private static int prefixLength(Object len) {
        if (!(len instanceof Long l) || l < 0 || l > 128) {
            throw new IllegalArgumentException("Bad prefix length in nftables JSON: " + len);
        }
        return (int) (long) l;
    }

    private static Match statement(String kind, Map<String, Object> e) {
        Object body = e.get(kind);
        try {
            switch (kind) {
                case "match" -> {
                    return match(map(body));
                }
                case "counter" -> {
                    if (body instanceof Map<?, ?> c && c.get("packets") instanceof Long p && c.get("bytes") instanceof Long b) {
                        return new Match.Counter(p, b);
                    }
                }
                case "limit" -> {
                    if (body instanceof Map<?, ?> l && l.get("rate") instanceof Long rate && !l.containsKey("inv")
                            && (!l.containsKey("rate_unit") || "packets".equals(l.get("rate_unit")))) {
                        long burst = l.get("burst") instanceof Long b ? b : 5;
                        return new Match.Limit(rate, string(l.get("per")), (int) burst);
                    }
                }
                case "continue" -> {
                    return new Match.Raw("continue");
                }
                default -> {
                }
            }
        } catch (IllegalArgumentException | ClassCastException notTyped) {
            // kept below as JSON
        }
        return new Match.Unsupported(JsonWriter.write(e));
    }

    private static Match match(Map<String, Object> m) {
        String op = string(m.get("op"));
        Object right = m.get("right");
        boolean negated = op.equals("!=");
        boolean equality = negated || op.equals("==");
        try {
            Match typed = typedMatch(map(m.get("left")), op, equality, negated, right);
            if (typed != null) {
                return typed;
            }
        } catch (IllegalArgumentException | ClassCastException notTyped) {
            // falls back to text
        }
        String text = NftExpressionText.match(m);
        return text != null ? new Match.Raw(text) : new Match.Unsupported(JsonWriter.write(Map.of("match", m)));
    }

    private static Match typedMatch(Map<String, Object> left, String op, boolean equality, boolean negated,
                                    Object right) {
        if (left.get("meta") instanceof Map<?, ?> meta && equality) {
            Object key = meta.get("key");
            if (("iifname".equals(key) || "oifname".equals(key)) && right instanceof String name) {
                return new Match.Iface("oifname".equals(key), name, negated);
            }
            if ("mark".equals(key) && meta.size() == 1 && right instanceof Long v) {
                return new Mark(v, Mark.ALL, negated);
            }
            if ("l4proto".equals(key) && (right instanceof String || right instanceof Long)) {
                return new Match.Protocol(right.toString(), negated);
            }
        }
        if (left.get("&") instanceof List<?> and && and.size() == 2 && and.getFirst() instanceof Map<?, ?> l
                && l.size() == 1 && l.get("meta") instanceof Map<?, ?> meta && meta.size() == 1
                && "mark".equals(meta.get("key")) && and.get(1) instanceof Long mask && right instanceof Long v
                && equality) {
            return new Mark(v, mask, negated); // meta mark & 0x000000ff == 0x00000001
        }
        TcpFlags flags = tcpFlags(left, op, right);
        if (flags != null) {
            return flags;
        }
        if (left.get("payload") instanceof Map<?, ?> p && p.size() == 2 && equality) {
            String proto = string(p.get("protocol"));
            String field = string(p.get("field"));
            if ((proto.equals("ip") || proto.equals("ip6")) && (field.equals("saddr") || field.equals("daddr"))) {
                InetPrefix prefix = right instanceof Map<?, ?> pm && pm.get("prefix") instanceof Map<?, ?> px
                        ? new InetPrefix(InetPrefix.parseAddress(string(px.get("addr"))), prefixLength(px.get("len")))
                        : InetPrefix.parse(string(right));
                if (prefix.isIpv6() != proto.equals("ip6")) {
                    return null;
                }
                return new Match.Address(field.equals("daddr"), prefix, negated);
            }
            if (PORT_PROTOCOLS.contains(proto) && (field.equals("sport") || field.equals("dport"))) {
                boolean set = right instanceof Map<?, ?> s && s.containsKey("set");
                List<PortRange> ports = new ArrayList<>();
                if (set) {
                    Object elements = ((Map<?, ?>) right).get("set");
                    for (Object el : elements instanceof List<?> l ? l : List.of(elements)) {
                        ports.add(port(el));
                    }
                } else {
                    ports.add(port(right));
                }
                return new Match.Port(proto, field.equals("dport"), ports, set, negated);
            }
        }
        if (left.get("ct") instanceof Map<?, ?> ct && "state".equals(ct.get("key")) && ct.size() == 1) {
            boolean positive = op.equals("in") || op.equals("==");
            if (!positive && !negated) {
                return null;
            }
            Object values = right instanceof Map<?, ?> s && s.size() == 1 && s.containsKey("set") ? s.get("set") : right;
            if (values instanceof Map<?, ?>) {
                return null; // e.g. {"|": [...]}: a bitwise test, not "one of"
            }
            if (values == null) {
                throw new IllegalArgumentException("ct state compared with null in nftables JSON");
            }
            Set<ConnState> states = EnumSet.noneOf(ConnState.class);
            for (Object s : values instanceof List<?> l ? l : List.of(values)) {
                states.add(ConnState.of(string(s)));
            }
            return new Match.CtState(states, negated);
        }
        return null;
    }

    /**
     * {@code tcp flags & (a | b) == c} (nft prints {@code tcp flags c / a,b}), and the two forms
     * nft prints for a zero value: {@code tcp flags ! a,b} (== 0) and {@code tcp flags a,b} (!= 0).
     */
    private static TcpFlags tcpFlags(Map<String, Object> left, String op, Object right) {
        if (left.get("&") instanceof List<?> and && and.size() == 2 && and.getFirst() instanceof Map<?, ?> l
                && isTcpFlags(l) && (op.equals("==") || op.equals("!="))) {
            return new TcpFlags(flagWords(and.get(1)), flagWords(right), op.equals("!="));
        }
        if (isTcpFlags(left) && (op.equals("!") || op.equals("in")) && !(right instanceof Map<?, ?>)) {
            return new TcpFlags(flagWords(right), Set.of(), op.equals("in"));
        }
        return null;
    }

    private static boolean isTcpFlags(Map<?, ?> expression) {
        return expression.size() == 1 && expression.get("payload") instanceof Map<?, ?> p
                && "tcp".equals(p.get("protocol")) && "flags".equals(p.get("field")) && p.size() == 2;
    }

    private static Set<TcpFlag> flagWords(Object v) {
        if (v instanceof Long bits && bits >= 0 && bits <= 0xff) {
            return TcpFlag.fromBits(bits.intValue());
        }
        Set<TcpFlag> out = EnumSet.noneOf(TcpFlag.class);
        for (Object w : v instanceof List<?> l ? l : List.of(v)) {
            out.add(TcpFlag.of(string(w)));
        }
        return out;
    }

    private static PortRange port(Object v) {
        if (v instanceof Long p) {
            return PortRange.of(p.intValue());
        }
        if (v instanceof Map<?, ?> m && m.get("range") instanceof List<?> r && r.size() == 2) {
            return new PortRange(((Long) r.get(0)).intValue(), ((Long) r.get(1)).intValue());
        }
        throw new IllegalArgumentException("not a port: " + v);
    }

    private static Verdict verdict(Family family, String kind, Object body) {
        try {
            return switch (kind) {
                case "accept" -> Verdict.ACCEPT;
                case "drop" -> Verdict.DROP;
                case "return" -> Verdict.RETURN;
                case "jump" -> new Verdict.Jump(string(map(body).get("target")));
                case "goto" -> new Verdict.Goto(string(map(body).get("target")));
                case "reject" -> reject(family, body);
                case "log" -> log(body);
                case "masquerade" -> body == null ? new Verdict.Masquerade() : null;
                default -> nat(kind.equals("snat"), map(body));
            };
        } catch (IllegalArgumentException | ClassCastException notTyped) {
            return null;
        }
    }

    private static Verdict reject(Family family, Object body) {
        if (body == null) {
            return Verdict.Reject.DEFAULT;
        }
        Map<String, Object> r = map(body);
        String type = string(r.get("type"));
        if (type.equals("tcp reset")) {
            return Verdict.Reject.TCP_RESET;
        }
        String code = string(r.get("expr"));
        String familyDefault = switch (family) {
            case IP -> "icmp";
            case IP6 -> "icmpv6";
            default -> "icmpx";
        };
        if (code.equals("port-unreachable") && type.equals(familyDefault)) {
            return Verdict.Reject.DEFAULT;
        }
        return new Verdict.Reject(type, code);
    }

    private static Verdict log(Object body) {
        if (body == null) {
            return new Verdict.Log(null, null);
        }
        Map<String, Object> l = map(body);
        for (String key : l.keySet()) {
            if (!key.equals("prefix") && !key.equals("level")) {
                return null; // group, snaplen, flags: not modelled
            }
        }
        return new Verdict.Log(l.get("prefix") instanceof String p ? p : null,
                l.get("level") instanceof String v ? v : null);
    }

    private static Verdict nat(boolean source, Map<String, Object> n) {
        for (String key : n.keySet()) {
            if (!key.equals("addr") && !key.equals("port")) {
                return null; // family, flags: not modelled
            }
        }
        Object addr = n.get("addr");
        String address = addr instanceof Map<?, ?> m && m.get("range") instanceof List<?> r
                ? string(r.get(0)) + "-" + string(r.get(1)) : string(addr);
        PortRange ports = n.containsKey("port") ? port(n.get("port")) : null;
        return new Verdict.Nat(source, address, ports);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("expected a JSON object, found " + JsonWriter.write(o));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new IllegalArgumentException("expected a JSON array, found " + JsonWriter.write(o));
    }

    static String string(Object o) {
        if (o instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("expected a JSON string, found " + JsonWriter.write(o));
    }
}
