package io.netns4j.internal.netlink.route;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.NetlinkMessage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * RTM_NEWLINK / RTM_GETLINK / RTM_DELLINK: a {@code struct ifinfomsg} (16 bytes) and IFLA_*
 * attributes, all kept in wire order. The few attributes the namespace layer reads have
 * accessors; the link layer builds its richer model on top.
 */
public record LinkMessage(int family, int deviceType, int index, int flags, int change, Attributes attributes) {
    static final int IFINFOMSG_LENGTH = 16;
    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_LINK = 5;
    public static final int IFLA_MASTER = 10;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_EXT_MASK = 29;
    public static final int IFLA_LINK_NETNSID = 37;

    /** {@code IFF_UP}. */
    public static final int IFF_UP = 0x1;

    /** A request for the link with {@code index} (0: any), carrying {@code attributes}. */
    public static LinkMessage request(int index, List<Attribute> attributes) {
        return new LinkMessage(Rtnl.AF_UNSPEC, 0, index, 0, 0, Attributes.of(attributes));
    }

    public byte[] encode(int type, int msgFlags) {
        MessageBuilder b = new MessageBuilder(type, msgFlags).u8(family).u8(0).u16(deviceType).u32(index).u32(flags)
                .u32(change);
        attributes.all().forEach(b::attr);
        return b.build();
    }

    public static LinkMessage decode(NetlinkMessage m) throws MalformedMessageException {
        Attributes a = m.attributes(IFINFOMSG_LENGTH);
        ByteBuffer h = ByteBuffer.wrap(m.payloadView()).order(ByteOrder.nativeOrder());
        return new LinkMessage(Byte.toUnsignedInt(h.get(0)), Short.toUnsignedInt(h.getShort(2)), h.getInt(4),
                h.getInt(8), h.getInt(12), a);
    }

    /** IFLA_IFNAME, or null. */
    public String name() {
        return attributes.string(IFLA_IFNAME);
    }

    /** IFLA_LINK_NETNSID: the id, in this link's namespace, of its peer's namespace; or -1. */
    public int linkNetnsid() throws MalformedMessageException {
        return attributes.s32(IFLA_LINK_NETNSID, -1);
    }

    /** IFLA_LINK: the peer's (or lower device's) index; or 0. */
    public int link() throws MalformedMessageException {
        return attributes.s32(IFLA_LINK, 0);
    }

    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }
}
