package io.netns4j.internal.netlink.route;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.NetlinkMessage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * RTM_NEWQDISC / RTM_DELQDISC / RTM_GETQDISC: a {@code struct tcmsg} (20 bytes) and TCA_*
 * attributes, kept in wire order.
 */
public record TcMessage(int family, int ifindex, int handle, int parent, int info, Attributes attributes) {
    public static final int RTM_NEWQDISC = 36;
    public static final int RTM_DELQDISC = 37;
    public static final int RTM_GETQDISC = 38;
    public static final int TCA_KIND = 1;
    public static final int TCA_OPTIONS = 2;
    public static final int TCA_STATS2 = 7;
    /** The root of a device's egress. */
    public static final int TC_H_ROOT = 0xFFFFFFFF;
    static final int TCMSG_LENGTH = 20;

    /** Writes the fixed header of a request on {@code ifindex} at {@code parent}. */
    public static MessageBuilder request(int type, int flags, int ifindex, int handle, int parent) {
        return new MessageBuilder(type, flags).u8(0).u8(0).u16(0).u32(ifindex).u32(handle).u32(parent).u32(0);
    }

    public static TcMessage decode(NetlinkMessage m) throws MalformedMessageException {
        Attributes a = m.attributes(TCMSG_LENGTH);
        ByteBuffer h = ByteBuffer.wrap(m.payloadView()).order(ByteOrder.nativeOrder());
        return new TcMessage(Byte.toUnsignedInt(h.get(0)), h.getInt(4), h.getInt(8), h.getInt(12), h.getInt(16), a);
    }

    public String kind() {
        return attributes.string(TCA_KIND);
    }
}
