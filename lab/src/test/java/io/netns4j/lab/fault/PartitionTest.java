package io.netns4j.lab.fault;

import io.netns4j.lab.fault.Partition.Cut;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every scheme of {@link Partition} on 3, 4 and 5 nodes, cut by cut, and what each refuses. No root. */
public class PartitionTest {
    private static final List<String> N3 = List.of("a", "b", "c");
    private static final List<String> N4 = List.of("a", "b", "c", "d");
    private static final List<String> N5 = List.of("a", "b", "c", "d", "e");

    /** "a-c" is a two-way cut, "a>c" a one-way cut from a to c. */
    static Partition cuts(String... specs) {
        List<Cut> out = new ArrayList<>();
        for (String s : specs) {
            if (s.contains("-")) {
                String[] p = s.split("-");
                out.add(new Cut(p[0], p[1]));
                out.add(new Cut(p[1], p[0]));
            } else {
                String[] p = s.split(">");
                out.add(new Cut(p[0], p[1]));
            }
        }
        return Partition.of(out);
    }

    public static Set<String> set(String... nodes) {
        return new LinkedHashSet<>(List.of(nodes));
    }

    /** Whom {@code node} sees (receives from), itself included. */
    static Set<String> sees(Partition p, String node, List<String> nodes) {
        Set<String> out = new HashSet<>();
        for (String n : nodes) {
            if (!p.blocks(n, node)) {
                out.add(n);
            }
        }
        return out;
    }

    // ---- groups ----

    @Test
    void groupsCutBothWaysBetweenGroupsOnly() {
        Partition p = Partition.groups(List.of(set("a", "b"), set("c")), false);
        assertEquals(cuts("a-c", "b-c"), p);
        assertTrue(p.blocks("a", "c") && p.blocks("c", "a"));
        assertFalse(p.blocks("a", "b"));
        assertEquals(List.of("a", "c", "b"), p.nodes());
        assertEquals(Set.of("a", "b"), p.dropsAt("c"));
        assertEquals("c <-/-> a, c <-/-> b", p.describe());
        assertEquals(p.describe(), Partition.groups(List.of(set("c"), set("a", "b")), false).describe());
    }

    /** lab partition a / b c prints the cuts as it makes them; lab show as it reads them back: one line. */
    @Test
    void oneSetOfCutsIsDescribedOneWayWhateverTheirOrder() {
        Partition made = Partition.groups(List.of(set("a"), set("b", "c")), false);
        Partition readBack = Partition.of(List.of(new Partition.Cut("b", "a"), new Partition.Cut("c", "a"),
                new Partition.Cut("a", "b"), new Partition.Cut("a", "c")));
        assertEquals("a <-/-> b, a <-/-> c", made.describe());
        assertEquals(made.describe(), readBack.describe());
        Partition halves = Partition.groups(List.of(set("b", "a"), set("d", "c")), false);
        assertEquals("a <-/-> c, a <-/-> d, b <-/-> c, b <-/-> d", halves.describe());
        Partition mixed = Partition.of(List.of(new Partition.Cut("c", "a"), new Partition.Cut("b", "a"),
                new Partition.Cut("a", "b")));
        assertEquals("a <-/-> b, c -/-> a", mixed.describe());
    }

    @Test
    void oneWayGroupsCutOnlyFromEarlierToLater() {
        Partition p = Partition.groups(List.of(set("a"), set("b"), set("c")), true);
        assertEquals(cuts("a>b", "a>c", "b>c"), p);
        assertEquals("a -/-> b, a -/-> c, b -/-> c", p.describe());
        assertTrue(p.dropsAt("a").isEmpty());
    }

    @Test
    void groupsLeaveUnnamedNodesAlone() {
        Partition p = Partition.groups(List.of(set("a"), set("c")), false);
        assertEquals(cuts("a-c"), p);
        assertFalse(p.nodes().contains("b"));
    }

