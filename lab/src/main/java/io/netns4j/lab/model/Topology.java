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
 * @param name the lab's name ({@code name:}), the prefix of its namespaces
 * @param defaults the file's {@code defaults:}: address pools, hosts files, routes, MTU
 * @param nodes the lab's nodes, by name
 * @param links the lab's links ({@code links:}), each between two endpoints
 */
public record Topology(String name, Defaults defaults, List<TopologyNode> nodes, List<TopologyLink> links, String source) {
    /** Copies the lists: the value does not change with the caller's. */
    public Topology {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    /**
     * A topology made in code, with no file text behind it.
     *
     * @param name the lab's name
     * @param defaults the lab's defaults
     * @param nodes the lab's nodes, by name
     * @param links the lab's links
     */
    public Topology(String name, Defaults defaults, List<TopologyNode> nodes, List<TopologyLink> links) {
        this(name, defaults, nodes, links, null);
    }

    /**
     * {@return the namespace of a node: {@code <lab>-<node>}, so that labs never collide and can
     * be found after a crash}
     *
     * @param node the node's name in the lab file
     */
    public String namespace(String node) {
        return namespaceName(name, node);
    }

    /**
     * {@return the namespace of node {@code node} of lab {@code lab}: {@code <lab>-<node>}}
     *
     * @param lab the lab's name (its namespaces are {@code LAB-NODE})
     * @param node the node's name in the lab file
     */
    public static String namespaceName(String lab, String node) {
        return lab + "-" + node;
    }

    /**
     * {@return whether {@code s} can name a lab: letters, digits, {@code _}, {@code .} and {@code
     * -}, not starting with {@code -}}
     *
     * @param s a candidate name
     */
    public static boolean isLabName(String s) {
        return s != null && s.matches("[A-Za-z0-9_.][A-Za-z0-9_.-]*");
    }

    /**
     * One node by name.
     *
     * @param nodeName the node's name in the lab file
     * @return the node, or empty when the lab has none of that name
     */
    public Optional<TopologyNode> node(String nodeName) {
        return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst();
    }

    /**
     * {@return the endpoints on {@code nodeName}, in link order}
     *
     * @param nodeName the node's name
     */
    public List<Endpoint> endpoints(String nodeName) {
        return links.stream().flatMap(l -> java.util.stream.Stream.of(l.a(), l.b()))
                .filter(e -> e.node().equals(nodeName)).toList();
    }
}
