package io.netns4j.link;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.route.Ifla;
import io.netns4j.internal.netlink.route.LinkMessage;
import io.netns4j.types.MacAddress;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    private static final int IFLA_ALLMULTI = 61;

    /** Administratively up (IFF_UP). */
    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }

    /** Carrier present (IFF_LOWER_UP). */
    public boolean hasCarrier() {
        return (flags & IFF_LOWER_UP) != 0;
    }

    static Link from(LinkMessage m) throws MalformedMessageException {
        Attributes a = m.attributes();
        Attributes info = a.nested(Ifla.IFLA_LINKINFO);
        return new Link(m.index(), a.string(Ifla.IFLA_IFNAME), m.flags(), boxed(a, Ifla.IFLA_MTU),
                a.string(Ifla.IFLA_QDISC), a.s32(Ifla.IFLA_MASTER, 0), boxedU8(a, Ifla.IFLA_OPERSTATE),
                boxedU8(a, Ifla.IFLA_LINKMODE), boxed(a, Ifla.IFLA_GROUP), boxed(a, Ifla.IFLA_TXQLEN),
                m.deviceType(), mac(a, Ifla.IFLA_ADDRESS), mac(a, Ifla.IFLA_BROADCAST), a.s32(Ifla.IFLA_LINK, 0),
                a.s32(Ifla.IFLA_LINK_NETNSID, -1), info.string(Ifla.IFLA_INFO_KIND),
                info.string(Ifla.IFLA_INFO_SLAVE_KIND), boxed(a, Ifla.IFLA_PROMISCUITY), boxed(a, IFLA_ALLMULTI),
                boxed(a, Ifla.IFLA_MIN_MTU), boxed(a, Ifla.IFLA_MAX_MTU), boxed(a, Ifla.IFLA_NUM_TX_QUEUES),
                boxed(a, Ifla.IFLA_NUM_RX_QUEUES), a.string(Ifla.IFLA_IFALIAS), stats(a));
    }

    private static Integer boxed(Attributes a, int type) throws MalformedMessageException {
        return a.has(type) ? a.s32(type, 0) : null;
    }

    private static Integer boxedU8(Attributes a, int type) throws MalformedMessageException {
        return a.has(type) ? a.u8(type, 0) : null;
    }

    private static MacAddress mac(Attributes a, int type) {
        byte[] b = a.bytes(type);
        return b == null ? null : new MacAddress(b);
    }

    private static final int STATS64_FIELDS = 24;

    private static LinkStats stats(Attributes a) throws MalformedMessageException {
        byte[] raw = a.bytes(Ifla.IFLA_STATS64);
        if (raw == null) {
            return null;
        }
        if (raw.length < STATS64_FIELDS * 8) {
            throw new MalformedMessageException("IFLA_STATS64 has " + raw.length + " bytes, needs " + STATS64_FIELDS * 8);
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
        long[] f = new long[STATS64_FIELDS];
        for (int i = 0; i < STATS64_FIELDS; i++) {
            f[i] = b.getLong(i * 8);
        }
        // struct rtnl_link_stats64: rx_packets, tx_packets, rx_bytes, tx_bytes, rx_errors, tx_errors,
        // rx_dropped, tx_dropped, multicast, collisions, rx_length_errors, rx_over_errors, rx_crc_errors,
        // rx_frame_errors, rx_fifo_errors, rx_missed_errors, tx_aborted_errors, tx_carrier_errors, ...
        return new LinkStats(f[2], f[0], f[4], f[6], f[11], f[15], f[8], f[3], f[1], f[5], f[7], f[17], f[9]);
    }

    /** The names of the kernel's operational states, by IFLA_OPERSTATE value. */
    public static final List<String> OPER_STATES = List.of("UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN",
            "TESTING", "DORMANT", "UP");
}
