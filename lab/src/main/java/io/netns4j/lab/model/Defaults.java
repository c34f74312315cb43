package io.netns4j.lab.model;



/**
 * Settings for the whole lab.
 *
 * @param kind the kind of a node that names none
 * @param mtu the MTU of every endpoint that names none, or null
 * @param pools automatic addressing
 * @param defaultRoutes whether hosts get a default route via their only router
 * @param hosts whether every node's {@code /etc/hosts} lists every other node
 * @param ipv6Dad whether IPv6 addresses go through duplicate address detection (and {@code lab up}
 *                waits until it is done); false: they are added with {@code nodad}
 */
public record Defaults(NodeKind kind, Integer mtu, AddressPools pools, boolean defaultRoutes, boolean hosts,
                       boolean ipv6Dad) {
    public static final Defaults NONE = new Defaults(NodeKind.HOST, null, AddressPools.NONE, true, false, true);
}
