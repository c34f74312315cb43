package io.netns4j.firewall;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a NAT verdict picks ports and addresses: nft's {@code random}, {@code fully-random},
 * {@code persistent} flags; iptables {@code --random}, {@code --random-fully}, {@code
 * --persistent} of MASQUERADE, SNAT, DNAT and REDIRECT (as each of them accepts).
 */
public enum NatFlag {
    /** Randomised source port mapping; iptables {@code --random} (NF_NAT_RANGE_PROTO_RANDOM). */
    RANDOM("random", 4),
    /** Fully randomised source port mapping; iptables {@code --random-fully}. */
    RANDOM_FULLY("fully-random", 16),
    /** The same address for a client on every connection; iptables {@code --persistent}. */
    PERSISTENT("persistent", 8);

    private final String nft;
    private final int bit;

    NatFlag(String nft, int bit) {
        this.nft = nft;
        this.bit = bit;
    }

    /**
     * The kernel's flag bit (nf_nat_range's NF_NAT_RANGE_*).
     *
     * @return 4, 16 or 8
     */
    public int bit() {
        return bit;
    }

    /**
     * An unmodifiable copy in declaration order.
     *
     * @param flags the flags, maybe null (none)
     * @return the copy
     */
    public static Set<NatFlag> copy(Set<NatFlag> flags) {
        return Collections.unmodifiableSet(flags == null || flags.isEmpty() ? EnumSet.noneOf(NatFlag.class)
                : EnumSet.copyOf(flags));
    }

    /**
     * nft's words for the flags: {@code " random,persistent"}, or empty.
     *
     * @param flags the flags
     * @return the text, with a leading space when not empty
     */
    public static String nft(Set<NatFlag> flags) {
        return flags.isEmpty() ? "" : " " + flags.stream().map(f -> f.nft).collect(Collectors.joining(","));
    }
}
