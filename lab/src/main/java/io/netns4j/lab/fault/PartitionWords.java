package io.netns4j.lab.fault;

import io.netns4j.lab.model.NearestWord;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The words of {@code netns4j lab partition LAB WORDS...}, read into a {@link Partition}
 * without any system call:
 *
 * <pre>
 * a,b / c [--oneway]        groups cut from each other (also a,b/c); --oneway: only from earlier groups to later ones
 * isolate NODE [NODES]      NODE cut from the others, both ways
 * halves [NODES]            first half / second half
 * majority [NODES]          majority / minority
 * ring [NODES]              majorities ring
 * bridge [NODES]            two halves and one node seeing both
 * </pre>
 *
 * Node lists are separated by commas and/or spaces ({@code a,b,c} or {@code a, b, c}). Without
 * a list, a scheme uses the lab's hosts in the order {@link PartitionNodes} lists them
 * (sorted by name on a running lab; see there why routers are left out); with one, the
 * nodes in the order written. Any word holding a
 * {@code /} makes the whole line the groups form, so nodes named like a scheme word still
 * work there. Mistakes are {@link IllegalArgumentException}s that name the problem and the fix.
 */
public final class PartitionWords {
    /** The scheme words, in the order the usage lists them. */
    public static final List<String> SCHEMES = List.of("isolate", "halves", "majority", "ring", "bridge");
    static final String USAGE = "write groups (a,b / c [--oneway]) or one of: isolate NODE [NODES], halves [NODES],"
            + " majority [NODES], ring [NODES], bridge [NODES]";

    private PartitionWords() {
    }

    /**
     * {@link #parse(List, PartitionNodes)} where every node of {@code labNodes} is a host.
     *
     * @param words the words as the command line gives them, one per element
     * @param labNodes the lab's nodes, all hosts
     * @return the partition the words describe
     */
    public static Partition parse(List<String> words, List<String> labNodes) {
        return parse(words, PartitionNodes.of(labNodes));
    }

    /**
     * Reads the words.
     *
     * @param nodes the lab's nodes and their roles ({@link Partitions#nodes} on a running lab)
     * @param words the words as the command line gives them, one per element
     * @return the partition the words describe
     * @throws IllegalArgumentException with what is wrong and how to write it instead
     */
    public static Partition parse(List<String> words, PartitionNodes nodes) {
        boolean oneWay = false;
        List<String> rest = new ArrayList<>();
        for (String w : words) {
            if (w.equals("--oneway") || w.equals("--one-way")) {
                if (oneWay) {
                    throw new IllegalArgumentException("--oneway is given twice: give it once, after the groups"
                            + " (a / c --oneway)");
                }
                oneWay = true;
            } else if (w.startsWith("--")) {
                throw new IllegalArgumentException("Unknown option \"" + w + "\" for a partition: the only option is"
                        + " --oneway (after groups: a / c --oneway)");
            } else if (!w.isBlank()) {
                rest.add(w);
            }
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("Missing partition: " + USAGE);
        }
        if (rest.stream().anyMatch(w -> w.indexOf('/') >= 0)) {
            return groups(String.join(" ", rest), oneWay, nodes);
        }
        String scheme = rest.getFirst();
        if (!SCHEMES.contains(scheme)) {
            if (nodes.nameable(scheme) || nodes.bridges().contains(scheme)) {
                throw new IllegalArgumentException("\"" + String.join(" ", rest) + "\" is one group: a partition"
                        + " needs at least two, separated by / (e.g. " + scheme + " / OTHER_NODES), or "
                        + "\"isolate " + scheme + "\"");
            }
            throw new IllegalArgumentException("Unknown partition \"" + scheme + "\" ("
                    + NearestWord.hint(scheme, new LinkedHashSet<>(SCHEMES)) + "): " + USAGE);
        }
        if (oneWay) {
            throw new IllegalArgumentException("--oneway works with groups only, not with \"" + scheme
                    + "\": write the groups instead, e.g. a / b,c --oneway");
        }
        List<String> listed = names(String.join(" ", rest.subList(1, rest.size())), scheme, nodes);
        if (scheme.equals("isolate")) {
            if (listed.isEmpty()) {
                throw new IllegalArgumentException("\"isolate\" needs the node to cut off: isolate NODE [NODES]"
                        + (nodes.hosts().isEmpty() ? "" : " (e.g. isolate " + nodes.hosts().getFirst() + ")"));
            }
            String node = listed.getFirst();
            List<String> among = listed.size() > 1 ? new ArrayList<>(listed.subList(1, listed.size()))
                    : new ArrayList<>(nodes.hosts());
            if (!among.contains(node)) {
                among.addFirst(node);
            }
            return scheme(scheme, node, among, listed.size() > 1, nodes);
        }
        boolean explicit = !listed.isEmpty();
        return scheme(scheme, null, explicit ? listed : nodes.hosts(), explicit, nodes);
    }

