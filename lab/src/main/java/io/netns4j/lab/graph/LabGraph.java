package io.netns4j.lab.graph;

import io.netns4j.lab.model.Endpoint;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.model.TopologyLink;
import io.netns4j.lab.model.TopologyNode;
import io.netns4j.types.InetPrefix;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A lab drawn as a graph ({@code netns4j lab graph NAME|FILE [--format dot|mermaid|text]}):
 * one vertex per node, one edge per link, each end of an edge labelled with its interface,
 * its addresses and, when it has one, its impairment in {@code tc netem} words. Shapes follow
 * the node's kind: a box for a router, an ellipse (Mermaid: a stadium) for a host, a hexagon
 * for a bridge. Edges with an impaired end are dashed.
 *
 * <p>Pure functions of the {@link Topology}: no system call, and the same topology always
 * gives the same text (nodes and links in file order, addresses in endpoint order). Render
 * the DOT text with Graphviz ({@code dot -Tsvg lab.dot > lab.svg}); paste the Mermaid text
 * into a Markdown {@code ```mermaid} block.
 *
 * <p>Names that cannot come from a checked file are refused with {@link IllegalArgumentException}:
 * a link end on a node the topology does not have, and names holding control characters.
 */
public final class LabGraph {
    private LabGraph() {
    }

    /** The text forms of a graph. */
    public enum Format {
        /** Graphviz DOT: {@code graph "LAB" { ... }}. */
        DOT,
        /** A Mermaid flowchart: {@code graph LR ...}. */
        MERMAID,
        /** A plain adjacency listing: each node and, under it, each interface with its far end. */
        TEXT;

        /**
         * The word used on the command line ({@code lab graph --format WORD}).
         *
         * @return {@code dot}, {@code mermaid} or {@code text}
         */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The format named {@code word}.
         *
         * @param word {@code dot}, {@code mermaid} or {@code text}
         * @return the format
         * @throws IllegalArgumentException for an unknown word, naming the known ones
         */
        public static Format of(String word) {
            for (Format f : values()) {
                if (f.word().equals(word)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown graph format \"" + word + "\" (known: dot, mermaid, text)");
        }
    }

    /**
     * {@code t} in format {@code f}: {@code netns4j lab graph --format F FILE}.
     *
     * @param t the lab
     * @param f the format
     * @return the graph's text
     */
    public static String render(Topology t, Format f) {
        return switch (f) {
            case DOT -> dot(t);
            case MERMAID -> mermaid(t);
            case TEXT -> text(t);
        };
    }

    /**
     * Graphviz DOT: {@code graph "LAB" { "a" [shape=box]; "a" -- "b" [taillabel="eth1\n10.0.0.1/30", ...]; }}.
     * Every identifier is quoted ({@code "}, {@code \} escaped), so names with {@code .} or
     * {@code -}, and names that are DOT keywords ({@code node}, {@code edge}), are safe. The
     * tail label belongs to the link's first endpoint, the head label to its second.
     *
     * @param t the lab
     * @return the DOT text ({@code dot -Tsvg} renders it)
     */
    public static String dot(Topology t) {
        check(t);
        StringBuilder sb = new StringBuilder();
        sb.append("graph ").append(dotQuote(t.name())).append(" {\n");
        sb.append("  label=").append(dotQuote("lab " + t.name())).append(";\n");
        sb.append("  labelloc=t;\n");
        sb.append("  node [fontname=\"Helvetica\"];\n");
        sb.append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
        for (TopologyNode n : t.nodes()) {
            sb.append("  ").append(dotQuote(n.name())).append(" [shape=").append(switch (n.kind()) {
                case ROUTER -> "box";
                case HOST -> "ellipse";
                case BRIDGE -> "hexagon";
            }).append(", tooltip=").append(dotQuote(n.kind().word() + ", namespace " + t.namespace(n.name())))
                    .append("];\n");
        }
        for (TopologyLink l : t.links()) {
            sb.append("  ").append(dotQuote(l.a().node())).append(" -- ").append(dotQuote(l.b().node()))
                    .append(" [taillabel=").append(dotQuote(String.join("\n", endLines(l.a()))))
                    .append(", headlabel=").append(dotQuote(String.join("\n", endLines(l.b()))));
            if (impaired(l)) {
                sb.append(", style=dashed");
            }
            sb.append("];\n");
        }
        return sb.append("}\n").toString();
    }

    /**
     * A Mermaid flowchart: {@code graph LR}, then {@code n_a["a"]} per node (a rectangle for a
     * router, {@code (["..."])} for a host, {@code {{"..."}}} for a bridge) and
     * {@code n_a ---|"a:eth1 10.0.0.1/30<br>b:eth1 10.0.0.2/30"| n_b} per link. Ids are the node
     * names with every character other than letters, digits and {@code _} replaced by
     * {@code _}, after {@code n_} (so no id is a Mermaid keyword such as {@code end}); a clash
     * gets {@code _2}, {@code _3}, ... in node order. Labels are quoted, with {@code " # < > & | `}
     * written as entity codes ({@code #34;}). Edges with an impaired end get a dashed
     * {@code linkStyle}.
     *
     * @param t the lab
     * @return the Mermaid text
     */
    public static String mermaid(Topology t) {
        check(t);
        Map<String, String> ids = mermaidIds(t);
        StringBuilder sb = new StringBuilder("graph LR\n");
        sb.append("  %% lab ").append(t.name()).append(": node N is namespace ").append(t.namespace("N")).append('\n');
        for (TopologyNode n : t.nodes()) {
            String label = "\"" + mermaidText(n.name()) + "\"";
            sb.append("  ").append(ids.get(n.name())).append(switch (n.kind()) {
                case ROUTER -> "[" + label + "]";
                case HOST -> "([" + label + "])";
                case BRIDGE -> "{{" + label + "}}";
            }).append('\n');
        }
        List<Integer> dashed = new ArrayList<>();
        for (int i = 0; i < t.links().size(); i++) {
            TopologyLink l = t.links().get(i);
            sb.append("  ").append(ids.get(l.a().node())).append(" ---|\"").append(mermaidEnd(l.a())).append("<br>")
                    .append(mermaidEnd(l.b())).append("\"| ").append(ids.get(l.b().node())).append('\n');
            if (impaired(l)) {
                dashed.add(i);
            }
        }
        for (int i : dashed) {
            sb.append("  linkStyle ").append(i).append(" stroke-dasharray: 5 5\n");
        }
        return sb.toString();
    }

    /**
     * A plain adjacency listing: a line per node ({@code NAME (KIND, namespace NS)}), then one
     * line per interface on it, in link order: {@code IF ADDRESSES [netem WORDS] -- NODE:IF ADDRESSES}.
     *
     * @param t the lab
     * @return the listing
     */
    public static String text(Topology t) {
        check(t);
        StringBuilder sb = new StringBuilder();
        sb.append("lab ").append(t.name()).append(": ").append(t.nodes().size()).append(" nodes, ")
                .append(t.links().size()).append(" links\n");
        for (TopologyNode n : t.nodes()) {
            sb.append(n.name()).append(" (").append(n.kind().word()).append(", namespace ")
                    .append(t.namespace(n.name())).append(")\n");
            boolean any = false;
            for (TopologyLink l : t.links()) {
                for (int side = 0; side < 2; side++) {
                    Endpoint here = side == 0 ? l.a() : l.b();
                    Endpoint there = side == 0 ? l.b() : l.a();
                    if (here.node().equals(n.name())) {
                        sb.append("  ").append(String.join(" ", endLines(here))).append(" -- ").append(there.node())
                                .append(':').append(String.join(" ", endLines(there))).append('\n');
                        any = true;
                    }
                }
            }
            if (!any) {
                sb.append("  (no links)\n");
            }
        }
        return sb.toString();
    }

    /** Interface name, each address, and {@code netem WORDS} when the end is impaired. */
    private static List<String> endLines(Endpoint e) {
        List<String> lines = new ArrayList<>();
        lines.add(e.iface());
        for (InetPrefix p : e.addresses()) {
            lines.add(p.toString());
        }
        if (!e.impairment().isNone()) {
            lines.add("netem " + String.join(" ", e.impairment().tcWords()));
        }
        return lines;
    }

    private static boolean impaired(TopologyLink l) {
        return !l.a().impairment().isNone() || !l.b().impairment().isNone();
    }

    /** {@code NODE:IF ADDRESSES [netem WORDS]}, escaped for a Mermaid label. */
    private static String mermaidEnd(Endpoint e) {
        return mermaidText(e.node() + ":" + String.join(" ", endLines(e)));
    }

    /** A DOT quoted string: {@code \} and {@code "} escaped, a line break written {@code \n}. */
    static String dotQuote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** Text for inside a quoted Mermaid label: characters Mermaid or its HTML labels read, as entity codes. */
    static String mermaidText(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"', '#', '<', '>', '&', '|', '`' -> sb.append('#').append((int) c).append(';');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Node name to a Mermaid id that is unique, keyword-free and made of letters, digits and {@code _}. */
    static Map<String, String> mermaidIds(Topology t) {
        Map<String, String> ids = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (TopologyNode n : t.nodes()) {
            String base = "n_" + n.name().replaceAll("[^A-Za-z0-9_]", "_");
            String id = base;
            for (int k = 2; !used.add(id); k++) {
                id = base + "_" + k;
            }
            ids.put(n.name(), id);
        }
        return ids;
    }

    /** A topology made in code may name nodes it lacks or hold control characters; a checked file never does. */
    private static void check(Topology t) {
        noControl("lab name", t.name());
        Set<String> names = new HashSet<>();
        for (TopologyNode n : t.nodes()) {
            noControl("node name", n.name());
            if (!names.add(n.name())) {
                throw new IllegalArgumentException("node \"" + n.name() + "\" appears twice in lab \"" + t.name()
                        + "\" (give each node its own name)");
            }
        }
        for (TopologyLink l : t.links()) {
            for (Endpoint e : List.of(l.a(), l.b())) {
                noControl("interface name", e.iface());
                if (!names.contains(e.node())) {
                    throw new IllegalArgumentException("link " + l + " names node \"" + e.node() + "\", which lab \""
                            + t.name() + "\" does not have (add it to the nodes, or read the topology with"
                            + " TopologyFile.read, which checks this)");
                }
            }
        }
    }

    private static void noControl(String what, String s) {
        if (s.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " \"" + s.replaceAll("\\p{Cntrl}", "?")
                    + "\" holds a control character (names use letters, digits, _, . and -)");
        }
    }
}
