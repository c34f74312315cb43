package io.netns4j.types;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address with a prefix length, as {@code ip} writes it: {@code 10.0.0.1/24},
 * {@code 2001:db8::1/64}; a bare address means a host prefix (/32 or /128).
 * Parsing accepts literals only, never host names, and never touches DNS.
 */
public record InetPrefix(InetAddress address, int length) {
    public InetPrefix {
        int max = maxLength(address);
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " is out of range for "
                    + address.getHostAddress() + " (0 to " + max + ")");
        }
    }

    /** Parses {@code ADDR[/LEN]}; throws {@link IllegalArgumentException} naming what is wrong. */
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

    /** Parses an IPv4 or IPv6 literal; throws {@link IllegalArgumentException} for anything else. */
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

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** The address family number: AF_INET (2) or AF_INET6 (10). */
    public int family() {
        return isIpv6() ? 10 : 2;
    }

    /** The network part: the address with host bits cleared. */
    public InetPrefix network() {
        byte[] b = address.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, length - i * 8));
            b[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return new InetPrefix(InetAddress.getByAddress(b), length);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code other} lies inside this prefix. */
    public boolean contains(InetAddress other) {
        return other.getClass() == address.getClass() && new InetPrefix(other, length).network().equals(network());
    }

    @Override
    public String toString() {
        return InetText.format(address) + "/" + length;
    }
}
