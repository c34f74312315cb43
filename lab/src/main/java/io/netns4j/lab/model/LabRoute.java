package io.netns4j.lab.model;

import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;

import java.net.InetAddress;
import java.util.List;

/**
 * A static route of a node, written in {@code ip route} words: {@code default via 10.0.0.1},
 * {@code 10.2.0.0/16 via 10.0.1.1 dev eth1 metric 10}, or with equal-cost paths
 * {@code 10.2.0.0/16 nexthop via 10.0.1.1 nexthop via 10.0.2.1}. The lab runs
 * {@code ip -n NS route add} with the same words.
 *
 * @param destination the prefix; length 0 for {@code default}
 * @param gateways one gateway ({@code via}), several for ECMP ({@code nexthop via}), or none
 * @param device the output interface, or null
 * @param metric the metric, or null
 * @param automatic true when the lab computed it (a host's default route via its router)
 */
public record LabRoute(InetPrefix destination, List<InetAddress> gateways, String device, Long metric,
                       boolean automatic) {
    /** Copies the gateways (the record is immutable). */
    public LabRoute {
        gateways = List.copyOf(gateways);
    }

    /**
     * Whether this is a default route.
     *
     * @return true for a destination of length 0
     */
    public boolean isDefault() {
        return destination.length() == 0;
    }

    /**
     * The words after {@code ip route add}.
     *
     * @return e.g. {@code default via 10.0.0.1}
     */
    public String words() {
        StringBuilder sb = new StringBuilder(isDefault() ? "default" : InetText.format(destination));
        if (gateways.size() == 1) {
            sb.append(" via ").append(InetText.format(gateways.getFirst()));
        }
        if (device != null) {
            sb.append(" dev ").append(device);
        }
        if (metric != null) {
            sb.append(" metric ").append(metric);
        }
        if (gateways.size() > 1) {
            for (InetAddress g : gateways) {
                sb.append(" nexthop via ").append(InetText.format(g));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return words();
    }
}
