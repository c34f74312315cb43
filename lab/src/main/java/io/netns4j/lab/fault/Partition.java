package io.netns4j.lab.fault;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A network partition over a lab's nodes: the set of directed pairs ({@link Cut}s) whose
 * traffic is dropped. {@code Cut(a, c)} means that packets sent by node {@code a} never
 * reach node {@code c}; a two-way cut is the pair of cuts {@code (a, c)} and {@code (c, a)}.
 * Nodes that appear in no cut are not affected. Put one on a running lab with
 * {@code Lab.partition} (which holds the lab's lock around {@link Partitions#apply});
 * {@link PartitionWords} reads the CLI's words.
 *
 * <p>The factories follow Jepsen's nemeses ({@code jepsen.nemesis}), without their random
 * shuffling: the same node list always gives the same partition (use the lab's order, or
 * write the nodes in the order wanted). "{@code X} sees {@code Y}" below means that
 * {@code X} receives what {@code Y} sends. With the 5 nodes {@code a b c d e}:
 *
 * <table>
 * <caption>Schemes on a, b, c, d, e</caption>
 * <tr><th>factory</th><th>result</th></tr>
 * <tr><td>{@code groups([{a,b},{c}], false)}</td><td>{@code a,b / c}: a and b cut from c both ways; d and e untouched</td></tr>
 * <tr><td>{@code groups([{a},{c}], true)}</td><td>{@code a / c --oneway}: c drops what a sends; a still receives from c</td></tr>
 * <tr><td>{@code isolate("c", nodes)}</td><td>{@code c / a,b,d,e}</td></tr>
 * <tr><td>{@code halves(nodes)}</td><td>{@code a,b,c / d,e} (as {@code majority}, sizes differ only for even counts)</td></tr>
 * <tr><td>{@code majority(nodes)}</td><td>{@code a,b,c / d,e}</td></tr>
 * <tr><td>{@code ring(nodes)}</td><td>each node sees its two ring neighbours: a sees e,b; b sees a,c; c sees b,d; d sees c,e; e sees d,a</td></tr>
 * <tr><td>{@code bridge(nodes)}</td><td>{@code a,b / d,e}, with c seeing (and seen by) everyone</td></tr>
 * </table>
 */
public final class Partition {
    /**
     * Traffic sent by node {@code from} is dropped before it reaches node {@code to}.
     *
     * @param from the sending node
     * @param to the receiving node, whose input chain drops it
     */
    public record Cut(String from, String to) {
        /** Checks both node names. */
        public Cut {
            from = nodeName(from);
            to = nodeName(to);
            if (from.equals(to)) {
                throw new IllegalArgumentException("A node cannot be cut from itself (\"" + from + "\")");
            }
        }

        /**
         * {@return the same pair in the other direction}
         */
        public Cut reversed() {
            return new Cut(to, from);
        }

        @Override
        public String toString() {
            return from + " -/-> " + to;
        }
    }

    private static final Partition NONE = new Partition(List.of());

    private final List<Cut> cuts;
    private final Set<Cut> set;

    private Partition(List<Cut> cuts) {
        this.cuts = List.copyOf(cuts);
        this.set = Set.copyOf(cuts);
    }

    /**
     * {@return the partition made of exactly these cuts (duplicates dropped, order kept)}
     *
     * @param cuts the one-way cuts, each a sender and the receiver that drops it
     */
    public static Partition of(Collection<Cut> cuts) {
        return new Partition(new ArrayList<>(new LinkedHashSet<>(cuts)));
    }

    /**
     * No partition: every node sees every other ({@code lab heal}).
     *
     * @return the empty partition
     */
    public static Partition none() {
        return NONE;
    }

    /**
     * Groups of nodes cut from each other ({@code a,b / c}): traffic between two nodes of
     * different groups is dropped in both directions; with {@code oneWay}, only traffic from
     * each earlier group to each later one ({@code a / c --oneway}: c drops what a sends, a
     * still receives from c). Nodes inside one group, and nodes in no group, are not affected.
     *
     * @param groups two or more disjoint, non-empty groups of node names
     * @param oneWay true to cut only from earlier groups to later ones ({@code --oneway})
     * @return the partition
     * @throws IllegalArgumentException fewer than 2 groups, an empty group, a node in two groups
     */
    public static Partition groups(List<Set<String>> groups, boolean oneWay) {
        if (groups.size() < 2) {
            throw new IllegalArgumentException("A partition needs at least 2 groups, got " + groups.size()
                    + ": separate the groups with / (a,b / c)");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            Set<String> g = groups.get(i);
            if (g.isEmpty()) {
                throw new IllegalArgumentException("Group " + (i + 1) + " of the partition is empty: each group needs"
                        + " at least one node");
            }
            for (String n : g) {
                if (!seen.add(nodeName(n))) {
                    throw new IllegalArgumentException("Node \"" + n + "\" is in two groups: a node belongs to one"
                            + " side of a partition only; remove it from all but one group");
                }
            }
        }
        List<Cut> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            for (int j = i + 1; j < groups.size(); j++) {
                for (String a : groups.get(i)) {
                    for (String b : groups.get(j)) {
                        out.add(new Cut(a, b));
                        if (!oneWay) {
                            out.add(new Cut(b, a));
                        }
                    }
                }
            }
        }
        return of(out);
    }

    /**
     * {@code node} alone on one side, the other {@code nodes} on the other, both ways
     * (Jepsen's {@code partition-random-node} without the random choice).
     *
     * @param node the node's name in the lab file
     * @param nodes the lab's nodes, by name
     * @return the partition ({@code lab partition LAB isolate NODE})
     * @throws IllegalArgumentException {@code node} not in {@code nodes}, fewer than 2 nodes
     */
    public static Partition isolate(String node, List<String> nodes) {
        List<String> all = checkNodes("isolate", nodes, 2);
        if (!all.contains(node)) {
            throw new IllegalArgumentException("Cannot isolate \"" + node + "\": it is not one of the nodes ("
                    + String.join(", ", all) + ")");
        }
        List<String> rest = new ArrayList<>(all);
        rest.remove(node);
        return groups(List.of(ordered(List.of(node)), ordered(rest)), false);
    }

    /**
     * Two halves cut from each other both ways: the first {@code ceil(n/2)} nodes and the
     * rest ({@code a,b / c,d} for 4 nodes, {@code a,b,c / d,e} for 5). With an even count
     * neither side holds a majority, so a quorum system must stop everywhere; with an odd
     * count this is {@link #majority}.
     *
     * @param nodes the lab's nodes, by name
     * @return the partition ({@code lab partition LAB halves})
     * @throws IllegalArgumentException fewer than 2 nodes, a node listed twice
     */
    public static Partition halves(List<String> nodes) {
        List<String> all = checkNodes("halves", nodes, 2);
        int first = (all.size() + 1) / 2;
        return groups(List.of(ordered(all.subList(0, first)), ordered(all.subList(first, all.size()))), false);
    }

    /**
     * A majority and a minority cut from each other both ways: the first {@code n/2 + 1}
     * nodes (rounded down) and the rest ({@code a,b / c} for 3, {@code a,b,c / d} for 4,
     * {@code a,b,c / d,e} for 5). Unlike {@link #halves}, one side always keeps a strict
     * majority: for an even count the split is {@code n/2+1 / n/2-1}, not {@code n/2 / n/2}.
     *
     * @param nodes the lab's nodes, by name
     * @return the partition ({@code lab partition LAB majority})
     * @throws IllegalArgumentException fewer than 3 nodes (2 nodes have no minority), a node listed twice
     */
    public static Partition majority(List<String> nodes) {
        List<String> all = checkNodes("majority", nodes, 3);
        int m = all.size() / 2 + 1;
        return groups(List.of(ordered(all.subList(0, m)), ordered(all.subList(m, all.size()))), false);
    }

    /**
     * Majorities ring (Jepsen's {@code majorities-ring}): the nodes in a ring, in list order;
     * every node sees a majority of the nodes, itself included, and no two nodes see the same
     * majority. From 4 nodes on, each node sees its {@code r} nearest ring neighbours on each
     * side, both ways, with the smallest {@code r} for which {@code 2r + 1} is a majority
     * ({@code r = 1} for 4 and 5 nodes, 2 for 6 to 9): 4 nodes {@code a b c d} cut
     * {@code a <-> c} and {@code b <-> d}; 5 nodes cut each node from the two opposite it.
     * With 3 nodes a two-way ring cannot work (any node seeing another both ways would see all
     * three), so the 3-node ring is one-way, as Jepsen's: each node sees only itself and the
     * node before it ({@code a} sees {@code c}, {@code b} sees {@code a}, {@code c} sees
     * {@code b}), i.e. the cuts {@code b -> a}, {@code c -> b}, {@code a -> c}. Every pair then
     * has one direction cut, so no TCP connection works there.
     *
     * @param nodes the lab's nodes, by name
     * @return the partition ({@code lab partition LAB ring})
     * @throws IllegalArgumentException fewer than 3 nodes, a node listed twice
     */
    public static Partition ring(List<String> nodes) {
        List<String> all = checkNodes("ring", nodes, 3);
        int n = all.size();
        List<Cut> out = new ArrayList<>();
        if (n == 3) {
            for (int i = 0; i < n; i++) {
                out.add(new Cut(all.get((i + 1) % n), all.get(i)));
            }
            return of(out);
        }
        int majority = n / 2 + 1;
        int r = majority / 2; // the least r with 2r + 1 >= majority
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int d = Math.abs(i - j);
                if (Math.min(d, n - d) > r) {
                    out.add(new Cut(all.get(j), all.get(i)));
                }
            }
        }
        return of(out);
    }

    /**
     * Two halves cut from each other both ways, with the node in the middle of the list
     * seeing, and seen by, everyone (Jepsen's {@code bridge}): for {@code n} nodes the middle
     * is node {@code n/2} (from 0, rounded down), the halves the nodes before and after it
     * ({@code a / c} with {@code b} between for 3; {@code a,b / d} with {@code c} for 4;
     * {@code a,b / d,e} with {@code c} for 5).
     *
     * @param nodes the lab's nodes, by name
     * @return the partition ({@code lab partition LAB bridge})
     * @throws IllegalArgumentException fewer than 3 nodes, a node listed twice
     */
    public static Partition bridge(List<String> nodes) {
        List<String> all = checkNodes("bridge", nodes, 3);
        int middle = all.size() / 2;
        return groups(List.of(ordered(all.subList(0, middle)), ordered(all.subList(middle + 1, all.size()))), false);
    }

    // ---- reading ----

    /**
     * {@return the cuts, in the order they were made (lab order for the schemes)}
     */
    public List<Cut> cuts() {
        return cuts;
    }

    /**
     * {@return whether nothing is cut}
     */
    public boolean isEmpty() {
        return cuts.isEmpty();
    }

    /**
     * {@return whether what {@code from} sends is dropped before it reaches {@code to} (never for
     * a node and itself)}
     *
     * @param from the sending node
     * @param to the receiving node
     */
    public boolean blocks(String from, String to) {
        return !from.equals(to) && set.contains(new Cut(from, to));
    }

    /**
     * {@return the nodes whose traffic {@code to} drops (its "grudge", in Jepsen's words), in cut
     * order}
     *
     * @param to the receiving node
     */
    public Set<String> dropsAt(String to) {
        Set<String> out = new LinkedHashSet<>();
        for (Cut c : cuts) {
            if (c.to().equals(to)) {
                out.add(c.from());
            }
        }
        return out;
    }

    /**
     * {@return the nodes named by some cut, in order of first appearance}
     */
    public List<String> nodes() {
        Set<String> out = new LinkedHashSet<>();
        for (Cut c : cuts) {
            out.add(c.from());
            out.add(c.to());
        }
        return List.copyOf(out);
    }

    /**
     * {@return the cuts as text, two-way pairs merged, in one order for one set of cuts whatever
     * order they were given or read back in (so {@code lab partition} and {@code lab show} print
     * the same line): a two-way pair names first the node in more two-way pairs (then the
     * smaller name), and the parts are sorted by their first then second name: {@code c <-/-> a,
     * c <-/-> b} for {@code a,b / c} and for {@code c / a,b}, {@code a -/-> c} for a one-way
     * cut; {@code none} when nothing is cut}
     */
    public String describe() {
        if (cuts.isEmpty()) {
            return "none";
        }
        java.util.Map<String, Integer> pairs = new java.util.HashMap<>();
        for (Cut c : set) {
            if (set.contains(c.reversed())) {
                pairs.merge(c.from(), 1, Integer::sum); // each pair counted once per end: both directions are in set
            }
        }
        java.util.TreeMap<String, String> parts = new java.util.TreeMap<>();
        for (Cut c : set) {
            if (!set.contains(c.reversed())) {
                parts.put(c.from() + "\0" + c.to() + "\0>", c.toString());
                continue;
            }
            int here = pairs.get(c.from());
            int there = pairs.get(c.to());
            if (here > there || here == there && c.from().compareTo(c.to()) < 0) {
                parts.put(c.from() + "\0" + c.to() + "\0=", c.from() + " <-/-> " + c.to());
            }
        }
        return String.join(", ", parts.values());
    }

    /** Equal when the same pairs are cut, whatever the order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Partition p && p.set.equals(set);
    }

    @Override
    public int hashCode() {
        return set.hashCode();
    }

    @Override
    public String toString() {
        return "Partition[" + describe() + "]";
    }

    // ---- checks ----

    static String nodeName(String node) {
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("A node name is empty: name each node of the partition");
        }
        return node;
    }

    private static List<String> checkNodes(String scheme, List<String> nodes, int least) {
        Set<String> seen = new HashSet<>();
        for (String n : nodes) {
            if (!seen.add(nodeName(n))) {
                throw new IllegalArgumentException("Node \"" + n + "\" is listed twice for \"" + scheme
                        + "\": list each node once");
            }
        }
        if (nodes.size() < least) {
            throw new IllegalArgumentException("\"" + scheme + "\" needs at least " + least + " nodes, got "
                    + nodes.size() + (nodes.isEmpty() ? "" : " (" + String.join(", ", nodes) + ")")
                    + ": name more nodes" + (least == 3 ? ", or cut 2 nodes with \"a / b\"" : ""));
        }
        return List.copyOf(nodes);
    }

    private static Set<String> ordered(List<String> nodes) {
        return new LinkedHashSet<>(nodes);
    }
}
