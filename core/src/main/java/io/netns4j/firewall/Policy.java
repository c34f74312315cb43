package io.netns4j.firewall;

/** What a base chain does with a packet no rule decided on: {@code policy accept;} or {@code policy drop;}. */
public enum Policy {
    /** {@code policy accept;}: let it through. */
    ACCEPT,
    /** {@code policy drop;}: drop it. */
    DROP;

    /**
     * The word nft uses.
     *
     * @return {@code accept} or {@code drop}
     */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Policy of(String word) {
        return switch (word) {
            case "accept" -> ACCEPT;
            case "drop" -> DROP;
            default -> throw new IllegalArgumentException("Unknown chain policy \"" + word + "\": use accept or drop");
        };
    }
}
