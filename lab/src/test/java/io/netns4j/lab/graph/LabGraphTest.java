package io.netns4j.lab.graph;

import io.netns4j.lab.file.TopologyFile;
import io.netns4j.lab.model.Defaults;
import io.netns4j.lab.model.Endpoint;
import io.netns4j.lab.model.FirewallSpec;
import io.netns4j.lab.model.Impairment;
import io.netns4j.lab.model.NodeKind;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.model.TopologyLink;
import io.netns4j.lab.model.TopologyNode;
import io.netns4j.types.InetPrefix;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LabGraph}: exact text for a small lab, escaping of odd names (read back with a DOT
 * string reader and a Mermaid line grammar), and every shipped example; Graphviz's {@code dot}
 * checks the DOT text when it is installed. No root.
 */
class LabGraphTest {
    static final String SMALL = """
            name: g.lab-1
            defaults:
              pools:
                ipv4: 10.9.0.0/16
            nodes:
              r1:
                kind: router
              web-1.a: {}
              db: {}
              sw:
                kind: bridge
            links:
              - endpoints:
                  - {endpoint: "r1:eth1", addresses: [10.1.0.1/24, "fd00:1::1/64"]}
                  - {endpoint: "web-1.a:eth0", addresses: [10.1.0.2/24, "fd00:1::2/64"], impair: {delay: 20ms, loss: 1%}}
              - bridge: sw
                members: [r1:eth2, db:eth0]
            """;

    /** A quoted DOT string; group 1 is its escaped contents. */
    private static final Pattern DOT_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final String MERMAID_ID = "n_[A-Za-z0-9_]+";
    private static final String MERMAID_LABEL = "\"(?:[^\"|<>`]|<br>)*\"";
    private static final Pattern MERMAID_NODE = Pattern.compile("  (" + MERMAID_ID + ")(?:\\[" + MERMAID_LABEL
            + "]|\\(\\[" + MERMAID_LABEL + "]\\)|\\{\\{" + MERMAID_LABEL + "}})");
    private static final Pattern MERMAID_EDGE = Pattern.compile("  (" + MERMAID_ID + ") ---\\|" + MERMAID_LABEL
            + "\\| (" + MERMAID_ID + ")");
    private static final Pattern MERMAID_OTHER = Pattern.compile("graph LR|  %% [^\\n]*|  linkStyle [0-9]+ stroke-dasharray: 5 5");

    private static Topology small() throws Exception {
        return TopologyFile.parse("small.yaml", SMALL);
    }

    @Test
    void dotOfASmallLab() throws Exception {
        assertEquals("""
                graph "g.lab-1" {
                  label="lab g.lab-1";
                  labelloc=t;
                  node [fontname="Helvetica"];
                  edge [fontname="Helvetica", fontsize=10];
                  "r1" [shape=box, tooltip="router, namespace g.lab-1-r1"];
                  "web-1.a" [shape=ellipse, tooltip="host, namespace g.lab-1-web-1.a"];
                  "db" [shape=ellipse, tooltip="host, namespace g.lab-1-db"];
                  "sw" [shape=hexagon, tooltip="bridge, namespace g.lab-1-sw"];
                  "r1" -- "web-1.a" [taillabel="eth1\\n10.1.0.1/24\\nfd00:1::1/64", \
                headlabel="eth0\\n10.1.0.2/24\\nfd00:1::2/64\\nnetem delay 20ms loss 1%", style=dashed];
                  "r1" -- "sw" [taillabel="eth2\\n10.9.0.1/24", headlabel="p1"];
                  "db" -- "sw" [taillabel="eth0\\n10.9.0.2/24", headlabel="p2"];
                }
                """, LabGraph.dot(small()));
    }

