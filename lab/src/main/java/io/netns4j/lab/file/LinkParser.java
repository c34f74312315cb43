package io.netns4j.lab.file;

import io.netns4j.lab.model.Defaults;
import io.netns4j.lab.model.Endpoint;
import io.netns4j.lab.model.Impairment;
import io.netns4j.lab.model.TopologyLink;
import io.netns4j.qdisc.TcUnits;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InterfaceNames;
import io.netns4j.types.MacAddress;
import org.snakeyaml.engine.v2.nodes.Node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code links} and checks each endpoint on its own; {@link LinkChecker} checks them together. */
final class LinkParser {
    static final Set<String> LINK_KEYS = Set.of("endpoints", "bridge", "members", "mtu");
    static final Set<String> ENDPOINT_KEYS = Set.of("endpoint", "addresses", "mtu", "mac", "impair");
    /** The keys of {@code impair}, in the order their words are read (each value holds netem's words after the key). */
    static final List<String> IMPAIR_ORDER = List.of("delay", "jitter", "distribution", "loss", "duplicate", "reorder",
            "gap", "corrupt", "rate", "limit", "seed");
    static final Set<String> IMPAIR_KEYS = Set.copyOf(concat(IMPAIR_ORDER, "engine"));
    private static final Map<String, String> LINK_UNSUPPORTED = Map.of(
            "vars", "links have no variables", "labels", "links have no labels",
            "type", "every lab link is a veth pair; other link types are not supported yet");
    private static final Map<String, String> IMPAIR_UNSUPPORTED = Map.of(
            "slot", "netem slots are not supported yet", "ecn", "netem's ecn marking is not supported yet");

    private final TopologyParser p;
    private final Map<String, Integer> bridgePorts = new HashMap<>();

    LinkParser(TopologyParser parser) {
        this.p = parser;
    }

    List<TopologyLink> links(Node n, Defaults defaults) {
        List<TopologyLink> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        List<Node> items = p.yaml.sequence(n, "\"links\"");
        for (Node item : items == null ? List.<Node>of() : items) {
            Map<String, Node> m = p.yaml.mapping(item, "a link", LINK_KEYS, LINK_UNSUPPORTED);
            if (m == null) {
                continue;
            }
            Integer mtu = m.containsKey("mtu") ? p.yaml.integer(m.get("mtu"), "\"mtu\"", 68, 65535) : defaults.mtu();
            if (m.containsKey("endpoints") && (m.containsKey("bridge") || m.containsKey("members"))) {
                p.problems.at(item, "a link has \"endpoints\" or \"bridge\" with \"members\", not both",
                        "split it into two links");
            } else if (m.containsKey("endpoints")) {
                List<Node> ends = p.yaml.sequence(m.get("endpoints"), "\"endpoints\"");
                if (ends != null && ends.size() != 2) {
                    p.problems.at(m.get("endpoints"), "a link has exactly 2 endpoints, this one has " + ends.size(),
                            "to join more than two nodes, use a bridge node with \"members\"");
                } else if (ends != null) {
                    Endpoint a = endpoint(ends.get(0), mtu);
                    Endpoint b = endpoint(ends.get(1), mtu);
                    if (a != null && b != null) {
                        TopologyLink l = new TopologyLink(a, b);
                        p.where.put(l, item);
                        out.add(l);
                    }
                }
            } else if (m.containsKey("bridge") && m.containsKey("members")) {
                String bridge = p.yaml.scalar(m.get("bridge"), "\"bridge\"");
                List<Node> members = p.yaml.sequence(m.get("members"), "\"members\"");
                if (bridge != null && members != null) {
                    for (Node member : members) {
                        Endpoint a = endpoint(member, mtu);
                        if (a != null) {
                            int port = bridgePorts.merge(bridge, 1, Integer::sum);
                            Endpoint b = new Endpoint(bridge, "p" + port, List.of(), mtu, null, null);
                            p.where.put(b, m.get("bridge"));
                            TopologyLink l = new TopologyLink(a, b);
                            p.where.put(l, member);
                            out.add(l);
                        }
                    }
                }
            } else {
                p.problems.at(item, "a link needs \"endpoints\" (two \"node:interface\") or \"bridge\" with \"members\"",
                        "e.g. endpoints: [\"a:eth1\", \"b:eth1\"]");
            }
        }
        return out;
    }