    private static Partition scheme(String scheme, String node, List<String> among, boolean explicit,
                                    PartitionNodes nodes) {
        int least = scheme.equals("isolate") || scheme.equals("halves") ? 2 : 3;
        if (!explicit && among.size() < least) {
            List<String> hosts = nodes.hosts();
            throw new IllegalArgumentException("\"" + scheme + "\" needs at least " + least + " nodes, and the lab has "
                    + hosts.size() + " host" + (hosts.size() == 1 ? "" : "s")
                    + (hosts.isEmpty() ? "" : " (" + String.join(", ", hosts) + ")")
                    + (nodes.routers().isEmpty() ? ": partition a lab with more hosts"
                    : ": routers (" + String.join(", ", nodes.routers()) + ") take part only when named, e.g. "
                    + scheme + " " + String.join(",", all(nodes))));
        }
        return switch (scheme) {
            case "isolate" -> Partition.isolate(node, among);
            case "halves" -> Partition.halves(among);
            case "majority" -> Partition.majority(among);
            case "ring" -> Partition.ring(among);
            case "bridge" -> Partition.bridge(among);
            default -> throw new IllegalStateException(scheme);
        };
    }

    private static Partition groups(String text, boolean oneWay, PartitionNodes nodes) {
        String[] sides = text.split("/", -1);
        List<Set<String>> groups = new ArrayList<>();
        for (int i = 0; i < sides.length; i++) {
            List<String> names = names(sides[i], "group " + (i + 1), nodes);
            if (names.isEmpty()) {
                throw new IllegalArgumentException("Group " + (i + 1) + " of \"" + text.strip() + "\" is empty: each"
                        + " side of a / needs at least one node (a,b / c)");
            }
            Set<String> g = new LinkedHashSet<>();
            for (String n : names) {
                for (int j = 0; j < groups.size(); j++) {
                    if (groups.get(j).contains(n)) {
                        throw new IllegalArgumentException("Node \"" + n + "\" is in group " + (j + 1) + " and group "
                                + (i + 1) + " of \"" + text.strip() + "\": a node belongs to one side only");
                    }
                }
                if (!g.add(n)) {
                    throw new IllegalArgumentException("Node \"" + n + "\" is listed twice in group " + (i + 1)
                            + " of \"" + text.strip() + "\": list it once");
                }
            }
            groups.add(g);
        }
        return Partition.groups(groups, oneWay);
    }

    /** Names separated by commas and/or spaces, each checked against the lab. */
    private static List<String> names(String text, String where, PartitionNodes nodes) {
        List<String> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        String[] pieces = text.strip().split(",", -1);
        for (String piece : pieces) {
            if (piece.isBlank()) {
                throw new IllegalArgumentException("Empty node name in \"" + text.strip() + "\" (" + where
                        + "): separate node names with one comma (a,b,c)");
            }
            for (String name : piece.strip().split("\\s+")) {
                out.add(known(name, nodes));
            }
        }
        return out;
    }

    private static String known(String name, PartitionNodes nodes) {
        if (nodes.nameable(name)) {
            return name;
        }
        if (nodes.bridges().contains(name)) {
            throw new IllegalArgumentException("Node \"" + name + "\" has no addresses (bridge nodes have none, and"
                    + " switch frames without receiving them), so it cannot take part in a partition; name hosts or"
                    + " routers (" + String.join(", ", all(nodes)) + ")");
        }
        if (SCHEMES.contains(name)) {
            throw new IllegalArgumentException("\"" + name + "\" is a scheme, not a node: put the scheme first"
                    + " (" + name + " [NODES]), or " + USAGE);
        }
        if (all(nodes).isEmpty()) {
            throw new IllegalArgumentException("Unknown node \"" + name + "\": the lab has no node that can be"
                    + " partitioned (no hosts or routers with addresses)");
        }
        throw new IllegalArgumentException("Unknown node \"" + name + "\" (" + NearestWord.hint(name, new LinkedHashSet<>(
                all(nodes))) + "): name nodes of the lab, hosts or routers");
    }

    private static List<String> all(PartitionNodes nodes) {
        List<String> out = new ArrayList<>(nodes.hosts());
        out.addAll(nodes.routers());
        return out;
    }
}
