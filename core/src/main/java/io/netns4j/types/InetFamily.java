package io.netns4j.types;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The two IP families a route or rule belongs to: {@code ip -4} and {@code ip -6}. */
public enum InetFamily {
    /** IPv4: AF_INET (2), 32-bit addresses, {@code ip -4}. */
    IPV4(2, 32, "inet"),
    /** IPv6: AF_INET6 (10), 128-bit addresses, {@code ip -6}. */
    IPV6(10, 128, "inet6");

    private final int number;
    private final int bits;
    private final String ipName;

    InetFamily(int number, int bits, String ipName) {
        this.number = number;
        this.bits = bits;
        this.ipName = ipName;
    }

    /**
     * The kernel's address family number.
     *
     * @return AF_INET (2) or AF_INET6 (10)
     */
    public int number() {
        return number;
    }

    /**
     * The address length.
     *
     * @return 32 or 128 (bits)
     */
    public int bits() {
        return bits;
    }

    /**
     * The name {@code ip} uses for the family.
     *
     * @return {@code inet} or {@code inet6}
     */
    public String ipName() {
        return ipName;
    }

    /**
     * The family of an address.
     *
     * @param a an address, not null
     * @return {@link #IPV4} for an {@link Inet4Address}, {@link #IPV6} otherwise
     */
    public static InetFamily of(InetAddress a) {
        return a instanceof Inet4Address ? IPV4 : IPV6;
    }

    /**
     * The family with a kernel family number.
     *
     * @param n the family number (AF_*)
     * @return the family, or null for any other number (MPLS, multicast routing, ...)
     */
    public static InetFamily ofNumber(int n) {
        return n == 2 ? IPV4 : n == 10 ? IPV6 : null;
    }

    /**
     * The all-zero address of the family.
     *
     * @return {@code 0.0.0.0} or {@code ::}
     */
    public InetAddress any() {
        return address(new byte[bits / 8]);
    }

    /**
     * The address in {@code raw}, 4 or 16 bytes as the kernel sends them. An IPv4-mapped
     * IPv6 address stays IPv6, unlike {@link InetAddress#getByAddress(byte[])} would have it.
     *
     * @param raw the address bytes, network order
     * @return the address
     * @throws IllegalArgumentException when {@code raw} is null or not 4 (IPv4) or 16 (IPv6) bytes long
     */
    public InetAddress address(byte[] raw) {
        if (raw == null || raw.length != bits / 8) {
            throw new IllegalArgumentException("an " + ipName + " address has " + bits / 8 + " bytes, not "
                    + (raw == null ? 0 : raw.length));
        }
        try {
            return this == IPV4 ? InetAddress.getByAddress(raw) : Inet6Address.getByAddress(null, raw, -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
