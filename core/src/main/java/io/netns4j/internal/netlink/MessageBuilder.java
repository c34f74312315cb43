package io.netns4j.internal.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes one netlink message: the 16-byte header, the family's fixed header, then
 * attributes, nested to any depth. Values are in host byte order, as netlink wants;
 * {@link #build()} fills in the length. The sequence number and port id are left 0 for
 * the socket to set when it sends.
 */
public final class MessageBuilder {
    private final ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
    private byte[] buf = new byte[256];
    private int pos;
    private int openNests;

    public MessageBuilder(int type, int flags) {
        putInt(0);
        putShort(type);
        putShort(flags);
        putInt(0);
        putInt(0);
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }

    private void putShort(int v) {
        ensure(2);
        header.putShort(0, (short) v);
        System.arraycopy(header.array(), 0, buf, pos, 2);
        pos += 2;
    }

    private void putInt(int v) {
        ensure(4);
        header.putInt(0, v);
        System.arraycopy(header.array(), 0, buf, pos, 4);
        pos += 4;
    }

    private void putLong(long v) {
        ensure(8);
        header.putLong(0, v);
        System.arraycopy(header.array(), 0, buf, pos, 8);
        pos += 8;
    }

    private void putBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private void padTo4() {
        int aligned = Netlink.align(pos);
        ensure(aligned - pos);
        pos = aligned; // the array is zero-filled, so padding is zero
    }

    private void setShort(int at, int v) {
        header.putShort(0, (short) v);
        System.arraycopy(header.array(), 0, buf, at, 2);
    }

    // ---- the family's fixed header (ifinfomsg, rtgenmsg, ...) ----

    public MessageBuilder u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public MessageBuilder u16(int v) {
        putShort(v);
        return this;
    }

    public MessageBuilder u32(int v) {
        putInt(v);
        return this;
    }

    /** Zero bytes, e.g. a struct's padding. */
    public MessageBuilder zeros(int n) {
        ensure(n);
        pos += n;
        return this;
    }

    /** Pads the fixed header to 4 bytes, as NLMSG_ALIGN does before the attributes. */
    public MessageBuilder align() {
        padTo4();
        return this;
    }

    // ---- attributes ----

    private void attrHeader(int wireType, int valueLength) {
        padTo4();
        int len = Netlink.ATTR_HEADER_LENGTH + valueLength;
        if (len > 0xffff) {
            throw new IllegalArgumentException("attribute " + wireType + " is " + len + " bytes, over the 65535 netlink allows");
        }
        putShort(len);
        putShort(wireType);
    }

    public MessageBuilder attr(int type, byte[] value) {
        attrHeader(type, value.length);
        putBytes(value);
        return this;
    }

    /** Writes an attribute exactly as it was read, flags included. */
    public MessageBuilder attr(Attribute a) {
        byte[] v = a.rawValue();
        attrHeader(a.wireType(), v.length);
        putBytes(v);
        return this;
    }

    public MessageBuilder attrU8(int type, int value) {
        attrHeader(type, 1);
        return u8(value);
    }

    public MessageBuilder attrU16(int type, int value) {
        attrHeader(type, 2);
        putShort(value);
        return this;
    }

    public MessageBuilder attrU32(int type, int value) {
        attrHeader(type, 4);
        putInt(value);
        return this;
    }

    public MessageBuilder attrU64(int type, long value) {
        attrHeader(type, 8);
        putLong(value);
        return this;
    }

    /** A NUL-terminated string, as the kernel expects for names. */
    public MessageBuilder attrString(int type, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        attrHeader(type, b.length + 1);
        putBytes(b);
        u8(0);
        return this;
    }

    /** A string without its terminating NUL, as iproute2 writes IFLA_INFO_KIND. */
    public MessageBuilder attrBytesOf(int type, String value) {
        return attr(type, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A flag attribute: present, with no value. */
    public MessageBuilder attrFlag(int type) {
        attrHeader(type, 0);
        return this;
    }

    /** Opens a nested attribute (flagged NLA_F_NESTED); close it with {@link #endNested(int)}. Returns its mark. */
    public int beginNested(int type) {
        return beginNested(type, true);
    }

    /**
     * Opens a nested attribute, with or without the NLA_F_NESTED flag. rtnetlink's older
     * nests (IFLA_LINKINFO and below) are written without it by iproute2; both parse.
     */
    public int beginNested(int type, boolean flagged) {
        attrHeader(flagged ? type | Netlink.NLA_F_NESTED : type, 0);
        openNests++;
        return pos - Netlink.ATTR_HEADER_LENGTH;
    }

    /** Closes the nested attribute opened at {@code mark}, fixing its length. */
    public MessageBuilder endNested(int mark) {
        padTo4();
        int len = pos - mark;
        if (len > 0xffff) {
            throw new IllegalArgumentException("nested attribute is " + len + " bytes, over the 65535 netlink allows");
        }
        setShort(mark, len);
        openNests--;
        return this;
    }

    /** The finished message, length filled in, padded to 4 bytes. */
    public byte[] build() {
        if (openNests != 0) {
            throw new IllegalStateException(openNests + " nested attribute(s) left open");
        }
        padTo4();
        byte[] out = Arrays.copyOf(buf, pos);
        ByteBuffer.wrap(out).order(ByteOrder.nativeOrder()).putInt(0, pos);
        return out;
    }
}
