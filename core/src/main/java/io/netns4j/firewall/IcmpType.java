package io.netns4j.firewall;

/**
 * An ICMP (or ICMPv6) message type, and optionally its code. nft {@code icmp type 8},
 * {@code icmp type 3 icmp code 4}, {@code icmpv6 type 128}; iptables {@code -p icmp
 * --icmp-type echo-request} ({@code 3/4} with a code), ip6tables {@code -p ipv6-icmp
 * --icmpv6-type 128}. Negated ({@code !=}; iptables {@code ! --icmp-type}) it matches every
 * other type, or with a code every other type and code pair: {@code icmp type . icmp code !=
 * { 3 . 4 }}.
 *
 * <p>Types and codes are kept as numbers; nft prints the names it knows for them.
 *
 * @param ipv6    true for ICMPv6 ({@code icmpv6 type}), false for ICMP
 * @param type    the message type, 0 to 255
 * @param code    the code, 0 to 255, or null for any code
 * @param negated {@code !=}
 */
public record IcmpType(boolean ipv6, int type, Integer code, boolean negated) implements Match {
    /**
     * Checks the numbers.
     *
     * @throws IllegalArgumentException when {@code type} or {@code code} is not 0 to 255
     */
    public IcmpType {
        if (type < 0 || type > 255 || code != null && (code < 0 || code > 255)) {
            throw new IllegalArgumentException("An ICMP type and code are 0 to 255, not " + type
                    + (code == null ? "" : "/" + code));
        }
    }

    /**
     * {@code icmp type TYPE}; iptables {@code -p icmp --icmp-type TYPE}.
     *
     * @param type 0 to 255, e.g. 8 for echo-request
     * @return the match, for any code
     * @throws IllegalArgumentException when {@code type} is out of range
     */
    public static IcmpType icmp(int type) {
        return new IcmpType(false, type, null, false);
    }

    /**
     * {@code icmpv6 type TYPE}; ip6tables {@code -p ipv6-icmp --icmpv6-type TYPE}.
     *
     * @param type 0 to 255, e.g. 128 for echo-request
     * @return the match, for any code
     * @throws IllegalArgumentException when {@code type} is out of range
     */
    public static IcmpType icmpv6(int type) {
        return new IcmpType(true, type, null, false);
    }

    /**
     * The same type with one code only: {@code icmp type 3 icmp code 4}; iptables
     * {@code --icmp-type 3/4}.
     *
     * @param code 0 to 255
     * @return the match
     * @throws IllegalArgumentException when {@code code} is out of range
     */
    public IcmpType withCode(int code) {
        return new IcmpType(ipv6, type, code, negated);
    }

    @Override
    public String toNft() {
        String p = ipv6 ? "icmpv6" : "icmp";
        if (code == null) {
            return p + " type " + (negated ? "!= " : "") + type;
        }
        if (negated) {
            return p + " type . " + p + " code != { " + type + " . " + code + " }";
        }
        return p + " type " + type + " " + p + " code " + code;
    }

    @Override
    public IcmpType negate() {
        return new IcmpType(ipv6, type, code, !negated);
    }
}