    @Test
    void mermaidOfASmallLab() throws Exception {
        assertEquals("""
                graph LR
                  %% lab g.lab-1: node N is namespace g.lab-1-N
                  n_r1["r1"]
                  n_web_1_a(["web-1.a"])
                  n_db(["db"])
                  n_sw{{"sw"}}
                  n_r1 ---|"r1:eth1 10.1.0.1/24 fd00:1::1/64<br>\
                web-1.a:eth0 10.1.0.2/24 fd00:1::2/64 netem delay 20ms loss 1%"| n_web_1_a
                  n_r1 ---|"r1:eth2 10.9.0.1/24<br>sw:p1"| n_sw
                  n_db ---|"db:eth0 10.9.0.2/24<br>sw:p2"| n_sw
                  linkStyle 0 stroke-dasharray: 5 5
                """, LabGraph.mermaid(small()));
    }

    @Test
    void textOfASmallLab() throws Exception {
        assertEquals("""
                lab g.lab-1: 4 nodes, 3 links
                r1 (router, namespace g.lab-1-r1)
                  eth1 10.1.0.1/24 fd00:1::1/64 -- web-1.a:eth0 10.1.0.2/24 fd00:1::2/64 netem delay 20ms loss 1%
                  eth2 10.9.0.1/24 -- sw:p1
                web-1.a (host, namespace g.lab-1-web-1.a)
                  eth0 10.1.0.2/24 fd00:1::2/64 netem delay 20ms loss 1% -- r1:eth1 10.1.0.1/24 fd00:1::1/64
                db (host, namespace g.lab-1-db)
                  eth0 10.9.0.2/24 -- sw:p2
                sw (bridge, namespace g.lab-1-sw)
                  p1 -- r1:eth2 10.9.0.1/24
                  p2 -- db:eth0 10.9.0.2/24
                """, LabGraph.text(small()));
    }

