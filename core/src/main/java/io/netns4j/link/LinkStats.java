package io.netns4j.link;

/**
 * A link's counters (IFLA_STATS64, struct rtnl_link_stats64), as {@code ip -s link show} prints them.
 *
 * @param rxBytes         bytes received
 * @param rxPackets       packets received
 * @param rxErrors        receive errors
 * @param rxDropped       received packets dropped
 * @param rxOverErrors    receive ring overruns ({@code overrun} in {@code ip -s})
 * @param rxMissed        packets missed by the device ({@code missed})
 * @param multicast       multicast packets received ({@code mcast})
 * @param txBytes         bytes sent
 * @param txPackets       packets sent
 * @param txErrors        transmit errors
 * @param txDropped       packets dropped on transmit
 * @param txCarrierErrors carrier errors on transmit ({@code carrier})
 * @param collisions      collisions ({@code collsns})
 */
public record LinkStats(long rxBytes, long rxPackets, long rxErrors, long rxDropped, long rxOverErrors,
                        long rxMissed, long multicast, long txBytes, long txPackets, long txErrors, long txDropped,
                        long txCarrierErrors, long collisions) {
}
