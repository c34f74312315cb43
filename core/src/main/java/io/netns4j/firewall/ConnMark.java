package io.netns4j.firewall;

/**
 * The connection's mark, masked and compared: nft {@code ct mark 0x00000005}, {@code ct mark
 * & 0x000000ff == 0x00000001}; iptables {@code -m connmark --mark 0x1/0xff}. Negated
 * ({@code !=}; iptables {@code ! --mark}) it matches every other value. The packet's own mark
 * is {@link Mark}.
 *
 * @param value   the value the masked connection mark must have, 0 to 0xffffffff
 * @param mask    the bits compared, 0 to 0xffffffff ({@link Mark#ALL} for the whole mark)
 * @param negated {@code !=}
 */
public record ConnMark(long value, long mask, boolean negated) implements Match {
    /**
     * Checks the numbers.
     *
     * @throws IllegalArgumentException when {@code value} or {@code mask} is not a 32-bit unsigned number
     */
    public ConnMark {
        new Mark(value, mask, negated); // the same checks
    }

    /**
     * {@code ct mark VALUE}; iptables {@code -m connmark --mark VALUE}.
     *
     * @param value 0 to 0xffffffff
     * @return the match, comparing the whole connection mark
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public static ConnMark of(long value) {
        return new ConnMark(value, Mark.ALL, false);
    }

    /**
     * The same value compared under {@code mask}; iptables {@code --mark VALUE/MASK}.
     *
     * @param mask 0 to 0xffffffff
     * @return the match
     * @throws IllegalArgumentException when {@code mask} is out of range
     */
    public ConnMark withMask(long mask) {
        return new ConnMark(value, mask, negated);
    }

    @Override
    public String toNft() {
        return "ct" + new Mark(value, mask, negated).toNft().substring("meta".length());
    }

    @Override
    public ConnMark negate() {
        return new ConnMark(value, mask, !negated);
    }
}
