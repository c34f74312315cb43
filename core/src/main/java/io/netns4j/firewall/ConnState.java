package io.netns4j.firewall;

import java.util.Locale;

/**
 * A connection-tracking state, as {@code ct state} matches it (iptables:
 * {@code -m conntrack --ctstate}). Declared in the kernel's bit order, which is the order
 * nft prints them in.
 */
public enum ConnState {
    /** {@code invalid}: the packet belongs to no known connection. */
    INVALID,
    /** {@code established}: part of a connection that has seen packets both ways. */
    ESTABLISHED,
    /** {@code related}: starts a connection related to a known one (an FTP data channel, an ICMP error). */
    RELATED,
    /** {@code new}: starts a new connection. */
    NEW,
    /** {@code untracked}: exempted from tracking ({@code notrack}). */
    UNTRACKED;

    /**
     * The word nft uses.
     *
     * @return e.g. {@code established}
     */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The state nft or iptables calls {@code word}.
     *
     * @param word the word, in any case
     * @return the state
     * @throws IllegalArgumentException when {@code word} names no state
     */
    public static ConnState of(String word) {
        try {
            return valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown connection state \"" + word
                    + "\": use INVALID, ESTABLISHED, RELATED, NEW or UNTRACKED");
        }
    }
}
