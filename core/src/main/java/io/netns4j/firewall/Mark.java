package io.netns4j.firewall;

/**
 * The packet's mark, masked and compared: nft {@code meta mark 0x00000005}, {@code meta mark
 * & 0x000000ff == 0x00000001}; iptables {@code -m mark --mark 0x1/0xff}. Negated ({@code !=};
 * iptables {@code ! --mark}) it matches every other value.
 *
 * @param value   the value the masked mark must have, 0 to 0xffffffff
 * @param mask    the bits of the mark compared, 0 to 0xffffffff ({@link #ALL} for the whole mark)
 * @param negated {@code !=}
 */
public record Mark(long value, long mask, boolean negated) implements Match {
    /** Every bit of the mark: no mask. */
    public static final long ALL = 0xffff_ffffL;

    /**
     * Checks the numbers.
     *
     * @throws IllegalArgumentException when {@code value} or {@code mask} is not a 32-bit unsigned number
     */
    public Mark {
        if (value < 0 || value > ALL || mask < 0 || mask > ALL) {
            throw new IllegalArgumentException("A mark and its mask are 0 to 0xffffffff, not 0x"
                    + Long.toHexString(value) + "/0x" + Long.toHexString(mask));
        }
    }

    /**
     * {@code meta mark VALUE}; iptables {@code -m mark --mark VALUE}.
     *
     * @param value 0 to 0xffffffff
     * @return the match, comparing the whole mark
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public static Mark of(long value) {
        return new Mark(value, ALL, false);
    }

    /**
     * The same value compared under {@code mask}: {@code meta mark & MASK == VALUE}; iptables
     * {@code --mark VALUE/MASK}.
     *
     * @param mask 0 to 0xffffffff
     * @return the match
     * @throws IllegalArgumentException when {@code mask} is out of range
     */
    public Mark withMask(long mask) {
        return new Mark(value, mask, negated);
    }

    @Override
    public String toNft() {
        String v = String.format("0x%08x", value);
        if (mask == ALL) {
            return "meta mark " + (negated ? "!= " : "") + v;
        }
        return String.format("meta mark & 0x%08x %s %s", mask, negated ? "!=" : "==", v);
    }

    @Override
    public Mark negate() {
        return new Mark(value, mask, !negated);
    }
}
