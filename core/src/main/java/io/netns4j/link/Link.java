package io.netns4j.link;

import io.netns4j.types.MacAddress;

import java.util.List;

/**
 * A network interface as the kernel reports it ({@code ip link show}): index, name, flags,
 * and the attributes {@code ip} prints. Values the kernel did not send are null, or -1 for
 * {@code linkNetnsid}.
 *
 * @param linkIndex    IFLA_LINK: the veth peer's index or the lower device's; 0 when none
 * @param linkNetnsid  the id (in this namespace) of the namespace {@code linkIndex} lives in; -1 here
 * @param master       the bridge or bond this link is enslaved to; 0 when none
 * @param kind         IFLA_INFO_KIND ("veth", "bridge", ...), null for physical and loopback devices
 */
public record Link(int index, String name, int flags, Integer mtu, String qdisc, int master, Integer operState,
                   Integer linkMode, Integer group, Integer txQueueLength, int deviceType, MacAddress address,
                   MacAddress broadcast, int linkIndex, int linkNetnsid, String kind, String slaveKind,
                   Integer promiscuity, Integer allmulti, Integer minMtu, Integer maxMtu, Integer numTxQueues,
                   Integer numRxQueues, String alias, LinkStats stats) {
    public static final int IFF_UP = 0x1;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_PROMISC = 0x100;
    public static final int IFF_LOWER_UP = 0x10000;


    /** Administratively up (IFF_UP). */
    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }

    /** Carrier present (IFF_LOWER_UP). */
    public boolean hasCarrier() {
        return (flags & IFF_LOWER_UP) != 0;
    }




    /** The names of the kernel's operational states, by IFLA_OPERSTATE value. */
    public static final List<String> OPER_STATES = List.of("UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN",
            "TESTING", "DORMANT", "UP");
}
