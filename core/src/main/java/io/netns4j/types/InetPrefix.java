package io.netns4j.types;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address with a prefix length, as {@code ip} writes it: {@code 10.0.0.1/24},
 * {@code 2001:db8::1/64}; a bare address means a host prefix (/32 or /128).
 * Parsing accepts literals only, never host names, and never touches DNS.
 *
 * @param address the address, host bits kept as given (see {@link #network()})
 * @param length the prefix length in bits, 0 to 32 for IPv4, 0 to 128 for IPv6
 */
public record InetPrefix(InetAddress address, int length) {
    /**
     * Checks the length.
     *
     * @throws IllegalArgumentException when {@code length} is out of range for the address's family
     */
    public InetPrefix {
        int max = maxLength(address);
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " is out of range for "
                    + address.getHostAddress() + " (0 to " + max + ")");
        }
    }

    /**
     * Parses {@code ADDR[/LEN]}; without {@code /LEN} the prefix is a host prefix (/32 or /128).
     *
     * @param text an IPv4 or IPv6 literal, optionally followed by {@code /} and a length
     * @return the prefix
     * @throws IllegalArgumentException naming what is wrong: not an address literal, a length that is not a
     * number or out of range
     */
    public static InetPrefix parse(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        InetAddress a = parseAddress(addr);
        if (slash < 0) {
            return new InetPrefix(a, maxLength(a));
        }
        String len = text.substring(slash + 1);
        try {
            int n = Integer.parseInt(len);
            if (n < 0 || n > maxLength(a)) {
                throw new IllegalArgumentException("\"" + text + "\": prefix length " + n + " is out of range (0 to "
                        + maxLength(a) + ")");
            }
            return new InetPrefix(a, n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\": \"" + len + "\" is not a prefix length");
        }
    }

    /**
     * Parses an IPv4 or IPv6 literal, without any name lookup. {@code ::ffff:a.b.c.d} stays an IPv6 address.
     *
     * @param text the literal
     * @return the address
     * @throws IllegalArgumentException for anything that is not an address literal
     */
    public static InetAddress parseAddress(String text) {
        if (text.isEmpty() || !(isIpv4Literal(text) || (text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+")))) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address");
        }
        try {
            InetAddress a = InetAddress.getByName(text); // a literal: no lookup happens
            if (a instanceof Inet4Address && text.indexOf(':') >= 0) {
                // ::ffff:a.b.c.d is an IPv6 address; Java hands back the IPv4 one inside
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(a.getAddress(), 0, mapped, 12, 4);
                return Inet6Address.getByAddress(null, mapped, null);
            }
            return a;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address");
        }
    }

    private static boolean isIpv4Literal(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static int maxLength(InetAddress a) {
        return a instanceof Inet4Address ? 32 : 128;
    }

    /**
     * Whether this is an IPv6 prefix.
     *
     * @return true for IPv6, false for IPv4
     */
    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /**
     * The address family number.
     *
     * @return AF_INET (2) or AF_INET6 (10)
     */
    public int family() {
        return isIpv6() ? 10 : 2;
    }

    /**
     * The network part.
     *
     * @return the prefix with the host bits of the address cleared ({@code 10.0.0.0/24} for {@code 10.0.0.1/24})
     */
    public InetPrefix network() {
        byte[] b = address.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, length - i * 8));
            b[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            // ::ffff:a.b.c.d stays IPv6 (InetAddress.getByAddress would hand back the IPv4 address)
            return new InetPrefix(b.length == 16 ? Inet6Address.getByAddress(null, b, null)
                    : InetAddress.getByAddress(b), length);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether an address lies inside this prefix.
     *
     * @param other an address, not null
     * @return true when {@code other} is of the same family and its first {@code length} bits equal this prefix's
     */
    public boolean contains(InetAddress other) {
        return other.getClass() == address.getClass() && new InetPrefix(other, length).network().equals(network());
    }

    @Override
    public String toString() {
        return InetText.format(address) + "/" + length;
    }
}
