package io.netns4j.internal.netlink.route;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.NetlinkMessage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * RTM_NEWRULE / RTM_DELRULE / RTM_GETRULE: a {@code struct fib_rule_hdr} (12 bytes: family,
 * dst_len, src_len, tos, table, res1, res2, action, then u32 flags) and FRA_* attributes, all
 * kept in wire order, unknown ones included. The reserved bytes are written as zero.
 */
public record RuleMessage(int family, int dstLen, int srcLen, int tos, int table, int action, int flags,
                          Attributes attributes) {
    static final int FIB_RULE_HDR_LENGTH = 12;

    public byte[] encode(int msgType, int msgFlags) {
        MessageBuilder b = new MessageBuilder(msgType, msgFlags).u8(family).u8(dstLen).u8(srcLen).u8(tos).u8(table)
                .u8(0).u8(0).u8(action).u32(flags);
        attributes.all().forEach(b::attr);
        return b.build();
    }

    public static RuleMessage decode(NetlinkMessage m) throws MalformedMessageException {
        Attributes a = m.attributes(FIB_RULE_HDR_LENGTH);
        byte[] p = m.payloadView();
        return new RuleMessage(u(p[0]), u(p[1]), u(p[2]), u(p[3]), u(p[4]), u(p[7]),
                ByteBuffer.wrap(p).order(ByteOrder.nativeOrder()).getInt(8), a);
    }

    private static int u(byte b) {
        return Byte.toUnsignedInt(b);
    }

    /** The table: FRA_TABLE when present (ids of 256 and more live only there), else the header's. */
    public long tableId() throws MalformedMessageException {
        return attributes.u32(Fra.FRA_TABLE, table);
    }

    /** FRA_PRIORITY; 0 when absent (the kernel leaves it out for priority 0). */
    public long priority() throws MalformedMessageException {
        return attributes.u32(Fra.FRA_PRIORITY, 0);
    }

    /** A u32 attribute, or null when absent. */
    public Long u32(int type) throws MalformedMessageException {
        return attributes.has(type) ? attributes.u32(type, 0) : null;
    }

    public boolean inverted() {
        return (flags & Fra.FIB_RULE_INVERT) != 0;
    }
}
