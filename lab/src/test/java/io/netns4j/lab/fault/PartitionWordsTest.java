package io.netns4j.lab.fault;

import io.netns4j.lab.file.TopologyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.netns4j.lab.fault.PartitionTest.cuts;
import static io.netns4j.lab.fault.PartitionTest.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI words of {@code lab partition}, valid and invalid. No root. */
class PartitionWordsTest {
    private static final List<String> FIVE = List.of("a", "b", "c", "d", "e");
    /** A lab with three hosts, a router and a switch. */
    private static final PartitionNodes MIXED = new PartitionNodes(List.of("h1", "h2", "h3"), List.of("r1"),
            List.of("sw"));

    private static Partition parse(String... words) {
        return PartitionWords.parse(Arrays.asList(words), FIVE);
    }

    private static String error(PartitionNodes nodes, String... words) {
        return assertThrows(IllegalArgumentException.class, () -> PartitionWords.parse(Arrays.asList(words), nodes))
                .getMessage();
    }

    private static String error(String... words) {
        return error(PartitionNodes.of(FIVE), words);
    }

    // ---- valid ----

    @Test
    void groupsInAnySpacing() {
        Partition want = cuts("a-c", "b-c");
        assertEquals(want, parse("a,b", "/", "c"));
        assertEquals(want, parse("a,b/c"));
        assertEquals(want, parse("a,b/", "c"));
        assertEquals(want, parse("a,", "b", "/c"));
        assertEquals(want, parse("a", "b", "/", "c"));
        assertEquals(want, parse("a, b / c"));
    }

    @Test
    void threeGroups() {
        assertEquals(Partition.groups(List.of(set("a"), set("b", "c"), set("d")), false), parse("a", "/", "b,c", "/",
                "d"));
    }

    @Test
    void oneWayAnywhereInTheLine() {
        Partition want = cuts("a>c");
        assertEquals(want, parse("a", "/", "c", "--oneway"));
        assertEquals(want, parse("--oneway", "a/c"));
        assertEquals(want, parse("a/c", "--one-way"));
        assertEquals(cuts("a>c", "b>c"), parse("a,b", "/", "c", "--oneway"));
    }

    @Test
    void schemesOverTheLabsNodes() {
        assertEquals(Partition.isolate("b", FIVE), parse("isolate", "b"));
        assertEquals(Partition.halves(FIVE), parse("halves"));
        assertEquals(Partition.majority(FIVE), parse("majority"));
        assertEquals(Partition.ring(FIVE), parse("ring"));
        assertEquals(Partition.bridge(FIVE), parse("bridge"));
    }

    @Test
    void schemesOverAnExplicitListInItsOrder() {
        assertEquals(Partition.halves(List.of("e", "d", "c", "b")), parse("halves", "e,d,c,b"));
        assertEquals(Partition.ring(List.of("a", "b", "c")), parse("ring", "a", "b", "c"));
        assertEquals(Partition.bridge(List.of("c", "a", "e")), parse("bridge", "c, a,", "e"));
        assertEquals(Partition.majority(List.of("a", "b", "c", "d")), parse("majority", "a,b,c,d"));
        assertEquals(cuts("b-a", "b-c"), parse("isolate", "b", "a,b,c"));
        assertEquals(cuts("b-a", "b-c"), parse("isolate", "b", "a,c"), "the isolated node joins the list");
    }

    @Test
    void aNodeNamedLikeASchemeWorksInGroups() {
        Partition p = PartitionWords.parse(List.of("ring", "/", "halves"), List.of("ring", "halves"));
        assertEquals(cuts("ring-halves"), p);
    }

    @Test
    void routersTakePartOnlyWhenNamed() {
        assertEquals(Partition.halves(List.of("h1", "h2", "h3")), PartitionWords.parse(List.of("halves"), MIXED));
        assertEquals(Partition.isolate("r1", List.of("r1", "h1", "h2", "h3")),
                PartitionWords.parse(List.of("isolate", "r1"), MIXED));
        assertEquals(Partition.ring(List.of("h1", "h2", "r1", "h3")),
                PartitionWords.parse(List.of("ring", "h1,h2,r1,h3"), MIXED));
        assertEquals(cuts("h1-r1"), PartitionWords.parse(List.of("h1/r1"), MIXED));
    }

    // ---- invalid ----

