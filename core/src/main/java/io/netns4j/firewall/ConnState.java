package io.netns4j.firewall;

import java.util.Locale;

/**
 * A connection-tracking state, as {@code ct state} matches it (iptables:
 * {@code -m conntrack --ctstate}). Declared in the kernel's bit order, which is the order
 * nft prints them in.
 */
public enum ConnState {
    INVALID,
    ESTABLISHED,
    RELATED,
    NEW,
    UNTRACKED;

    /** The word nft uses: {@code established}, ... */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state nft or iptables calls {@code word} (any case). */
    public static ConnState of(String word) {
        try {
            return valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown connection state \"" + word
                    + "\": use INVALID, ESTABLISHED, RELATED, NEW or UNTRACKED");
        }
    }
}
