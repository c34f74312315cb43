package io.netns4j.lab.model;



/**
 * Settings for the whole lab.
 *
 * @param kind the kind of a node that names none
 * @param mtu the MTU of every endpoint that names none, or null
 * @param pools automatic addressing
 * @param defaultRoutes whether hosts get a default route via their only router
 * @param hosts whether every node's {@code /etc/hosts} lists every other node
 */
public record Defaults(NodeKind kind, Integer mtu, AddressPools pools, boolean defaultRoutes, boolean hosts) {
    public static final Defaults NONE = new Defaults(NodeKind.HOST, null, AddressPools.NONE, true, false);
}
