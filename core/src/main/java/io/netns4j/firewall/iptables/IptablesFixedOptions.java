package io.netns4j.firewall.iptables;

import io.netns4j.firewall.Family;
import io.netns4j.firewall.Match;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The fixed part of an iptables rule, which every rule has whatever its matches:
 * {@code -p}, {@code -s}, {@code -d}, {@code -i} and {@code -o} (each with {@code !}), read
 * as iptables reads them. {@link IptablesRuleSpec} takes the {@code -m} matches.
 */
final class IptablesFixedOptions {
    private final Family family;
    private final String program;

    IptablesFixedOptions(Family family, String program) {
        this.family = family;
        this.program = program;
    }

    /** A refusal: {@code PROGRAM: TEXT}. */
    private IptablesSyntaxException syntax(String text) {
        return new IptablesSyntaxException(program + ": " + text);
    }

    /** {@code -p VALUE}: the protocol match, or null for {@code all} (no match). */
    Match.Protocol protocol(String value, boolean negated) throws IptablesSyntaxException {
        String p = value.toLowerCase(Locale.ROOT);
        if (p.matches("[0-9]{1,9}")) {
            p = Integer.toString(Integer.parseInt(p)); // as iptables reads it: 006 is 6, 00 is all
        }
        if (p.equals("all") || p.equals("0")) {
            if (negated) {
                throw syntax("\"! -p all\" would match nothing");
            }
            return null;
        }
        try {
            return new Match.Protocol(p, negated);
        } catch (IllegalArgumentException e) {
            throw syntax("unknown protocol \"" + value + "\" specified");
        }
    }

    /** {@code -s}/{@code -d VALUE}: the address match, or null for a /0 (iptables writes none). */
    Match.Address address(String opt, boolean destination, String value, boolean negated)
            throws IptablesSyntaxException {
        Masked m = masked(value);
        Match.Address a = new Match.Address(destination, m.prefix(), negated, m.mask());
        if (a.mask() != null || a.prefix().length() != 0) {
            return a;
        }
        if (a.negated()) {
            throw syntax("\"! " + opt + " " + InetText.format(a.prefix().address()) + "/0\" would match no packet");
        }
        return null;
    }

    /** {@code ADDR[/LEN]} where only a contiguous netmask is taken (conntrack's addresses). */
    InetPrefix prefix(String value) throws IptablesSyntaxException {
        Masked m = masked(value);
        if (m.mask() != null) {
            throw syntax("\"" + value + "\": a non-contiguous netmask is not supported by netns4j here;"
                    + " write the prefix length");
        }
        return m.prefix();
    }

    /**
     * {@code ADDR[/MASK]} as iptables reads it: the address and, for a non-contiguous netmask,
     * the mask (null otherwise). MASK is a length (C's strtoul base 0: {@code 0x18} is 24) or, for
     * IPv4, a dotted mask of four numbers 0 to 255 (each also base 0), for IPv6 an address.
     *
     * @param prefix the address with the mask's length (a host length when the mask is not contiguous)
     * @param mask   the non-contiguous netmask, or null
     */
    record Masked(InetPrefix prefix, InetAddress mask) {
    }

    Masked masked(String value) throws IptablesSyntaxException {
        if (value.indexOf(',') >= 0) {
            throw syntax("\"" + value + "\": several addresses in one rule are not supported"
                    + " by netns4j; write one rule per address");
        }
        int slash = value.indexOf('/');
        String text = slash < 0 ? value : value.substring(0, slash);
        InetAddress a;
        try {
            a = InetPrefix.parseAddress(text);
        } catch (IllegalArgumentException e) {
            throw syntax("host/network \"" + value + "\" not found: " + e.getMessage()
                    + " (netns4j takes addresses, never host names)");
        }
        boolean v6 = family == Family.IP6;
        if ((a instanceof Inet6Address) != v6) {
            throw syntax("\"" + value + "\" is not an " + (v6 ? "IPv6" : "IPv4") + " address"
                    + (v6 ? "" : " (use ip6tables for IPv6)"));
        }
        int max = v6 ? 128 : 32;
        if (slash < 0) {
            return new Masked(new InetPrefix(a, max), null);
        }
        String mask = value.substring(slash + 1);
        byte[] m = mask.indexOf(v6 ? ':' : '.') >= 0 ? (v6 ? mask6(mask) : mask4(mask)) : null;
        if (m == null) {
            long bits = strtoui(mask, max);
            if (bits < 0) {
                throw syntax("invalid mask `" + mask + "' specified");
            }
            return new Masked(new InetPrefix(a, (int) bits), null);
        }
        int bits = Match.Address.contiguousLength(m);
        try {
            return bits >= 0 ? new Masked(new InetPrefix(a, bits), null)
                    : new Masked(new InetPrefix(a, max), v6 ? Inet6Address.getByAddress(null, m, null)
                    : InetAddress.getByAddress(m));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A dotted IPv4 netmask as iptables reads it: four numbers, each 0 to 255 in C's base 0. */
    private byte[] mask4(String mask) throws IptablesSyntaxException {
        String[] parts = mask.split("\\.", -1);
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            long n = parts.length == 4 ? strtoui(parts[i], 255) : -1;
            if (n < 0) {
                throw syntax("invalid mask `" + mask + "' specified");
            }
            b[i] = (byte) n;
        }
        return b;
    }

    /** An IPv6 netmask written as an address ({@code ffff:0:ffff::}). */
    private byte[] mask6(String mask) throws IptablesSyntaxException {
        try {
            InetAddress m = InetPrefix.parseAddress(mask);
            if (m instanceof Inet6Address) {
                return m.getAddress();
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw syntax("invalid mask `" + mask + "' specified");
    }

    /** C's strtoul(s, &end, 0) of the whole text, within 0 to max; -1 when not (as xtables_strtoui). */
    static long strtoui(String s, long max) {
        String t = s.startsWith("+") ? s.substring(1) : s;
        int radix = 10;
        if (t.length() > 1 && t.charAt(0) == '0' && (t.charAt(1) == 'x' || t.charAt(1) == 'X')) {
            radix = 16;
            t = t.substring(2);
        } else if (t.length() > 1 && t.charAt(0) == '0') {
            radix = 8;
            t = t.substring(1);
        }
        int r = radix;
        if (t.isEmpty() || t.length() > 20 || !t.chars().allMatch(c -> c < 128 && Character.digit(c, r) >= 0)) {
            return -1;
        }
        java.math.BigInteger n = new java.math.BigInteger(t, radix);
        return n.compareTo(java.math.BigInteger.valueOf(max)) > 0 ? -1 : n.longValue();
    }

    /** {@code -i}/{@code -o NAME}; {@code eth+} is nft's {@code eth*}. */
    Match.Iface iface(boolean output, String name, boolean negated) throws IptablesSyntaxException {
        if (name.equals("+") && negated) {
            throw syntax("\"! " + (output ? "-o" : "-i") + " +\" would match no packet");
        }
        String nft = name.endsWith("+") ? name.substring(0, name.length() - 1) + "*" : name;
        if (name.getBytes(StandardCharsets.UTF_8).length > 15 || name.contains("/") || name.contains(" ")
                || name.indexOf('\0') >= 0) {
            throw syntax("interface name \"" + name + "\" is not valid (at most 15 bytes, no /, space or NUL)");
        }
        try {
            return new Match.Iface(output, nft, negated);
        } catch (IllegalArgumentException e) {
            throw syntax(e.getMessage());
        }
    }
}
