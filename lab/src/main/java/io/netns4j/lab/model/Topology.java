package io.netns4j.lab.model;

import java.util.List;
import java.util.Optional;

/**
 * A lab as its file declares it, checked and with automatic addresses and routes filled in.
 * Read one with {@code TopologyFile.read} (package {@code io.netns4j.lab.file}); turn it into
 * operations with {@code Plan.of} (package {@code io.netns4j.lab.plan}).
 *
 * @param name the lab's name, the prefix of its namespaces
 * @param defaults the file's defaults (address pools, ...)
 * @param nodes the nodes, in file order
 * @param links the links, in file order
 * @param source the text of the file it was read from, or null when made in code; {@code lab up}
 *               keeps it as the lab's state, to reconcile the next {@code lab up} against
 */
public record Topology(String name, Defaults defaults, List<TopologyNode> nodes, List<TopologyLink> links, String source) {
    /** Copies the lists (the record is immutable). */
    public Topology {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    /**
     * A topology made in code, with no file text behind it.
     *
     * @param name the lab's name
     * @param defaults the defaults
     * @param nodes the nodes
     * @param links the links
     */
    public Topology(String name, Defaults defaults, List<TopologyNode> nodes, List<TopologyLink> links) {
        this(name, defaults, nodes, links, null);
    }

    /**
     * The namespace of a node: {@code <lab>-<node>}, so that labs never collide and can be found after a crash.
     *
     * @param node the node's name
     * @return the namespace's name
     */
    public String namespace(String node) {
        return namespaceName(name, node);
    }

    /**
     * The namespace of node {@code node} of lab {@code lab}: {@code <lab>-<node>}.
     *
     * @param lab the lab's name
     * @param node the node's name
     * @return the namespace's name
     */
    public static String namespaceName(String lab, String node) {
        return lab + "-" + node;
    }

    /**
     * The node named {@code nodeName}.
     *
     * @param nodeName the node's name
     * @return the node, or empty when the lab has none of that name
     */
    public Optional<TopologyNode> node(String nodeName) {
        return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst();
    }

    /**
     * The endpoints on {@code nodeName}, in link order.
     *
     * @param nodeName the node's name
     * @return its link ends; empty for a node without links
     */
    public List<Endpoint> endpoints(String nodeName) {
        return links.stream().flatMap(l -> java.util.stream.Stream.of(l.a(), l.b()))
                .filter(e -> e.node().equals(nodeName)).toList();
    }
}
