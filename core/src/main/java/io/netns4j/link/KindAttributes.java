package io.netns4j.link;

import io.netns4j.error.MalformedMessageException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A link kind's attributes as the kernel reported them (IFLA_INFO_DATA, or a port's
 * IFLA_INFO_SLAVE_DATA), kept raw by their IFLA_* number so that nothing the kernel sends is
 * lost; read with the width the kind's header gives. {@code ip -d link show} prints them.
 */
public final class KindAttributes {
    /** No attributes. */
    public static final KindAttributes NONE = new KindAttributes(Map.of());

    private final Map<Integer, byte[]> values;

    private KindAttributes(Map<Integer, byte[]> values) {
        this.values = values;
    }

    /** The attributes of {@code values}, copied, in their order. */
    static KindAttributes of(Map<Integer, byte[]> values) {
        Map<Integer, byte[]> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v.clone()));
        return copy.isEmpty() ? NONE : new KindAttributes(copy);
    }

    /**
     * The attribute numbers present, in the kernel's order.
     *
     * @return the numbers
     */
    public Set<Integer> types() {
        return values.keySet();
    }

    /**
     * Whether attribute {@code type} was sent.
     *
     * @param type the IFLA_* number
     * @return whether it is present
     */
    public boolean has(int type) {
        return values.containsKey(type);
    }

    /**
     * An unsigned 8-bit attribute.
     *
     * @param type the IFLA_* number
     * @return the value, or null when absent
     * @throws MalformedMessageException when it is shorter than a byte
     */
    public Long u8(int type) throws MalformedMessageException {
        byte[] v = need(type, 1);
        return v == null ? null : (long) Byte.toUnsignedInt(v[0]);
    }

    /**
     * An unsigned 16-bit attribute in host order.
     *
     * @param type the IFLA_* number
     * @return the value, or null when absent
     * @throws MalformedMessageException when it is shorter than 2 bytes
     */
    public Long u16(int type) throws MalformedMessageException {
        byte[] v = need(type, 2);
        return v == null ? null : (long) Short.toUnsignedInt(host(v).getShort(0));
    }

    /**
     * An unsigned 32-bit attribute in host order.
     *
     * @param type the IFLA_* number
     * @return the value, or null when absent
     * @throws MalformedMessageException when it is shorter than 4 bytes
     */
    public Long u32(int type) throws MalformedMessageException {
        byte[] v = need(type, 4);
        return v == null ? null : Integer.toUnsignedLong(host(v).getInt(0));
    }

    /**
     * A 64-bit attribute in host order.
     *
     * @param type the IFLA_* number
     * @return the value, or null when absent
     * @throws MalformedMessageException when it is shorter than 8 bytes
     */
    public Long u64(int type) throws MalformedMessageException {
        byte[] v = need(type, 8);
        return v == null ? null : host(v).getLong(0);
    }

    /**
     * The raw bytes of an attribute (a MAC address, a bridge id).
     *
     * @param type the IFLA_* number
     * @return a copy, or null when absent
     */
    public byte[] bytes(int type) {
        byte[] v = values.get(type);
        return v == null ? null : v.clone();
    }

    private byte[] need(int type, int length) throws MalformedMessageException {
        byte[] v = values.get(type);
        if (v != null && v.length < length) {
            throw new MalformedMessageException("link kind attribute " + type + " has " + v.length + " bytes, needs "
                    + length);
        }
        return v;
    }

    private static ByteBuffer host(byte[] v) {
        return ByteBuffer.wrap(v).order(ByteOrder.nativeOrder());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KindAttributes k) || !k.values.keySet().equals(values.keySet())) {
            return false;
        }
        return values.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), k.values.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return values.keySet().hashCode();
    }

    @Override
    public String toString() {
        return "KindAttributes" + values.keySet();
    }
}
