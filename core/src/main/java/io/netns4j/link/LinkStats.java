package io.netns4j.link;

/** A link's counters (IFLA_STATS64), as {@code ip -s link show} prints them. */
public record LinkStats(long rxBytes, long rxPackets, long rxErrors, long rxDropped, long rxOverErrors,
                        long rxMissed, long multicast, long txBytes, long txPackets, long txErrors, long txDropped,
                        long txCarrierErrors, long collisions) {
}
