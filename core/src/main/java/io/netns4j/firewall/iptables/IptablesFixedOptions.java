package io.netns4j.firewall.iptables;

import io.netns4j.firewall.Family;
import io.netns4j.firewall.Match;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;

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
        Match.Address a = new Match.Address(destination, prefix(value), negated);
        if (a.prefix().length() != 0) {
            return a;
        }
        if (a.negated()) {
            throw syntax("\"! " + opt + " " + InetText.format(a.prefix().address()) + "/0\" would match no packet");
        }
        return null;
    }

    InetPrefix prefix(String value) throws IptablesSyntaxException {
        if (value.indexOf(',') >= 0) {
            throw syntax("\"" + value + "\": several addresses in one rule are not supported"
                    + " by netns4j; write one rule per address");
        }
        try {
            int slash = value.indexOf('/');
            InetPrefix p;
            if (slash > 0 && value.indexOf('.', slash) > 0) { // a dotted netmask: 10.0.0.0/255.0.0.0
                p = new InetPrefix(InetPrefix.parseAddress(value.substring(0, slash)), maskLength(value.substring(slash + 1)));
            } else {
                p = InetPrefix.parse(value);
            }
            if (p.isIpv6() != (family == Family.IP6)) {
                throw syntax("\"" + value + "\" is not an " + (family == Family.IP6 ? "IPv6"
                        : "IPv4") + " address" + (family == Family.IP6 ? "" : " (use ip6tables for IPv6)"));
            }
            return p;
        } catch (IllegalArgumentException e) {
            throw syntax("host/network \"" + value + "\" not found: " + e.getMessage()
                    + " (netns4j takes addresses, never host names)");
        }
    }

    private static int maskLength(String mask) {
        byte[] b = InetPrefix.parseAddress(mask).getAddress();
        int bits = 0;
        boolean zero = false;
        for (byte x : b) {
            for (int i = 7; i >= 0; i--) {
                boolean one = (x >> i & 1) == 1;
                if (one && zero) {
                    throw new IllegalArgumentException("\"" + mask + "\" is not a contiguous netmask");
                }
                zero |= !one;
                bits += one ? 1 : 0;
            }
        }
        return bits;
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
