package io.netns4j.link;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.error.NetnsException;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.route.Ifla;
import io.netns4j.internal.netlink.route.LinkMessage;
import io.netns4j.internal.netlink.route.Rtnl;
import io.netns4j.types.MacAddress;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Links as messages: the {@code RTM_NEWLINK} that {@code ip link add} and {@code ip link set}
 * send, byte for byte (golden tests compare), and a dumped {@code RTM_NEWLINK} read back as a
 * {@link Link}. The kind's own options are
 * written by the kind ({@link LinkKind#writeData}) through {@link LinkInfo}.
 */
final class LinkCodec {
    private static final int IFLA_ALLMULTI = 61;
    private static final int STATS64_FIELDS = 24;
    private static final int IFLA_CARRIER_CHANGES = 35;

    private LinkCodec() {
    }

    /** The RTM_NEWLINK request for {@code r}, byte for byte as {@code ip link add} writes it. */
    static byte[] encodeAdd(LinkRequest r, LinkResolver resolver) throws NetnsException {
        MessageBuilder b = header(Rtnl.RTM_NEWLINK, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, 0, r);
        commonAttributes(b, r, resolver);
        String lower = r.kind().lowerDevice();
        if (lower != null) {
            b.attrU32(Ifla.IFLA_LINK, resolver.indexOf(lower));
        }
        b.attrString(Ifla.IFLA_IFNAME, r.name());
        LinkInfo.write(b, r.kind(), resolver);
        return b.build();
    }

    /** The RTM_NEWLINK request that changes {@code r.name()}, as {@code ip link set} writes it. */
    static byte[] encodeSet(LinkRequest r, LinkResolver resolver) throws NetnsException {
        MessageBuilder b = header(Rtnl.RTM_NEWLINK, 0, resolver.indexOf(r.name()), r);
        commonAttributes(b, r, resolver);
        if (r.newName() != null) {
            b.attrString(Ifla.IFLA_IFNAME, r.newName());
        }
        changedInfo(b, r, resolver);
        return b.build();
    }

    /** The same change addressed by name (index 0, IFLA_IFNAME): the kernel looks the link up. */
    static byte[] encodeSetByName(LinkRequest r, LinkResolver resolver) throws NetnsException {
        MessageBuilder b = header(Rtnl.RTM_NEWLINK, 0, 0, r);
        commonAttributes(b, r, resolver);
        b.attrString(Ifla.IFLA_IFNAME, r.name());
        changedInfo(b, r, resolver);
        return b.build();
    }

    /** {@code link set ... type KIND OPTIONS} or {@code type bridge_slave OPTIONS}: IFLA_LINKINFO last, as ip. */
    private static void changedInfo(MessageBuilder b, LinkRequest r, LinkResolver resolver) throws NetnsException {
        if (r.kind() != null) {
            LinkInfo.write(b, r.kind(), resolver, true);
        } else if (r.port() != null) {
            LinkInfo.writePort(b, r.port(), resolver);
        }
    }

    private static MessageBuilder header(int type, int flags, int index, LinkRequest r) {
        int ifFlags = 0;
        int change = 0;
        if (r.adminUp() != null) {
            change |= Link.IFF_UP;
            ifFlags |= r.adminUp() ? Link.IFF_UP : 0;
        }
        if (r.promisc() != null) {
            change |= Link.IFF_PROMISC;
            ifFlags |= r.promisc() ? Link.IFF_PROMISC : 0;
        }
        change |= r.flagMask();
        ifFlags |= r.flagValues() & r.flagMask();
        return new MessageBuilder(type, flags).u8(Rtnl.AF_UNSPEC).u8(0).u16(0).u32(index).u32(ifFlags).u32(change);
    }

    /** The attributes add and set share, in the order {@code ip} writes them. */
    private static void commonAttributes(MessageBuilder b, LinkRequest r, LinkResolver resolver)
            throws NetnsException {
        if (r.mtu() != null) {
            b.attrU32(Ifla.IFLA_MTU, r.mtu());
        }
        if (r.address() != null) {
            b.attr(Ifla.IFLA_ADDRESS, r.address().bytes());
        }
        if (r.txQueueLength() != null) {
            b.attrU32(Ifla.IFLA_TXQLEN, r.txQueueLength());
        }
        if (r.master() != null) {
            b.attrU32(Ifla.IFLA_MASTER, r.master().isEmpty() ? 0 : resolver.indexOf(r.master()));
        }
        if (r.alias() != null) {
            b.attrBytesOf(Ifla.IFLA_IFALIAS, r.alias());
        }
        if (r.group() != null) {
            b.attrU32(Ifla.IFLA_GROUP, r.group());
        }
        if (r.addrGenMode() != null) {
            int spec = b.beginNested(Ifla.IFLA_AF_SPEC, false);
            int inet6 = b.beginNested(AF_INET6, false);
            b.attrU8(IFLA_INET6_ADDR_GEN_MODE, r.addrGenMode());
            b.endNested(inet6);
            b.endNested(spec);
        }
        if (r.namespace() != null) {
            b.attrU32(Ifla.IFLA_NET_NS_FD, r.namespace().fileDescriptor());
        } else if (r.namespacePid() != null) {
            b.attrU32(Ifla.IFLA_NET_NS_PID, (int) (long) r.namespacePid());
        }
    }

    static Link decode(LinkMessage m) throws MalformedMessageException {
        Attributes a = m.attributes();
        Attributes info = a.nested(Ifla.IFLA_LINKINFO);
        return new Link(m.index(), a.string(Ifla.IFLA_IFNAME), m.flags(), boxed(a, Ifla.IFLA_MTU),
                a.string(Ifla.IFLA_QDISC), a.s32(Ifla.IFLA_MASTER, 0), boxedU8(a, Ifla.IFLA_OPERSTATE),
                boxedU8(a, Ifla.IFLA_LINKMODE), boxed(a, Ifla.IFLA_GROUP), boxed(a, Ifla.IFLA_TXQLEN),
                m.deviceType(), mac(a, Ifla.IFLA_ADDRESS), mac(a, Ifla.IFLA_BROADCAST), a.s32(Ifla.IFLA_LINK, 0),
                a.s32(Ifla.IFLA_LINK_NETNSID, -1), info.string(Ifla.IFLA_INFO_KIND),
                info.string(Ifla.IFLA_INFO_SLAVE_KIND), boxed(a, Ifla.IFLA_PROMISCUITY), boxed(a, IFLA_ALLMULTI),
                boxed(a, Ifla.IFLA_MIN_MTU), boxed(a, Ifla.IFLA_MAX_MTU), boxed(a, Ifla.IFLA_NUM_TX_QUEUES),
                boxed(a, Ifla.IFLA_NUM_RX_QUEUES), a.string(Ifla.IFLA_IFALIAS), stats(a), details(a));
    }

    private static final int IFLA_GSO_MAX_SEGS = 40;
    private static final int IFLA_GSO_MAX_SIZE = 41;
    private static final int IFLA_GRO_MAX_SIZE = 58;
    private static final int IFLA_TSO_MAX_SIZE = 59;
    private static final int IFLA_TSO_MAX_SEGS = 60;
    private static final int AF_INET6 = 10;
    private static final int IFLA_INET6_ADDR_GEN_MODE = 8;

    static LinkDetails details(Attributes a) throws MalformedMessageException {
        Attributes inet6 = a.nested(Ifla.IFLA_AF_SPEC).nested(AF_INET6);
        Integer mode = inet6.has(IFLA_INET6_ADDR_GEN_MODE) ? inet6.u8(IFLA_INET6_ADDR_GEN_MODE, 0) : null;
        Attributes info = a.nested(Ifla.IFLA_LINKINFO);
        return new LinkDetails(u32(a, IFLA_GSO_MAX_SIZE), u32(a, IFLA_GSO_MAX_SEGS), u32(a, IFLA_TSO_MAX_SIZE),
                u32(a, IFLA_TSO_MAX_SEGS), u32(a, IFLA_GRO_MAX_SIZE), mode, raw(info.nested(Ifla.IFLA_INFO_DATA)),
                raw(info.nested(Ifla.IFLA_INFO_SLAVE_DATA)), a.has(Ifla.IFLA_LINK) && a.s32(Ifla.IFLA_LINK, 0) == 0,
                altNames(a.nested(IFLA_PROP_LIST)));
    }

    private static final int IFLA_PROP_LIST = 52;

    private static java.util.List<String> altNames(Attributes props) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (var p : props.all()) {
            if (p.type() == Ifla.IFLA_ALT_IFNAME) {
                byte[] v = p.value();
                int n = 0;
                while (n < v.length && v[n] != 0) {
                    n++;
                }
                out.add(new String(v, 0, n, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static KindAttributes raw(Attributes nested) {
        java.util.Map<Integer, byte[]> m = new java.util.LinkedHashMap<>();
        nested.all().forEach(x -> m.putIfAbsent(x.type(), x.value()));
        return KindAttributes.of(m);
    }

    private static Long u32(Attributes a, int type) throws MalformedMessageException {
        return a.has(type) ? a.u32(type, 0) : null;
    }

    static Integer boxed(Attributes a, int type) throws MalformedMessageException {
        return a.has(type) ? a.s32(type, 0) : null;
    }

    static Integer boxedU8(Attributes a, int type) throws MalformedMessageException {
        return a.has(type) ? a.u8(type, 0) : null;
    }

    static MacAddress mac(Attributes a, int type) {
        byte[] b = a.bytes(type);
        return b == null ? null : new MacAddress(b);
    }

    static LinkStats stats(Attributes a) throws MalformedMessageException {
        byte[] raw = a.bytes(Ifla.IFLA_STATS64);
        if (raw == null) {
            return null;
        }
        if (raw.length < STATS64_FIELDS * 8) {
            throw new MalformedMessageException("IFLA_STATS64 has " + raw.length + " bytes, needs " + STATS64_FIELDS * 8);
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
        long[] f = new long[STATS64_FIELDS + 1];
        int fields = Math.min(raw.length / 8, STATS64_FIELDS + 1); // 5.19 added rx_otherhost_dropped
        for (int i = 0; i < fields; i++) {
            f[i] = b.getLong(i * 8);
        }
        Long carrierChanges = a.has(IFLA_CARRIER_CHANGES) ? Integer.toUnsignedLong(a.s32(IFLA_CARRIER_CHANGES, 0))
                : null;
        // struct rtnl_link_stats64: rx_packets, tx_packets, rx_bytes, tx_bytes, rx_errors, tx_errors,
        // rx_dropped, tx_dropped, multicast, collisions, rx_length_errors, rx_over_errors, rx_crc_errors,
        // rx_frame_errors, rx_fifo_errors, rx_missed_errors, tx_aborted_errors, tx_carrier_errors,
        // tx_fifo_errors, tx_heartbeat_errors, tx_window_errors, rx_compressed, tx_compressed,
        // rx_nohandler, rx_otherhost_dropped
        return new LinkStats(f[2], f[0], f[4], f[6], f[11], f[15], f[8], f[3], f[1], f[5], f[7], f[17], f[9],
                f[10], f[12], f[13], f[14], f[21], f[23], f[24], f[16], f[18], f[20], f[19], f[22], carrierChanges);
    }
}
