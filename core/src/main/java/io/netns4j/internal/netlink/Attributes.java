package io.netns4j.internal.netlink;


import io.netns4j.error.MalformedMessageException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A parsed, bounds-checked run of netlink attributes, in wire order. Typed getters check
 * the value's length against the type and throw {@link MalformedMessageException} rather
 * than read past it.
 */
public final class Attributes {
    private static final Attributes EMPTY = new Attributes(List.of());
    private final List<Attribute> list;

    private Attributes(List<Attribute> list) {
        this.list = list;
    }

    public static Attributes empty() {
        return EMPTY;
    }

    /** Attributes built in code, e.g. for a request. */
    public static Attributes of(List<Attribute> attributes) {
        return attributes.isEmpty() ? EMPTY : new Attributes(List.copyOf(attributes));
    }

    /** Parses {@code length} bytes of {@code data} starting at {@code offset}. */
    public static Attributes parse(byte[] data, int offset, int length) throws MalformedMessageException {
        if (offset < 0 || length < 0 || offset > data.length || length > data.length - offset) {
            throw new MalformedMessageException("attribute area " + offset + "+" + length
                    + " lies outside a buffer of " + data.length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(data, offset, length).order(ByteOrder.nativeOrder());
        List<Attribute> out = new ArrayList<>();
        int end = offset + length;
        int pos = offset;
        while (pos < end) {
            if (end - pos < Netlink.ATTR_HEADER_LENGTH) {
                throw new MalformedMessageException((end - pos) + " stray bytes after the last attribute at offset " + pos);
            }
            int len = Short.toUnsignedInt(buf.getShort(pos));
            int wireType = Short.toUnsignedInt(buf.getShort(pos + 2));
            if (len < Netlink.ATTR_HEADER_LENGTH || len > end - pos) {
                throw new MalformedMessageException("attribute type " + (wireType & Netlink.NLA_TYPE_MASK)
                        + " at offset " + pos + " claims length " + len + " but " + (end - pos) + " bytes remain");
            }
            byte[] value = new byte[len - Netlink.ATTR_HEADER_LENGTH];
            System.arraycopy(data, pos + Netlink.ATTR_HEADER_LENGTH, value, 0, value.length);
            out.add(new Attribute(wireType & Netlink.NLA_TYPE_MASK, (wireType & Netlink.NLA_F_NESTED) != 0,
                    (wireType & Netlink.NLA_F_NET_BYTEORDER) != 0, value));
            pos += Math.min(Netlink.align(len), end - pos);
        }
        return new Attributes(List.copyOf(out));
    }

    /** Parses the whole of {@code data}. */
    public static Attributes parse(byte[] data) throws MalformedMessageException {
        return parse(data, 0, data.length);
    }

    /** All attributes, in wire order. */
    public List<Attribute> all() {
        return list;
    }

    /** The attributes whose types are not in {@code known}: what a decoder keeps as raw. */
    public List<Attribute> except(Set<Integer> known) {
        return list.stream().filter(a -> !known.contains(a.type())).toList();
    }

    public boolean has(int type) {
        return find(type) != null;
    }

    /** The last attribute of that type (the kernel's rule when one repeats), or null. */
    public Attribute find(int type) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).type() == type) {
                return list.get(i);
            }
        }
        return null;
    }

    private byte[] need(int type, int minLength, String what) throws MalformedMessageException {
        Attribute a = find(type);
        if (a == null) {
            return null;
        }
        if (a.length() < minLength) {
            throw new MalformedMessageException("attribute type " + type + " has " + a.length()
                    + " bytes, a " + what + " needs " + minLength);
        }
        return a.rawValue();
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
    }

    /** An unsigned 8-bit value, or {@code orElse} when absent. */
    public int u8(int type, int orElse) throws MalformedMessageException {
        byte[] v = need(type, 1, "u8");
        return v == null ? orElse : Byte.toUnsignedInt(v[0]);
    }

    /** An unsigned 16-bit value, or {@code orElse} when absent. */
    public int u16(int type, int orElse) throws MalformedMessageException {
        byte[] v = need(type, 2, "u16");
        return v == null ? orElse : Short.toUnsignedInt(le(v).getShort(0));
    }

    /** A 32-bit value (signed or not: the caller decides), or {@code orElse} when absent. */
    public int s32(int type, int orElse) throws MalformedMessageException {
        byte[] v = need(type, 4, "32-bit value");
        return v == null ? orElse : le(v).getInt(0);
    }

    /** An unsigned 32-bit value as a long, or {@code orElse} when absent. */
    public long u32(int type, long orElse) throws MalformedMessageException {
        byte[] v = need(type, 4, "u32");
        return v == null ? orElse : Integer.toUnsignedLong(le(v).getInt(0));
    }

    /** A 64-bit value, or {@code orElse} when absent. */
    public long u64(int type, long orElse) throws MalformedMessageException {
        byte[] v = need(type, 8, "u64");
        return v == null ? orElse : le(v).getLong(0);
    }

    /** A string, up to its first NUL; null when absent. */
    public String string(int type) {
        Attribute a = find(type);
        if (a == null) {
            return null;
        }
        byte[] v = a.rawValue();
        int n = 0;
        while (n < v.length && v[n] != 0) {
            n++;
        }
        return new String(v, 0, n, StandardCharsets.UTF_8);
    }

    /** The raw value bytes; null when absent. */
    public byte[] bytes(int type) {
        Attribute a = find(type);
        return a == null ? null : a.value();
    }

    /** The attributes nested inside {@code type}; empty when absent. */
    public Attributes nested(int type) throws MalformedMessageException {
        Attribute a = find(type);
        return a == null ? EMPTY : parse(a.rawValue());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attributes a && a.list.equals(list);
    }

    @Override
    public int hashCode() {
        return list.hashCode();
    }

    @Override
    public String toString() {
        return list.toString();
    }
}