    @Test
    void nothingGiven() {
        assertTrue(error().startsWith("Missing partition: write groups (a,b / c [--oneway]) or one of: isolate NODE"));
        assertTrue(error(" ").startsWith("Missing partition"));
        assertTrue(error("--oneway").startsWith("Missing partition"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            hlaves          | Unknown partition "hlaves" (did you mean "halves"?
            rign            | Unknown partition "rign" (did you mean "ring"?
            split           | Unknown partition "split" (known: bridge, halves, isolate, majority, ring): write groups
            a               | "a" is one group: a partition needs at least two, separated by / (e.g. a / OTHER_NODES), or "isolate a"
            a b             | "a b" is one group
            a /             | Group 2 of "a /" is empty: each side of a / needs at least one node
            /a              | Group 1 of "/a" is empty
            a//b            | Group 2 of "a//b" is empty
            a,,b/c          | Empty node name in "a,,b" (group 1): separate node names with one comma
            a,/c            | Empty node name in "a," (group 1)
            a,b/b           | Node "b" is in group 1 and group 2 of "a,b/b": a node belongs to one side only
            a,a/b           | Node "a" is listed twice in group 1 of "a,a/b": list it once
            x/a             | Unknown node "x" (known: a, b, c, d, e): name nodes of the lab
            aa/b            | Unknown node "aa" (did you mean "a"?
            isolate         | "isolate" needs the node to cut off: isolate NODE [NODES] (e.g. isolate a)
            isolate x       | Unknown node "x"
            halves ring     | "ring" is a scheme, not a node: put the scheme first (ring [NODES])
            halves a        | "halves" needs at least 2 nodes, got 1 (a): name more nodes
            ring a,b        | "ring" needs at least 3 nodes, got 2 (a, b): name more nodes, or cut 2 nodes with "a / b"
            bridge a b      | "bridge" needs at least 3 nodes, got 2
            majority a,b,a  | Node "a" is listed twice for "majority": list each node once
            halves --oneway | --oneway works with groups only, not with "halves": write the groups instead, e.g. a / b,c --oneway
            a/b --force     | Unknown option "--force" for a partition: the only option is --oneway
            """)
    void mistakesNameTheProblemAndTheFix(String line, String expected) {
        String message = error(line.split(" "));
        assertTrue(message.startsWith(expected), message);
    }

    @Test
    void bridgeNodesCannotBeNamed() {
        String m = error(MIXED, "sw/h1");
        assertTrue(m.startsWith("Node \"sw\" has no addresses (bridge nodes have none") && m.contains("(h1, h2, h3, r1)"),
                m);
        assertTrue(error(MIXED, "halves", "h1,sw").startsWith("Node \"sw\" has no addresses"));
    }

    @Test
    void tooFewHostsNamesTheRoutersThatCouldBeAdded() {
        PartitionNodes two = new PartitionNodes(List.of("h1", "h2"), List.of("r1"), List.of("sw"));
        assertEquals("\"ring\" needs at least 3 nodes, and the lab has 2 hosts (h1, h2): routers (r1) take part only"
                + " when named, e.g. ring h1,h2,r1", error(two, "ring"));
        assertEquals("\"bridge\" needs at least 3 nodes, and the lab has 2 hosts (h1, h2): partition a lab with more"
                + " hosts", error(PartitionNodes.of(List.of("h1", "h2")), "bridge"));
        assertTrue(error(PartitionNodes.of(List.of()), "x/y").contains("no node that can be partitioned"));
    }

    @Test
    void aSingleBridgeNodeIsNotTakenForAGroup() {
        assertTrue(error(MIXED, "sw").startsWith("\"sw\" is one group"));
    }

    @Test
    void rolesFromTopologyFiles() throws Exception {
        assertEquals(new PartitionNodes(List.of("db1", "db2", "db3"), List.of(), List.of("sw")),
                PartitionNodes.of(TopologyFile.read(Path.of("examples", "database-partition", "lab.yaml"))));
        assertEquals(new PartitionNodes(List.of("client", "server"), List.of("router"), List.of()),
                PartitionNodes.of(TopologyFile.read(Path.of("examples", "router-firewall", "lab.yaml"))));
        PartitionNodes fabric = PartitionNodes.of(TopologyFile.read(Path.of("examples", "leaf-spine", "lab.yaml")));
        assertEquals(8, fabric.hosts().size());
        assertEquals(List.of("spine1", "spine2", "leaf1", "leaf2", "leaf3", "leaf4"), fabric.routers());
        assertEquals(Partition.halves(List.of("db1", "db2", "db3")), PartitionWords.parse(List.of("halves"),
                PartitionNodes.of(TopologyFile.read(Path.of("examples", "database-partition", "lab.yaml")))));
    }
}
