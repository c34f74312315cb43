package io.netns4j.lab.model;

import io.netns4j.types.InetPrefix;
import io.netns4j.types.MacAddress;

import java.util.List;

/**
 * One end of a link: interface {@code iface} of node {@code node}, written {@code "node:iface"}.
 * The lab runs, in the node's namespace {@code NS}: {@code ip -n NS link set IFACE [mtu N]
 * [address MAC] up}, {@code ip -n NS addr add PREFIX dev IFACE} per address, and
 * {@code tc -n NS qdisc add dev IFACE root netem ...} for the impairment.
 *
 * @param node the node's name
 * @param iface the interface name in the node's namespace
 * @param addresses IPv4 and IPv6 addresses with prefix length, given or taken from the pools
 * @param mtu the MTU, or null for the kernel's default (1500)
 * @param mac the link-layer address, or null for a random one
 * @param impairment faults on what this end sends; {@link Impairment#NONE} when none
 */
public record Endpoint(String node, String iface, List<InetPrefix> addresses, Integer mtu, MacAddress mac,
                       Impairment impairment) {
    /** Copies the addresses; a null impairment is none. */
    public Endpoint {
        addresses = List.copyOf(addresses);
        impairment = impairment == null ? Impairment.NONE : impairment;
    }

    /**
     * This endpoint with other addresses (used by automatic addressing).
     *
     * @param list the addresses
     * @return a new endpoint; this one is unchanged
     */
    public Endpoint withAddresses(List<InetPrefix> list) {
        return new Endpoint(node, iface, list, mtu, mac, impairment);
    }

    @Override
    public String toString() {
        return node + ":" + iface;
    }
}
