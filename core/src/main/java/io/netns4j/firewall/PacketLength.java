package io.netns4j.firewall;

/**
 * The length of the packet (its layer 3 payload and header) in a range: nft {@code meta length
 * 100-200}; iptables {@code -m length --length 100:200} (one number: {@code --length 100};
 * negated, {@code ! --length}).
 *
 * @param min     the least length, 0 to 65535
 * @param max     the greatest length, 0 to 65535 (iptables takes a {@code max} below {@code min}: nothing matches)
 * @param negated matches lengths outside the range
 */
public record PacketLength(int min, int max, boolean negated) implements Match {
    /**
     * Checks the numbers.
     *
     * @throws IllegalArgumentException when a length is not 0 to 65535
     */
    public PacketLength {
        if (min < 0 || min > 65535 || max < 0 || max > 65535) {
            throw new IllegalArgumentException("A packet length is 0 to 65535, not " + min + ":" + max);
        }
    }

    @Override
    public String toNft() {
        return "meta length " + (negated ? "!= " : "") + (min == max ? Integer.toString(min) : min + "-" + max);
    }

    @Override
    public PacketLength negate() {
        return new PacketLength(min, max, !negated);
    }
}
