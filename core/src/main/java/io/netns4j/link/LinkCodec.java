package io.netns4j.link;

import io.netns4j.error.NetnsException;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.route.Ifla;
import io.netns4j.internal.netlink.route.Rtnl;

/**
 * Link requests as messages: the {@code RTM_NEWLINK} that {@code ip link add} and
 * {@code ip link set} send, byte for byte (golden tests compare). The kind's own options are
 * written by the kind ({@link LinkKind#writeData}) through {@link LinkInfo}.
 */
final class LinkCodec {
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
        return b.build();
    }

    /** The same change addressed by name (index 0, IFLA_IFNAME): the kernel looks the link up. */
    static byte[] encodeSetByName(LinkRequest r, LinkResolver resolver) throws NetnsException {
        MessageBuilder b = header(Rtnl.RTM_NEWLINK, 0, 0, r);
        commonAttributes(b, r, resolver);
        b.attrString(Ifla.IFLA_IFNAME, r.name());
        return b.build();
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
        if (r.namespace() != null) {
            b.attrU32(Ifla.IFLA_NET_NS_FD, r.namespace().fileDescriptor());
        } else if (r.namespacePid() != null) {
            b.attrU32(Ifla.IFLA_NET_NS_PID, (int) (long) r.namespacePid());
        }
    }
}
