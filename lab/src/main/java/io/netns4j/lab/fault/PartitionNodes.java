package io.netns4j.lab.fault;

import io.netns4j.lab.model.NodeKind;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.model.TopologyNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A lab's nodes as partitions see them, each list in lab order.
 *
 * <p><b>Hosts</b> take part in the schemes ({@code halves}, {@code majority}, {@code ring},
 * {@code bridge}, the rest of {@code isolate}) when no node list is given. <b>Routers</b> do
 * not, but may be named: a router is the network between hosts, not a member of the
 * distributed system under test, and a partition drops traffic where it is received, so
 * what a router forwards is never dropped at the router; hosts cut from each other stay cut
 * across routers, because the receiving host drops by the sender's addresses. Naming a
 * router cuts only what the router itself sends and receives (a routing daemon, say).
 * <b>Bridge</b> nodes take no part and cannot be named: they have no addresses, and frames
 * they switch never reach an IP input hook.
 *
 * @param hosts   nodes with addresses that do not forward: the default members of a scheme
 * @param routers nodes that forward ({@code kind: router}, or forwarding switched on)
 * @param bridges bridge nodes ({@code kind: bridge}), and any node without an address of its own (IPv6
 *                link-local ones aside): nothing they send can be told apart by its source
 */
public record PartitionNodes(List<String> hosts, List<String> routers, List<String> bridges) {
    /** Copies the lists: the value does not change with the caller's. */
    public PartitionNodes {
        hosts = List.copyOf(hosts);
        routers = List.copyOf(routers);
        bridges = List.copyOf(bridges);
    }

    /**
     * Only hosts: every node of {@code nodes} takes part by default and may be named.
     *
     * @param nodes the lab's nodes, by name
     * @return the roles, every node a host
     */
    public static PartitionNodes of(List<String> nodes) {
        return new PartitionNodes(nodes, List.of(), List.of());
    }

    /**
     * {@return the roles as a topology file declares them ({@code kind}); a node with no address
     * in the file counts as a bridge node (nothing of it can be matched by address)}
     *
     * @param topology the lab, as read from its file or built with {@code LabSpec}
     */
    public static PartitionNodes of(Topology topology) {
        List<String> hosts = new ArrayList<>();
        List<String> routers = new ArrayList<>();
        List<String> bridges = new ArrayList<>();
        for (TopologyNode n : topology.nodes()) {
            boolean addressed = topology.endpoints(n.name()).stream().anyMatch(e -> !e.addresses().isEmpty());
            if (n.kind() == NodeKind.BRIDGE || !addressed) {
                bridges.add(n.name());
            } else if (n.kind() == NodeKind.ROUTER) {
                routers.add(n.name());
            } else {
                hosts.add(n.name());
            }
        }
        return new PartitionNodes(hosts, routers, bridges);
    }

    /**
     * {@return whether {@code node} may be named in a partition (a host or a router)}
     *
     * @param node the node's name in the lab file
     */
    public boolean nameable(String node) {
        return hosts.contains(node) || routers.contains(node);
    }
}
