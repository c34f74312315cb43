package io.netns4j.internal.netlink;


import io.netns4j.error.MalformedMessageException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One netlink message: header fields and the payload after the 16-byte header (the
 * family's fixed header and its attributes). {@link #parseAll} splits a received datagram
 * into messages, trusting no length it reads.
 */
public record NetlinkMessage(int type, int flags, int seq, int pid, byte[] payload) {
    public NetlinkMessage {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload without a defensive copy, for decoders in this package tree. */
    public byte[] payloadView() {
        return payload;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    /** Splits {@code length} bytes of a datagram into messages. */
    public static List<NetlinkMessage> parseAll(byte[] data, int length) throws MalformedMessageException {
        if (length < 0 || length > data.length) {
            throw new MalformedMessageException("datagram length " + length + " outside a buffer of " + data.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(data, 0, length).order(ByteOrder.nativeOrder());
        List<NetlinkMessage> out = new ArrayList<>();
        int pos = 0;
        while (pos < length) {
            int remaining = length - pos;
            if (remaining < Netlink.HEADER_LENGTH) {
                throw new MalformedMessageException(remaining + " bytes at offset " + pos + " are too short for a message header");
            }
            long msgLen = Integer.toUnsignedLong(buf.getInt(pos));
            if (msgLen < Netlink.HEADER_LENGTH || msgLen > remaining) {
                throw new MalformedMessageException("message at offset " + pos + " claims length " + msgLen
                        + " but " + remaining + " bytes remain");
            }
            int len = (int) msgLen;
            out.add(new NetlinkMessage(Short.toUnsignedInt(buf.getShort(pos + 4)),
                    Short.toUnsignedInt(buf.getShort(pos + 6)), buf.getInt(pos + 8), buf.getInt(pos + 12),
                    Arrays.copyOfRange(data, pos + Netlink.HEADER_LENGTH, pos + len)));
            pos += (int) Math.min((len + 3L) & ~3L, remaining);
        }
        return out;
    }

    /** The message as bytes on the wire. */
    public byte[] encode() {
        int len = Netlink.HEADER_LENGTH + payload.length;
        ByteBuffer b = ByteBuffer.allocate(Netlink.align(len)).order(ByteOrder.nativeOrder());
        b.putInt(len).putShort((short) type).putShort((short) flags).putInt(seq).putInt(pid).put(payload);
        return b.array();
    }

    /** The attributes after a fixed header of {@code fixedHeaderLength} bytes. */
    public Attributes attributes(int fixedHeaderLength) throws MalformedMessageException {
        int start = Netlink.align(fixedHeaderLength);
        if (payload.length < fixedHeaderLength) {
            throw new MalformedMessageException("message type " + type + " has " + payload.length
                    + " payload bytes, its fixed header needs " + fixedHeaderLength);
        }
        if (start >= payload.length) {
            return Attributes.empty();
        }
        return Attributes.parse(payload, start, payload.length - start);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetlinkMessage m && m.type == type && m.flags == flags && m.seq == seq
                && m.pid == pid && Arrays.equals(m.payload, payload);
    }

    @Override
    public int hashCode() {
        return ((type * 31 + flags) * 31 + seq) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "NetlinkMessage[type=" + type + ",flags=0x" + Integer.toHexString(flags) + ",seq=" + seq
                + ",pid=" + pid + ",payload=" + HexFormat.of().formatHex(payload) + "]";
    }
}
