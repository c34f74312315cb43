package io.netns4j.lab.file;

import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses of a subnet an interface may take: not an IPv4 subnet's network or broadcast
 * address (a /31 or /32 has neither), not an IPv6 subnet's all-zero host part (the
 * subnet-router anycast address; a /127 or /128 has none, RFC 6164).
 */
final class HostAddress {
    private HostAddress() {
    }

    /** Why {@code a} cannot be an interface's address, with what to write instead; or null. */
    static String[] refusal(InetPrefix a) {
        int bits = a.isIpv6() ? 128 : 32;
        int limit = a.isIpv6() ? 127 : 31;
        if (a.length() >= limit) {
            return null;
        }
        InetPrefix subnet = a.network();
        BigInteger value = value(a.address());
        BigInteger first = value(subnet.address());
        int size = bits / 8;
        BigInteger last = first.add(BigInteger.ONE.shiftLeft(bits - a.length())).subtract(BigInteger.ONE);
        String range = "the hosts of " + subnet + " are " + InetText.format(at(subnet, BigInteger.ONE)) + " to "
                + InetText.format(address(a.isIpv6() ? last : last.subtract(BigInteger.ONE), size));
        if (value.equals(first)) {
            return new String[] {a.isIpv6()
                    ? "address " + a + " is the subnet-router anycast address of " + subnet + " (its host part is zero)"
                    : "address " + a + " is the network address of its subnet " + subnet,
                    "give a host address, e.g. " + InetText.format(at(subnet, BigInteger.ONE)) + "/" + a.length()
                            + " (" + range + ")"};
        }
        if (!a.isIpv6() && value.equals(last)) {
            return new String[] {"address " + a + " is the broadcast address of its subnet " + subnet,
                    "give a host address, e.g. " + InetText.format(address(last.subtract(BigInteger.ONE), size)) + "/"
                            + a.length() + " (" + range + ")"};
        }
        return null;
    }

    /** The address {@code offset} past {@code base}'s network address. */
    static InetAddress at(InetPrefix base, BigInteger offset) {
        return address(value(base.network().address()).add(offset), base.isIpv6() ? 16 : 4);
    }

    private static BigInteger value(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    private static InetAddress address(BigInteger v, int size) {
        byte[] raw = v.toByteArray();
        byte[] b = new byte[size];
        int n = Math.min(raw.length, size);
        System.arraycopy(raw, raw.length - n, b, size - n, n);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
