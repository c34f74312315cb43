package io.netns4j.firewall;

/** An nftables address family: the first word of {@code table ip filter}. */
public enum Family {
    /** IPv4 ({@code ip}); iptables works here. */
    IP("ip"),
    /** IPv6 ({@code ip6}); ip6tables works here. */
    IP6("ip6"),
    /** IPv4 and IPv6 together ({@code inet}). */
    INET("inet"),
    /** ARP ({@code arp}); arptables works here. */
    ARP("arp"),
    /** Bridged frames ({@code bridge}); ebtables works here. */
    BRIDGE("bridge"),
    /** One device's ingress and egress ({@code netdev}). */
    NETDEV("netdev");

    private final String keyword;

    Family(String keyword) {
        this.keyword = keyword;
    }

    /**
     * The word nft uses.
     *
     * @return {@code ip}, {@code ip6}, {@code inet}, ...
     */
    public String keyword() {
        return keyword;
    }

    /**
     * The family nft calls {@code word}.
     *
     * @param word the word, lower case
     * @return the family
     * @throws IllegalArgumentException for any other word
     */
    public static Family of(String word) {
        for (Family f : values()) {
            if (f.keyword.equals(word)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Unknown nftables family \"" + word
                + "\": use ip, ip6, inet, arp, bridge or netdev");
    }

    /**
     * The word nft uses, as {@link #keyword()}.
     *
     * @return e.g. {@code inet}
     */
    @Override
    public String toString() {
        return keyword;
    }
}
