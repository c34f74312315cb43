package io.netns4j.firewall;

/**
 * Sets the connection's mark, or copies marks between the packet and its connection, then the
 * next rule; iptables {@code -j CONNMARK}. {@link Mode#SET}: the connection mark becomes
 * {@code (ctmark & ~ctMask) ^ value} (nft {@code ct mark set ...}; {@code --set-xmark V/M}, also
 * {@code --set-mark}, {@code --and-mark}, {@code --or-mark}, {@code --xor-mark}). {@link
 * Mode#SAVE}: {@code ctmark = (ctmark & ~ctMask) ^ (mark & nfMask)} (nft {@code ct mark set meta
 * mark}; {@code --save-mark [--nfmask M] [--ctmask M]}). {@link Mode#RESTORE}: {@code mark =
 * (mark & ~nfMask) ^ (ctmark & ctMask)} (nft {@code meta mark set ct mark}; {@code
 * --restore-mark}).
 *
 * @param mode   what is set
 * @param value  the bits xored in ({@link Mode#SET}; 0 otherwise), 0 to 0xffffffff
 * @param ctMask the connection mark's bits, 0 to 0xffffffff (see above)
 * @param nfMask the packet mark's bits, 0 to 0xffffffff (see above; {@link Mode#SET} ignores it)
 */
public record SetConnMark(Mode mode, long value, long ctMask, long nfMask) implements Verdict {
    /** What {@code CONNMARK} does, in the kernel's numbering (XT_CONNMARK_SET, _SAVE, _RESTORE). */
    public enum Mode {
        /** Sets bits of the connection mark; iptables {@code --set-xmark}. */
        SET,
        /** Copies the packet's mark to the connection; iptables {@code --save-mark}. */
        SAVE,
        /** Copies the connection's mark to the packet; iptables {@code --restore-mark}. */
        RESTORE
    }

    /**
     * Checks the numbers.
     *
     * @throws IllegalArgumentException when a number is not a 32-bit unsigned one, or {@code mode} is null
     */
    public SetConnMark {
        new SetMark(value, ctMask);
        new SetMark(0, nfMask);
        if (mode == null) {
            throw new IllegalArgumentException("CONNMARK needs a mode: SET, SAVE or RESTORE");
        }
    }

    /**
     * {@code ct mark set meta mark}; iptables {@code -j CONNMARK --save-mark}.
     *
     * @return the verdict, copying the whole mark
     */
    public static SetConnMark save() {
        return new SetConnMark(Mode.SAVE, 0, Mark.ALL, Mark.ALL);
    }

    /**
     * {@code meta mark set ct mark}; iptables {@code -j CONNMARK --restore-mark}.
     *
     * @return the verdict, copying the whole mark
     */
    public static SetConnMark restore() {
        return new SetConnMark(Mode.RESTORE, 0, Mark.ALL, Mark.ALL);
    }

    @Override
    public String toNft() {
        return switch (mode) {
            case SET -> ctMask == Mark.ALL ? String.format("ct mark set 0x%08x", value)
                    : String.format("ct mark set ct mark & 0x%08x ^ 0x%08x", ~ctMask & Mark.ALL, value);
            case SAVE -> ctMask == Mark.ALL && nfMask == Mark.ALL ? "ct mark set meta mark"
                    : String.format("ct mark set ct mark & 0x%08x ^ meta mark & 0x%08x", ~ctMask & Mark.ALL, nfMask);
            case RESTORE -> ctMask == Mark.ALL && nfMask == Mark.ALL ? "meta mark set ct mark"
                    : String.format("meta mark set meta mark & 0x%08x ^ ct mark & 0x%08x", ~nfMask & Mark.ALL, ctMask);
        };
    }
}