    private Endpoint endpoint(Node n, Integer linkMtu) {
        Map<String, Node> m;
        Node at;
        if (n instanceof org.snakeyaml.engine.v2.nodes.ScalarNode) {
            m = Map.of();
            at = n;
        } else {
            m = p.yaml.mapping(n, "an endpoint", ENDPOINT_KEYS, Map.of());
            if (m == null) {
                return null;
            }
            at = m.get("endpoint");
            if (at == null) {
                p.problems.at(n, "an endpoint written as a mapping needs \"endpoint: NODE:INTERFACE\"", null);
                return null;
            }
        }
        String text = p.yaml.scalar(at, "an endpoint");
        if (text == null) {
            return null;
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1 || text.indexOf(':', colon + 1) >= 0) {
            p.problems.at(at, "endpoint \"" + text + "\" is not NODE:INTERFACE", "write e.g. \"a:eth1\"");
            return null;
        }
        String iface = text.substring(colon + 1);
        try {
            InterfaceNames.check(iface);
        } catch (IllegalArgumentException e) {
            p.problems.at(at, "endpoint \"" + text + "\": " + e.getMessage(), "interface names have at most 15 bytes");
            return null;
        }
        List<InetPrefix> addresses = new ArrayList<>();
        if (m.containsKey("addresses")) {
            Node list = m.get("addresses");
            List<Node> items = list instanceof org.snakeyaml.engine.v2.nodes.ScalarNode ? List.of(list)
                    : p.yaml.sequence(list, "\"addresses\"");
            for (Node item : items == null ? List.<Node>of() : items) {
                InetPrefix a = p.prefix(item, "address");
                if (a != null) {
                    String[] refused = HostAddress.refusal(a);
                    if (refused != null) {
                        p.problems.at(item, refused[0], refused[1]);
                    } else {
                        p.where.put(a, item);
                        addresses.add(a);
                    }
                }
            }
        }
        Integer mtu = m.containsKey("mtu") ? p.yaml.integer(m.get("mtu"), "\"mtu\"", 68, 65535) : linkMtu;
        MacAddress mac = m.containsKey("mac") ? mac(m.get("mac")) : null;
        Impairment impair = m.containsKey("impair") ? impairment(m.get("impair")) : Impairment.NONE;
        Endpoint e = new Endpoint(text.substring(0, colon), iface, addresses, mtu, mac, impair);
        p.where.put(e, at);
        return e;
    }

    private MacAddress mac(Node n) {
        String s = p.yaml.scalar(n, "\"mac\"");
        if (s == null) {
            return null;
        }
        try {
            MacAddress mac = MacAddress.parse(s);
            if (mac.bytes().length != 6) {
                throw new IllegalArgumentException("\"" + s + "\" has " + mac.bytes().length + " bytes, not 6");
            }
            if ((mac.bytes()[0] & 1) != 0) {
                throw new IllegalArgumentException("\"" + s + "\" is a multicast address");
            }
            return mac;
        } catch (IllegalArgumentException e) {
            p.problems.at(n, "bad mac: " + e.getMessage(), "give a unicast address, e.g. 02:00:00:00:00:01");
            return null;
        }
    }

    private Impairment impairment(Node n) {
        Map<String, Node> m = p.yaml.mapping(n, "\"impair\"", IMPAIR_KEYS, IMPAIR_UNSUPPORTED);
        if (m == null) {
            return Impairment.NONE;
        }
        List<String> words = new ArrayList<>();
        for (String key : concat(IMPAIR_ORDER, "engine")) {
            Node v = m.get(key);
            String s = v == null ? null : p.yaml.scalar(v, "\"" + key + "\"");
            if (s != null) {
                words.add(key);
                words.addAll(List.of(s.trim().split("\\s+")));
            }
        }
        try {
            return words.isEmpty() ? Impairment.NONE : Impairment.parse(words);
        } catch (IllegalArgumentException e) {
            p.problems.at(culprit(m, n, e.getMessage()), e.getMessage(), "each key takes netem's words after it, e.g."
                    + " delay: 50ms 10ms, loss: 1% 25%, engine: userspace");
            return Impairment.NONE;
        }
    }

    /** The value the message is about ({@code bad rate: ...}, {@code "jitter" without ...}), else the mapping. */
    private static Node culprit(Map<String, Node> m, Node mapping, String message) {
        for (String key : concat(IMPAIR_ORDER, "engine")) {
            if (m.containsKey(key) && (message.startsWith("bad " + key + ":") || message.startsWith("\"" + key + "\"")
                    || message.startsWith(key + " "))) {
                return m.get(key);
            }
        }
        return message.contains("is not an engine") && m.containsKey("engine") ? m.get("engine") : mapping;
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }

    private <T> T value(Map<String, Node> m, String key, java.util.function.Function<String, T> parse) {
        Node n = m.get(key);
        if (n == null) {
            return null;
        }
        String s = p.yaml.scalar(n, "\"" + key + "\"");
        if (s == null) {
            return null;
        }
        try {
            return parse.apply(s);
        } catch (IllegalArgumentException e) {
            p.problems.at(n, "bad " + key + ": " + e.getMessage(), null);
            return null;
        }
    }
}
