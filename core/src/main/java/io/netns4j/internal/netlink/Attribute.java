package io.netns4j.internal.netlink;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One netlink attribute as it was on the wire: its type (flags removed), whether the
 * kernel marked it nested or in network byte order, and its value bytes. Decoders keep
 * attributes they do not know as {@code Attribute}s so that nothing is lost.
 */
public record Attribute(int type, boolean nested, boolean netByteOrder, byte[] value) {
    public Attribute {
        value = value.clone();
    }

    public Attribute(int type, byte[] value) {
        this(type, false, false, value);
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    int length() {
        return value.length;
    }

    byte[] rawValue() {
        return value;
    }

    /** The type field as written on the wire, flags included. */
    public int wireType() {
        return type | (nested ? Netlink.NLA_F_NESTED : 0) | (netByteOrder ? Netlink.NLA_F_NET_BYTEORDER : 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attribute a && a.type == type && a.nested == nested
                && a.netByteOrder == netByteOrder && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * wireType() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Attribute[type=" + type + (nested ? ",nested" : "") + ",value=" + HexFormat.of().formatHex(value) + "]";
    }
}
