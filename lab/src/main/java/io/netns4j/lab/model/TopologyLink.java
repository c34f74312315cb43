package io.netns4j.lab.model;



/**
 * A veth pair joining two nodes, as containerlab writes it: {@code endpoints: ["a:eth1", "b:eth1"]}.
 * When one end's node is a {@link NodeKind#BRIDGE}, that end becomes a port of the bridge:
 * node-to-bridge membership. The lab runs
 * {@code ip -n NS_A link add A_IF type veth peer name B_IF netns NS_B}, then, for a bridge end,
 * {@code ip -n NS_B link set B_IF master br0 up}.
 *
 * @param a the end whose namespace makes the pair
 * @param b the other end (the bridge port, when one end is a bridge)
 */
public record TopologyLink(Endpoint a, Endpoint b) {
    @Override
    public String toString() {
        return a + " -- " + b;
    }
}