    @Test
    void groupsRefuseFewerThanTwoEmptyGroupsAndNodesInTwoGroups() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Partition.groups(List.of(set("a", "b")), false))
                .getMessage().contains("at least 2 groups"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Partition.groups(List.of(set("a"), set()), false))
                .getMessage().contains("Group 2 of the partition is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Partition.groups(List.of(set("a", "b"),
                set("b")), false)).getMessage().contains("\"b\" is in two groups"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Partition.groups(List.of(set("a"), set(" ")),
                false)).getMessage().contains("empty"));
    }

    @Test
    void aCutNeedsTwoDifferentNodes() {
        assertThrows(IllegalArgumentException.class, () -> new Cut("a", "a"));
        assertThrows(IllegalArgumentException.class, () -> new Cut("", "a"));
        assertThrows(IllegalArgumentException.class, () -> new Cut("a", null));
    }

    @Test
    void noneIsEmptyAndEqualityIgnoresOrder() {
        assertTrue(Partition.none().isEmpty());
        assertEquals("none", Partition.none().describe());
        assertEquals(Partition.of(List.of(new Cut("a", "b"), new Cut("b", "a"))),
                Partition.of(List.of(new Cut("b", "a"), new Cut("a", "b"), new Cut("a", "b"))));
        assertEquals(Partition.none(), Partition.of(List.of()));
    }

    // ---- isolate ----

    @Test
    void isolateOnThreeFourFive() {
        assertEquals(cuts("a-b", "a-c"), Partition.isolate("a", N3));
        assertEquals(cuts("c-a", "c-b", "c-d"), Partition.isolate("c", N4));
        assertEquals(cuts("e-a", "e-b", "e-c", "e-d"), Partition.isolate("e", N5));
        assertEquals(cuts("a-b"), Partition.isolate("b", List.of("a", "b")));
    }

    @Test
    void isolateRefusesANodeOutsideTheListAndShortLists() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Partition.isolate("x", N3)).getMessage()
                .contains("\"x\": it is not one of the nodes (a, b, c)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Partition.isolate("a", List.of("a")))
                .getMessage().contains("\"isolate\" needs at least 2 nodes, got 1"));
    }

    // ---- halves and majority ----

    @Test
    void halvesOnThreeFourFive() {
        assertEquals(cuts("a-c", "b-c"), Partition.halves(N3));
        assertEquals(cuts("a-c", "a-d", "b-c", "b-d"), Partition.halves(N4));
        assertEquals(cuts("a-d", "a-e", "b-d", "b-e", "c-d", "c-e"), Partition.halves(N5));
        assertEquals(cuts("a-b"), Partition.halves(List.of("a", "b")));
    }

    @Test
    void majorityOnThreeFourFive() {
        assertEquals(cuts("a-c", "b-c"), Partition.majority(N3));
        assertEquals(cuts("a-d", "b-d", "c-d"), Partition.majority(N4));
        assertEquals(cuts("a-d", "a-e", "b-d", "b-e", "c-d", "c-e"), Partition.majority(N5));
    }

    @Test
    void majorityDiffersFromHalvesForEvenCountsOnly() {
        for (int n = 3; n <= 9; n++) {
            List<String> nodes = names(n);
            assertEquals(n % 2 == 1, Partition.majority(nodes).equals(Partition.halves(nodes)), "n=" + n);
            // majority: some node still sees a strict majority; halves of an even count: nobody does
            int best = nodes.stream().mapToInt(x -> sees(Partition.majority(nodes), x, nodes).size()).max().orElse(0);
            assertTrue(best > n / 2, "n=" + n);
            int bestHalves = nodes.stream().mapToInt(x -> sees(Partition.halves(nodes), x, nodes).size()).max()
                    .orElse(0);
            assertEquals(n % 2 == 1, bestHalves > n / 2, "n=" + n);
        }
    }

    @Test
    void halvesAndMajorityRefuseShortListsAndDuplicates() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Partition.halves(List.of("a"))).getMessage()
                .contains("\"halves\" needs at least 2 nodes"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Partition.majority(List.of("a", "b")));
        assertTrue(e.getMessage().contains("\"majority\" needs at least 3 nodes, got 2 (a, b)")
                && e.getMessage().contains("a / b"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Partition.halves(List.of("a", "b", "a")))
                .getMessage().contains("\"a\" is listed twice"));
    }

    // ---- ring ----

    @Test
    void ringOfThreeIsOneWay() {
        Partition p = Partition.ring(N3);
        assertEquals(cuts("b>a", "c>b", "a>c"), p);
        assertEquals(Set.of("a", "c"), sees(p, "a", N3));
        assertEquals(Set.of("b", "a"), sees(p, "b", N3));
        assertEquals(Set.of("c", "b"), sees(p, "c", N3));
    }

    @Test
    void ringOfFourCutsTheDiagonals() {
        assertEquals(cuts("a-c", "b-d"), Partition.ring(N4));
    }

    @Test
    void ringOfFiveCutsEachNodeFromTheTwoOppositeIt() {
        Partition p = Partition.ring(N5);
        assertEquals(cuts("a-c", "a-d", "b-d", "b-e", "c-e"), p);
        assertEquals(Set.of("e", "a", "b"), sees(p, "a", N5));
        assertEquals(Set.of("b", "c", "d"), sees(p, "c", N5));
    }

    @Test
    void ringRefusesFewerThanThree() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Partition.ring(List.of("a", "b"))).getMessage()
                .contains("\"ring\" needs at least 3 nodes"));
    }

    /** Jepsen's promise, for every size: each node sees a majority, no two see the same one; two-way from 4 on. */
    @Property
    void ringEveryNodeSeesADifferentMajority(@ForAll @IntRange(min = 3, max = 40) int n) {
        List<String> nodes = names(n);
        Partition p = Partition.ring(nodes);
        Set<Set<String>> views = new HashSet<>();
        for (String x : nodes) {
            Set<String> v = sees(p, x, nodes);
            assertTrue(v.contains(x) && v.size() > n / 2, "n=" + n + " " + x + " sees " + v);
            assertTrue(views.add(v), "n=" + n + ": two nodes see " + v);
        }
        assertFalse(p.isEmpty());
        if (n >= 4) {
            for (Cut c : p.cuts()) {
                assertTrue(p.blocks(c.to(), c.from()), "n=" + n + ": one-way " + c);
            }
        }
    }

    // ---- bridge ----

    @Test
    void bridgeOnThreeFourFive() {
        assertEquals(cuts("a-c"), Partition.bridge(N3));
        assertEquals(cuts("a-d", "b-d"), Partition.bridge(N4));
        Partition p = Partition.bridge(N5);
        assertEquals(cuts("a-d", "a-e", "b-d", "b-e"), p);
        assertEquals(Set.copyOf(N5), sees(p, "c", N5));
        assertTrue(N5.stream().allMatch(x -> sees(p, x, N5).contains("c")), "everyone sees the bridge");
    }

    @Test
    void bridgeRefusesFewerThanThree() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Partition.bridge(List.of("a", "b")))
                .getMessage().contains("\"bridge\" needs at least 3 nodes"));
    }

    @Test
    void schemesAreDeterministicAndFollowTheGivenOrder() {
        List<Function<List<String>, Partition>> schemes = List.of(Partition::halves, Partition::majority,
                Partition::ring, Partition::bridge);
        for (Function<List<String>, Partition> s : schemes) {
            assertEquals(s.apply(N5), s.apply(N5));
            assertEquals(s.apply(N5).cuts(), s.apply(N5).cuts());
        }
        assertEquals(cuts("e-b", "e-a", "d-b", "d-a"), Partition.bridge(List.of("e", "d", "c", "b", "a")));
    }

    static List<String> names(int n) {
        return IntStream.range(0, n).mapToObj(i -> "n" + i).toList();
    }
}