    @Test
    void renderAndFormatWords() throws Exception {
        Topology t = small();
        for (LabGraph.Format f : LabGraph.Format.values()) {
            assertEquals(f, LabGraph.Format.of(f.word()));
        }
        assertEquals(LabGraph.dot(t), LabGraph.render(t, LabGraph.Format.of("dot")));
        assertEquals(LabGraph.mermaid(t), LabGraph.render(t, LabGraph.Format.of("mermaid")));
        assertEquals(LabGraph.text(t), LabGraph.render(t, LabGraph.Format.of("text")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabGraph.Format.of("svg"));
        assertEquals("unknown graph format \"svg\" (known: dot, mermaid, text)", e.getMessage());
    }

    @Test
    void sameTopologySameText() throws Exception {
        assertEquals(LabGraph.dot(small()), LabGraph.dot(small()));
        assertEquals(LabGraph.mermaid(small()), LabGraph.mermaid(small()));
    }

    // Names no checked file allows (quotes, backslashes, '#', '<'), DOT and Mermaid keywords, and
    // three names that Mermaid's character set folds into one id.
    private static final List<String> ODD = List.of("a\"b\\c", "node", "edge", "end", "graph", "x.y", "x-y", "x_y",
            "o<1>#&|`", "ünï");

    private static Topology odd() {
        List<TopologyNode> nodes = new ArrayList<>();
        for (int i = 0; i < ODD.size(); i++) {
            NodeKind kind = NodeKind.values()[i % 3];
            nodes.add(new TopologyNode(ODD.get(i), kind, Map.of(), List.of(), FirewallSpec.NONE, List.of(), Map.of(), List.of()));
        }
        List<TopologyLink> links = new ArrayList<>();
        for (int i = 0; i + 1 < ODD.size(); i++) {
            Impairment imp = i == 2 ? Impairment.parse(List.of("rate", "10mbit", "delay", "5ms")) : null;
            links.add(new TopologyLink(
                    new Endpoint(ODD.get(i), "e\"" + i, List.of(InetPrefix.parse("10.0." + i + ".1/24")), null, null, imp),
                    new Endpoint(ODD.get(i + 1), "f\\" + i, List.of(), null, null, null)));
        }
        return new Topology("odd\"lab", Defaults.NONE, nodes, links);
    }

    @Test
    void dotQuotesEveryIdentifier() {
        String dot = LabGraph.dot(odd());
        assertTrue(dot.startsWith("graph \"odd\\\"lab\" {\n"), dot);
        assertTrue(dot.contains("\n  \"a\\\"b\\\\c\" [shape=ellipse"), dot);
        assertTrue(dot.contains("\n  \"node\" [shape=box"), dot);
        assertTrue(dot.contains("\n  \"edge\" [shape=hexagon"), dot);
        assertTrue(dot.contains("\n  \"a\\\"b\\\\c\" -- \"node\" [taillabel=\"e\\\"0\\n10.0.0.1/24\", headlabel=\"f\\\\0\"];"), dot);
        assertTrue(dot.contains("[taillabel=\"e\\\"2\\n10.0.2.1/24\\nnetem delay 5ms rate 10mbit\""), dot);
        // Read back: each vertex line's first string is a node name, each edge line's first two are its ends.
        List<String> vertices = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        for (String line : dot.lines().toList()) {
            List<String> strings = dotStrings(line);
            if (line.contains(" -- ")) {
                ends.addAll(strings.subList(0, 2));
            } else if (line.contains("[shape=")) {
                vertices.add(strings.getFirst());
            }
        }
        assertEquals(ODD, vertices);
        List<String> expectedEnds = new ArrayList<>();
        for (int i = 0; i + 1 < ODD.size(); i++) {
            expectedEnds.addAll(List.of(ODD.get(i), ODD.get(i + 1)));
        }
        assertEquals(expectedEnds, ends);
    }

    @Test
    void mermaidIdsAreSafeAndDistinct() {
        Topology t = odd();
        assertEquals(List.of("n_a_b_c", "n_node", "n_edge", "n_end", "n_graph", "n_x_y", "n_x_y_2", "n_x_y_3",
                "n_o_1_____", "n__n_"), List.copyOf(LabGraph.mermaidIds(t).values()));
        String m = LabGraph.mermaid(t);
        assertTrue(m.contains("\n  n_a_b_c([\"a#34;b\\c\"])\n"), m);
        assertTrue(m.contains("\n  n_o_1_____{{\"o#60;1#62;#35;#38;#124;#96;\"}}\n"), m);
        assertTrue(m.contains("\n  n_a_b_c ---|\"a#34;b\\c:e#34;0 10.0.0.1/24<br>node:f\\0\"| n_node\n"), m);
        assertTrue(m.contains("\n  linkStyle 2 stroke-dasharray: 5 5\n"), m);
        assertMermaidGrammar(m, t);
    }

    @Test
    void refusesWhatNoCheckedFileHolds() {
        Topology t = odd();
        Topology stray = new Topology("s", Defaults.NONE, t.nodes(), List.of(new TopologyLink(
                new Endpoint("node", "eth0", List.of(), null, null, null),
                new Endpoint("nowhere", "eth0", List.of(), null, null, null))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabGraph.dot(stray));
        assertEquals("link node:eth0 -- nowhere:eth0 names node \"nowhere\", which lab \"s\" does not have (add it to"
                + " the nodes, or read the topology with TopologyFile.read, which checks this)", e.getMessage());
        Topology control = new Topology("c", Defaults.NONE, List.of(new TopologyNode("a\nb", NodeKind.HOST, Map.of(), List.of(),
                FirewallSpec.NONE, List.of(), Map.of(), List.of())), List.of());
        e = assertThrows(IllegalArgumentException.class, () -> LabGraph.mermaid(control));
        assertEquals("node name \"a?b\" holds a control character (names use letters, digits, _, . and -)",
                e.getMessage());
        TopologyNode n = t.nodes().getFirst();
        Topology twice = new Topology("d", Defaults.NONE, List.of(n, n), List.of());
        e = assertThrows(IllegalArgumentException.class, () -> LabGraph.text(twice));
        assertTrue(e.getMessage().startsWith("node \"a\"b\\c\" appears twice"), e.getMessage());
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("examples"))) {
            return dirs.map(d -> d.resolve("lab.yaml")).filter(Files::isRegularFile).sorted().toList().stream();
        }
    }

