package io.netns4j.link;

import io.netns4j.types.MacAddress;

import java.util.List;

/**
 * A network interface as the kernel reports it ({@code ip link show}): index, name, flags,
 * and the attributes {@code ip} prints. Values the kernel did not send are null, or -1 for
 * {@code linkNetnsid}.
 *
 * @param index        the interface index (ifi_index)
 * @param name         the interface name (IFLA_IFNAME)
 * @param flags        the IFF_* flags (ifi_flags): {@link #IFF_UP}, {@link #IFF_RUNNING}, ...
 * @param mtu          the MTU in bytes (IFLA_MTU), or null
 * @param qdisc        the root qdisc's kind (IFLA_QDISC: "noqueue", "fq_codel", ...), or null
 * @param master       the bridge or bond this link is enslaved to; 0 when none
 * @param operState    the operational state (IFLA_OPERSTATE), an index into {@link #OPER_STATES}, or null
 * @param linkMode     IFLA_LINKMODE: 0 default, 1 dormant; or null
 * @param group        the device group (IFLA_GROUP), 0 for "default"; or null
 * @param txQueueLength the transmit queue length in packets (IFLA_TXQLEN, {@code qlen}), or null
 * @param deviceType   the ARPHRD_* hardware type (ifi_type): 1 Ethernet, 772 loopback, ...
 * @param address      the link-layer address (IFLA_ADDRESS), or null when the device has none
 * @param broadcast    the link-layer broadcast address (IFLA_BROADCAST), or null
 * @param linkIndex    IFLA_LINK: the veth peer's index or the lower device's; 0 when none
 * @param linkNetnsid  the id (in this namespace) of the namespace {@code linkIndex} lives in; -1 here
 * @param kind         IFLA_INFO_KIND ("veth", "bridge", ...), null for physical and loopback devices
 * @param slaveKind    IFLA_INFO_SLAVE_KIND ("bridge" for a bridge port), or null
 * @param promiscuity  how many times promiscuous mode is requested (IFLA_PROMISCUITY), or null
 * @param allmulti     how many times all-multicast mode is requested (IFLA_ALLMULTI), or null
 * @param minMtu       the smallest MTU the device takes, in bytes (IFLA_MIN_MTU), or null
 * @param maxMtu       the largest MTU the device takes, in bytes (IFLA_MAX_MTU), or null
 * @param numTxQueues  the number of transmit queues (IFLA_NUM_TX_QUEUES), or null
 * @param numRxQueues  the number of receive queues (IFLA_NUM_RX_QUEUES), or null
 * @param alias        the alias ({@code ip link set DEV alias TEXT}, IFLA_IFALIAS), or null
 * @param stats        the counters (IFLA_STATS64), or null when the kernel sent none
 * @param details      offload limits and the IPv6 address generation mode ({@code ip -d}); never null
 */
public record Link(int index, String name, int flags, Integer mtu, String qdisc, int master, Integer operState,
                   Integer linkMode, Integer group, Integer txQueueLength, int deviceType, MacAddress address,
                   MacAddress broadcast, int linkIndex, int linkNetnsid, String kind, String slaveKind,
                   Integer promiscuity, Integer allmulti, Integer minMtu, Integer maxMtu, Integer numTxQueues,
                   Integer numRxQueues, String alias, LinkStats stats, LinkDetails details) {
    /** Administratively up ({@code ip link set DEV up}). */
    public static final int IFF_UP = 0x1;
    /** Operationally up (the kernel's RFC 2863 "up"). */
    public static final int IFF_RUNNING = 0x40;
    /** Receives all packets ({@code ip link set DEV promisc on}). */
    public static final int IFF_PROMISC = 0x100;
    /** Carrier present ({@code LOWER_UP} in {@code ip link show}). */
    public static final int IFF_LOWER_UP = 0x10000;


    /**
     * Whether the link is administratively up.
     *
     * @return whether {@link #IFF_UP} is set
     */
    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }

    /**
     * Whether the link has carrier.
     *
     * @return whether {@link #IFF_LOWER_UP} is set
     */
    public boolean hasCarrier() {
        return (flags & IFF_LOWER_UP) != 0;
    }




    /** The names of the kernel's operational states, by IFLA_OPERSTATE value. */
    public static final List<String> OPER_STATES = List.of("UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN",
            "TESTING", "DORMANT", "UP");
}
