package io.netns4j.firewall;

/**
 * Sets bits of the packet's mark, then the next rule: the new mark is {@code (mark & ~mask)
 * ^ value}. nft {@code meta mark set 0x00000005} (the whole mark) or {@code meta mark set
 * meta mark & 0xffffff00 ^ 0x00000001}; iptables {@code -j MARK --set-xmark VALUE/MASK}
 * (also {@code --set-mark}, {@code --and-mark}, {@code --or-mark}, {@code --xor-mark}).
 *
 * @param value the bits xored in after masking, 0 to 0xffffffff
 * @param mask  the bits cleared first, 0 to 0xffffffff ({@link Mark#ALL}: the mark becomes {@code value})
 */
public record SetMark(long value, long mask) implements Verdict {
    /**
     * Checks the numbers.
     *
     * @throws IllegalArgumentException when {@code value} or {@code mask} is not a 32-bit unsigned number
     */
    public SetMark {
        if (value < 0 || value > Mark.ALL || mask < 0 || mask > Mark.ALL) {
            throw new IllegalArgumentException("A mark and its mask are 0 to 0xffffffff, not 0x"
                    + Long.toHexString(value) + "/0x" + Long.toHexString(mask));
        }
    }

    /**
     * {@code meta mark set VALUE}; iptables {@code -j MARK --set-mark VALUE}.
     *
     * @param value 0 to 0xffffffff
     * @return the verdict, replacing the whole mark
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public static SetMark of(long value) {
        return new SetMark(value, Mark.ALL);
    }

    /**
     * The same value under {@code mask}: the bits of {@code mask} are cleared, then
     * {@code value} is xored in; iptables {@code -j MARK --set-xmark VALUE/MASK}.
     *
     * @param mask 0 to 0xffffffff
     * @return the verdict
     * @throws IllegalArgumentException when {@code mask} is out of range
     */
    public SetMark withMask(long mask) {
        return new SetMark(value, mask);
    }

    @Override
    public String toNft() {
        if (mask == Mark.ALL) {
            return String.format("meta mark set 0x%08x", value);
        }
        return String.format("meta mark set meta mark & 0x%08x ^ 0x%08x", ~mask & Mark.ALL, value);
    }
}
