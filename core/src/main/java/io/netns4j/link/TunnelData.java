package io.netns4j.link;

import io.netns4j.error.MalformedMessageException;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.IntFunction;

/**
 * What the tunnel kinds ({@link IpTunnel}, {@link Ip6Tunnel}, {@link GreTunnel}, {@link VtiTunnel})
 * share: endpoint addresses and keys in network byte order, checked before anything is sent,
 * and read back from the kernel's IFLA_INFO_DATA without trusting its lengths.
 */
final class TunnelData {
    private TunnelData() {
    }

    /** Checks that {@code a} (null for "any") is of the tunnel's family. */
    static InetAddress check(InetAddress a, boolean ipv6, String word, String kind) {
        if (a != null && (a instanceof Inet6Address) != ipv6) {
            throw new IllegalArgumentException(kind + " takes an " + (ipv6 ? "IPv6" : "IPv4") + " address after \""
                    + word + "\", not " + io.netns4j.types.InetText.format(a));
        }
        return a == null || a.isAnyLocalAddress() ? null : a;
    }

    /** Checks an unsigned value ip reads with {@code max} as its largest. */
    static int range(int value, int max, String word, String kind) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(kind + " " + word + " " + value + " is out of range (0 to " + max + ")");
        }
        return value;
    }

    /** A 32-bit key, or -1 for none when {@code noneAllowed}. */
    static long key(long value, boolean noneAllowed, String word, String kind) {
        if ((value < 0 && !(noneAllowed && value == -1)) || value > 0xffffffffL) {
            throw new IllegalArgumentException(kind + " " + word + " " + value + " is out of range (0 to 4294967295)");
        }
        return value;
    }

    /** Writes {@code a} when there is one (ip leaves an unspecified endpoint out). */
    static void address(LinkKindData d, int type, InetAddress a) {
        if (a != null) {
            d.bytes(type, a.getAddress());
        }
    }

    /** A value in network byte order (keys, flow information). */
    static byte[] bigEndian(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** A 64-bit value in network byte order (a macsec SCI). */
    static byte[] bigEndian8(long v) {
        return java.nio.ByteBuffer.allocate(8).putLong(v).array();
    }

    /** The address in {@code type}, null when absent or unspecified. */
    static InetAddress address(KindAttributes k, int type, boolean ipv6) throws MalformedMessageException {
        byte[] b = k.bytes(type);
        if (b == null) {
            return null;
        }
        int length = ipv6 ? 16 : 4;
        if (b.length < length) {
            throw new MalformedMessageException("tunnel address attribute " + type + " has " + b.length
                    + " bytes, needs " + length);
        }
        byte[] exact = java.util.Arrays.copyOf(b, length);
        try {
            InetAddress a = InetAddress.getByAddress(exact);
            return a.isAnyLocalAddress() ? null : a;
        } catch (UnknownHostException e) {
            throw new MalformedMessageException("tunnel address attribute " + type + ": " + e.getMessage());
        }
    }

    /** An unsigned 32-bit value in network byte order, or {@code absent}. */
    static long bigEndian(KindAttributes k, int type, long absent) throws MalformedMessageException {
        byte[] b = k.bytes(type);
        if (b == null) {
            return absent;
        }
        if (b.length < 4) {
            throw new MalformedMessageException("tunnel attribute " + type + " has " + b.length + " bytes, needs 4");
        }
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    }

    static int u8(KindAttributes k, int type, int absent) throws MalformedMessageException {
        Long v = k.u8(type);
        return v == null ? absent : (int) (long) v;
    }

    static int u32(KindAttributes k, int type, int absent) throws MalformedMessageException {
        Long v = k.u32(type);
        return v == null ? absent : (int) (long) v;
    }

    /** The device a tunnel's IFLA_*_LINK names, through {@code names}; null for none (0 or absent). */
    static String device(KindAttributes k, int type, IntFunction<String> names) throws MalformedMessageException {
        int index = u32(k, type, 0);
        if (index == 0) {
            return null;
        }
        String name = names.apply(index);
        return name != null ? name : "if" + Integer.toUnsignedString(index);
    }

    /** IP6_TNL_F_IGN_ENCAP_LIMIT: {@code encaplimit none}. */
    static final int IGN_ENCAP_LIMIT = 0x1;
    /** IP6_TNL_F_USE_ORIG_TCLASS: {@code tclass inherit}. */
    static final int USE_ORIG_TCLASS = 0x2;
    /** IP6_TNL_F_USE_ORIG_FLOWLABEL: {@code flowlabel inherit}. */
    static final int USE_ORIG_FLOWLABEL = 0x4;
    /** ip's default encapsulation limit (IPV6_DEFAULT_TNL_ENCAP_LIMIT). */
    static final int DEFAULT_ENCAP_LIMIT = 4;

    /** Checks an IPv6 tunnel's encaplimit (-1 none), tclass and flowlabel (-1 inherit). */
    static void checkIp6(int encapLimit, int trafficClass, int flowLabel, String kind) {
        if (encapLimit != -1) {
            range(encapLimit, 255, "encaplimit", kind);
        }
        if (trafficClass != -1) {
            range(trafficClass, 255, "tclass", kind);
        }
        if (flowLabel != -1) {
            range(flowLabel, 0xfffff, "flowlabel", kind);
        }
    }

    /** The IP6_TNL_F_* flags ip sends for these settings. */
    static int ip6Flags(int encapLimit, int trafficClass, int flowLabel) {
        return (encapLimit == -1 ? IGN_ENCAP_LIMIT : 0) | (trafficClass == -1 ? USE_ORIG_TCLASS : 0)
                | (flowLabel == -1 ? USE_ORIG_FLOWLABEL : 0);
    }

    /** The flow information word (network order): traffic class in bits 20-27, flow label in 0-19. */
    static byte[] flowInfo(int trafficClass, int flowLabel) {
        long v = (trafficClass == -1 ? 0L : (long) trafficClass << 20) | (flowLabel == -1 ? 0 : flowLabel);
        return bigEndian(v);
    }

    /** {encapLimit, trafficClass, flowLabel} read back from the limit, flow information and flags. */
    static int[] ip6Settings(int limit, long flowInfo, int flags) {
        return new int[] {(flags & IGN_ENCAP_LIMIT) != 0 ? -1 : limit,
            (flags & USE_ORIG_TCLASS) != 0 ? -1 : (int) ((flowInfo >>> 20) & 0xff),
            (flags & USE_ORIG_FLOWLABEL) != 0 ? -1 : (int) (flowInfo & 0xfffff)};
    }
}
