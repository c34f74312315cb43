package io.netns4j.internal.netlink.route;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RTM_NEWROUTE / RTM_DELROUTE / RTM_GETROUTE: a {@code struct rtmsg} (12 bytes: family,
 * dst_len, src_len, tos, table, protocol, scope, type, then u32 flags) and RTA_* attributes,
 * all kept in wire order, unknown ones included. Accessors read the attributes the route
 * layer uses; RTA_MULTIPATH is read and written as {@link Nexthop}s.
 */
public record RouteMessage(int family, int dstLen, int srcLen, int tos, int table, int protocol, int scope,
                           int type, int flags, Attributes attributes) {
    static final int RTMSG_LENGTH = 12;

    public byte[] encode(int msgType, int msgFlags) {
        MessageBuilder b = new MessageBuilder(msgType, msgFlags).u8(family).u8(dstLen).u8(srcLen).u8(tos).u8(table)
                .u8(protocol).u8(scope).u8(type).u32(flags);
        attributes.all().forEach(b::attr);
        return b.build();
    }

    public static RouteMessage decode(NetlinkMessage m) throws MalformedMessageException {
        Attributes a = m.attributes(RTMSG_LENGTH);
        byte[] p = m.payloadView();
        return new RouteMessage(u(p[0]), u(p[1]), u(p[2]), u(p[3]), u(p[4]), u(p[5]), u(p[6]), u(p[7]),
                ByteBuffer.wrap(p).order(ByteOrder.nativeOrder()).getInt(8), a);
    }

    private static int u(byte b) {
        return Byte.toUnsignedInt(b);
    }

    /** The table: RTA_TABLE when present (ids of 256 and more live only there), else the header's. */
    public long tableId() throws MalformedMessageException {
        return attributes.u32(Rta.RTA_TABLE, table);
    }

    /** An attribute's raw bytes (an address, for RTA_DST, RTA_GATEWAY, ...), or null. */
    public byte[] bytes(int type) {
        return attributes.bytes(type);
    }

    /** RTA_OIF, or 0. */
    public int outputIndex() throws MalformedMessageException {
        return attributes.s32(Rta.RTA_OIF, 0);
    }

    /** RTA_PRIORITY (the metric), or null. */
    public Long priority() throws MalformedMessageException {
        return attributes.has(Rta.RTA_PRIORITY) ? attributes.u32(Rta.RTA_PRIORITY, 0) : null;
    }

    /** The RTAX_* attributes nested in RTA_METRICS; empty when absent. */
    public Attributes metrics() throws MalformedMessageException {
        return attributes.nested(Rta.RTA_METRICS);
    }

    /** The next hops of RTA_MULTIPATH; empty when absent. */
    public List<Nexthop> nexthops() throws MalformedMessageException {
        byte[] v = attributes.bytes(Rta.RTA_MULTIPATH);
        return v == null ? List.of() : Nexthop.decodeAll(v);
    }

    /**
     * One {@code struct rtnexthop} of RTA_MULTIPATH: flags (RTNH_F_*), hops (the weight less
     * one), the output interface and its own attributes (RTA_GATEWAY, RTA_VIA, ...).
     */
    public record Nexthop(int flags, int hops, int ifindex, Attributes attributes) {
        /** Reads every next hop of an RTA_MULTIPATH value, trusting no length in it. */
        public static List<Nexthop> decodeAll(byte[] v) throws MalformedMessageException {
            ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.nativeOrder());
            List<Nexthop> out = new ArrayList<>();
            int pos = 0;
            while (v.length - pos >= Rta.RTNEXTHOP_LENGTH) {
                int len = Short.toUnsignedInt(b.getShort(pos));
                if (len < Rta.RTNEXTHOP_LENGTH || len > v.length - pos) {
                    throw new MalformedMessageException("next hop at offset " + pos + " claims length " + len
                            + " but " + (v.length - pos) + " bytes remain");
                }
                out.add(new Nexthop(Byte.toUnsignedInt(b.get(pos + 2)), Byte.toUnsignedInt(b.get(pos + 3)),
                        b.getInt(pos + 4), Attributes.parse(v, pos + Rta.RTNEXTHOP_LENGTH, len - Rta.RTNEXTHOP_LENGTH)));
                pos += Math.min(Netlink.align(len), v.length - pos);
            }
            if (pos != v.length) {
                throw new MalformedMessageException((v.length - pos) + " stray bytes after the last next hop");
            }
            return out;
        }

        /** The value of an RTA_MULTIPATH attribute holding {@code hops}. */
        public static byte[] encodeAll(List<Nexthop> hops) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Nexthop h : hops) {
                byte[] attrs = pack(h.attributes.all());
                ByteBuffer head = ByteBuffer.allocate(Rta.RTNEXTHOP_LENGTH).order(ByteOrder.nativeOrder());
                head.putShort((short) (Rta.RTNEXTHOP_LENGTH + attrs.length)).put((byte) h.flags).put((byte) h.hops)
                        .putInt(h.ifindex);
                out.writeBytes(head.array());
                out.writeBytes(attrs);
            }
            return out.toByteArray();
        }
    }

    // ---- attribute values, in host byte order as netlink wants ----

    public static Attribute attrU8(int type, int value) {
        return new Attribute(type, new byte[] {(byte) value});
    }

    public static Attribute attrU16(int type, int value) {
        return new Attribute(type, ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) value).array());
    }

    public static Attribute attrU32(int type, long value) {
        return new Attribute(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt((int) value).array());
    }

    /** A NUL-terminated string. */
    public static Attribute attrString(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        byte[] v = new byte[s.length + 1];
        System.arraycopy(s, 0, v, 0, s.length);
        return new Attribute(type, v);
    }

    /** An attribute whose value is other attributes, as {@code ip} writes RTA_METRICS (no NLA_F_NESTED). */
    public static Attribute attrNested(int type, List<Attribute> inner) {
        return new Attribute(type, pack(inner));
    }

    /** Attributes as bytes: each header and value, padded to 4 bytes. */
    public static byte[] pack(List<Attribute> list) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Attribute a : list) {
            byte[] v = a.value();
            int len = Netlink.ATTR_HEADER_LENGTH + v.length;
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putShort((short) len)
                    .putShort((short) a.wireType()).array());
            out.writeBytes(v);
            out.writeBytes(new byte[Netlink.align(len) - len]);
        }
        return out.toByteArray();
    }
}