    @Test
    void thereAreExamples() throws Exception {
        assertTrue(examples().count() >= 4, "examples/*/lab.yaml");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleRenders(Path file) throws Exception {
        Topology t = TopologyFile.read(file);
        String dot = LabGraph.dot(t);
        assertEquals(t.nodes().size(), dot.lines().filter(l -> l.contains("[shape=")).count(), dot);
        assertEquals(t.links().size(), dot.lines().filter(l -> l.contains(" -- ")).count(), dot);
        for (TopologyLink l : t.links()) {
            for (Endpoint e : List.of(l.a(), l.b())) {
                for (InetPrefix p : e.addresses()) {
                    assertTrue(dot.contains(p.toString()), p + " in " + dot);
                }
                if (!e.impairment().isNone()) {
                    assertTrue(dot.contains("netem " + String.join(" ", e.impairment().tcWords())), dot);
                }
            }
        }
        assertMermaidGrammar(LabGraph.mermaid(t), t);
        String text = LabGraph.text(t);
        assertEquals(1 + t.nodes().size() + 2L * t.links().size()
                + t.nodes().stream().filter(n -> t.endpoints(n.name()).isEmpty()).count(), text.lines().count(), text);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void graphvizAcceptsEveryExample(Path file) throws Exception {
        graphvizAccepts(LabGraph.dot(TopologyFile.read(file)));
    }

    @Test
    void graphvizAcceptsOddNames() throws Exception {
        graphvizAccepts(LabGraph.dot(odd()));
    }

    private static void graphvizAccepts(String dot) throws Exception {
        Optional<Path> exe = onPath("dot");
        if (exe.isEmpty()) {
            String reason = "Graphviz's \"dot\" is not installed (Debian package graphviz): DOT text not rendered";
            System.out.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        Process p = new ProcessBuilder(exe.get().toString(), "-Tsvg").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(dot.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "dot -Tsvg ended");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("<svg") && !out.contains("Warning") && !out.contains("Error"), out);
    }

    private static Optional<Path> onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty()).map(d -> Path.of(d, exe))
                .filter(Files::isExecutable).findFirst();
    }

    private static List<String> dotStrings(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = DOT_STRING.matcher(line);
        while (m.find()) {
            out.add(m.group(1).replaceAll("\\\\([\"\\\\])", "$1"));
        }
        return out;
    }

    /** Every line is a node, an edge, a comment or a linkStyle; every node once; one edge per link, in order. */
    private static void assertMermaidGrammar(String m, Topology t) {
        Map<String, String> ids = LabGraph.mermaidIds(t);
        List<String> nodes = new ArrayList<>();
        List<String> edges = new ArrayList<>();
        List<String> lines = m.lines().toList();
        assertEquals("graph LR", lines.getFirst());
        for (String line : lines) {
            Matcher node = MERMAID_NODE.matcher(line);
            Matcher edge = MERMAID_EDGE.matcher(line);
            if (node.matches()) {
                nodes.add(node.group(1));
            } else if (edge.matches()) {
                edges.add(edge.group(1) + " " + edge.group(2));
            } else {
                assertTrue(MERMAID_OTHER.matcher(line).matches(), "not a Mermaid line we write: " + line);
            }
        }
        assertEquals(t.nodes().stream().map(n -> ids.get(n.name())).toList(), nodes);
        assertEquals(t.links().stream().map(l -> ids.get(l.a().node()) + " " + ids.get(l.b().node())).toList(), edges);
    }
}
