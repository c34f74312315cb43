package io.netns4j.cli;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.link.KindAttributes;
import io.netns4j.types.InetText;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Where a kind's printer writes, in the shape of ip's print_* calls: each call goes to the
 * {@code -d} text, the {@code -j -d} object ({@code info_data}), or both, so that a kind's
 * printer is written once, in ip's order, for both outputs.
 */
final class InfoDataOut {
    private final StringBuilder text = new StringBuilder();
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final KindAttributes data;
    private final IntFunction<String> names;

    InfoDataOut(KindAttributes data, IntFunction<String> names) {
        this.data = data;
        this.names = names;
    }

    KindAttributes data() {
        return data;
    }

    /** ip's PRINT_ANY: {@code words} (already with its trailing space) in text, {@code value} under {@code key}. */
    void any(String key, String words, Object value) {
        text.append(words);
        json.put(key, value);
    }

    /** PRINT_FP: text only. */
    void text(String words) {
        text.append(words);
    }

    /** PRINT_JSON: the object only. */
    void json(String key, Object value) {
        json.put(key, value);
    }

    String text() {
        return text.toString();
    }

    Map<String, Object> object() {
        return json;
    }

    /** ll_index_to_name: the device's name, or {@code if N} when this listing does not have it. */
    String device(long index) {
        String n = names.apply((int) index);
        return n != null ? n : "if" + index;
    }

    /** The address in {@code type} as ip prints it, or null when absent, short or unspecified. */
    String address(int type, boolean ipv6) {
        byte[] b = data.bytes(type);
        int length = ipv6 ? 16 : 4;
        if (b == null || b.length < length) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByAddress(java.util.Arrays.copyOf(b, length));
            return a.isAnyLocalAddress() ? null : InetText.format(a);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether the address in {@code type} is a multicast one. */
    boolean multicast(int type) {
        byte[] b = data.bytes(type);
        return b != null && (b.length == 4 ? (b[0] & 0xf0) == 0xe0 : b.length == 16 && (b[0] & 0xff) == 0xff);
    }

    /** A 32-bit value in network order as a dotted quad (inet_ntop of a key), or null when absent. */
    String dotted(int type) {
        byte[] b = data.bytes(type);
        if (b == null || b.length < 4) {
            return null;
        }
        return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }

    /** A big-endian 16-bit value (a port), or null. */
    Long be16(int type) {
        byte[] b = data.bytes(type);
        return b == null || b.length < 2 ? null : (long) (((b[0] & 0xff) << 8) | (b[1] & 0xff));
    }

    /** A big-endian 32-bit value (a flow label), or null. */
    Long be32(int type) {
        byte[] b = data.bytes(type);
        return b == null || b.length < 4 ? null
                : ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    }

    long u8(int type, long absent) throws MalformedMessageException {
        Long v = data.u8(type);
        return v == null ? absent : v;
    }

    long u16(int type, long absent) throws MalformedMessageException {
        Long v = data.u16(type);
        return v == null ? absent : v;
    }

    long u32(int type, long absent) throws MalformedMessageException {
        Long v = data.u32(type);
        return v == null ? absent : v;
    }

    boolean has(int type) {
        return data.has(type);
    }

    /** C's {@code %#llx}. */
    static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }
}
