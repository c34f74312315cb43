package io.netns4j.lab.model;



/** What a lab node is; every node is a network namespace named {@code <lab>-<node>}. */
public enum NodeKind {
    /** An end system: addresses, routes, firewall, processes. */
    HOST,
    /** A host that forwards: {@code sysctl -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1}. */
    ROUTER,
    /**
     * A switch: the namespace holds one bridge device {@code br0} ({@code ip -n NS link add br0 up
     * type bridge}) and every link to the node becomes one of its ports. It has no addresses or routes.
     */
    BRIDGE;

    /** The bridge device inside a bridge node's namespace. */
    public static final String BRIDGE_DEVICE = "br0";

    /**
     * The word used in topology files.
     *
     * @return {@code host}, {@code router} or {@code bridge}
     */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
