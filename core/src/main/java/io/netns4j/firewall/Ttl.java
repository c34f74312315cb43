package io.netns4j.firewall;

/**
 * The IPv4 time to live or the IPv6 hop limit compared with a number: nft {@code ip ttl 64},
 * {@code ip ttl < 5}, {@code ip6 hoplimit != 255}; iptables {@code -m ttl --ttl-eq 64}
 * ({@code --ttl-lt}, {@code --ttl-gt}, {@code ! --ttl-eq}), ip6tables {@code -m hl --hl-eq 255}.
 *
 * @param ipv6  true for the IPv6 hop limit (ip6tables {@code -m hl})
 * @param op    how the field is compared with {@code value}
 * @param value 0 to 255
 */
public record Ttl(boolean ipv6, Op op, int value) implements Match {
    /** The comparisons iptables offers, in the order of the kernel's numbers (0 to 3). */
    public enum Op {
        /** {@code ==}; iptables {@code --ttl-eq}. */
        EQ,
        /** {@code !=}; iptables {@code ! --ttl-eq}. */
        NE,
        /** {@code <}; iptables {@code --ttl-lt}. */
        LT,
        /** {@code >}; iptables {@code --ttl-gt}. */
        GT
    }

    /**
     * Checks the number.
     *
     * @throws IllegalArgumentException when {@code value} is not 0 to 255 or {@code op} is null
     */
    public Ttl {
        if (op == null || value < 0 || value > 255) {
            throw new IllegalArgumentException("A TTL or hop limit is compared (==, !=, <, >) with 0 to 255, not "
                    + op + " " + value);
        }
    }

    @Override
    public String toNft() {
        String o = switch (op) {
            case EQ -> "";
            case NE -> "!= ";
            case LT -> "< ";
            case GT -> "> ";
        };
        return (ipv6 ? "ip6 hoplimit " : "ip ttl ") + o + value;
    }

    @Override
    public Ttl negate() {
        return switch (op) {
            case EQ -> new Ttl(ipv6, Op.NE, value);
            case NE -> new Ttl(ipv6, Op.EQ, value);
            default -> throw new UnsupportedOperationException("iptables cannot invert --ttl-lt or --ttl-gt");
        };
    }
}
