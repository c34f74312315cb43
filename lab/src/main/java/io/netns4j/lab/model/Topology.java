package io.netns4j.lab.model;

import java.util.List;
import java.util.Optional;

/**
 * A lab as its file declares it, checked and with automatic addresses and routes filled in.
 * Read one with {@code TopologyFile.read} (package {@code io.netns4j.lab.file}); turn it into
 * operations with {@code Plan.of} (package {@code io.netns4j.lab.plan}).
 *
 * @param source the text of the file it was read from, or null when made in code; {@code lab up}
 *               keeps it as the lab's state, to reconcile the next {@code lab up} against
 */
public record Topology(String name, Defaults defaults, List<TopologyNode> nodes, List<TopologyLink> links, String source) {
    public Topology {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    /** A topology made in code, with no file text behind it. */
    public Topology(String name, Defaults defaults, List<TopologyNode> nodes, List<TopologyLink> links) {
        this(name, defaults, nodes, links, null);
    }

    /** The namespace of a node: {@code <lab>-<node>}, so that labs never collide and can be found after a crash. */
    public String namespace(String node) {
        return namespaceName(name, node);
    }

    /** The namespace of node {@code node} of lab {@code lab}: {@code <lab>-<node>}. */
    public static String namespaceName(String lab, String node) {
        return lab + "-" + node;
    }

    public Optional<TopologyNode> node(String nodeName) {
        return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst();
    }

    /** The endpoints on {@code nodeName}, in link order. */
    public List<Endpoint> endpoints(String nodeName) {
        return links.stream().flatMap(l -> java.util.stream.Stream.of(l.a(), l.b()))
                .filter(e -> e.node().equals(nodeName)).toList();
    }
}
