package io.netns4j.route;

import io.netns4j.types.KernelNumbered;



/** What a route does with a packet ({@code ip route add TYPE PREFIX}); names are {@code ip}'s. */
public enum RouteType implements KernelNumbered {
    /** Never on a route the kernel reports; {@code none} in {@code ip}'s words. */
    UNSPEC(0, "none"),
    /** An ordinary route through a gateway or a link. The default. */
    UNICAST(1, "unicast"),
    /** Addressed to this host (table local). */
    LOCAL(2, "local"),
    /** A broadcast address of this host (table local); {@code brd}. */
    BROADCAST(3, "broadcast"),
    /** An anycast address of this host, delivered locally (table local). */
    ANYCAST(4, "anycast"),
    /** A multicast route. */
    MULTICAST(5, "multicast"),
    /** Dropped silently. */
    BLACKHOLE(6, "blackhole"),
    /** Dropped; the sender gets "host unreachable". */
    UNREACHABLE(7, "unreachable"),
    /** Dropped; the sender gets "administratively prohibited". */
    PROHIBIT(8, "prohibit"),
    /** Lookup goes on with the next rule, as if this table had no route. */
    THROW(9, "throw"),
    /** Stateless NAT (no longer supported by the kernel). */
    NAT(10, "nat"),
    /** Resolved by an external resolver (not implemented by the kernel). */
    XRESOLVE(11, "xresolve");

    private final int number;
    private final String ipName;

    RouteType(int number, String ipName) {
        this.number = number;
        this.ipName = ipName;
    }

    /**
     * The kernel's RTN_* number.
     *
     * @return the number
     */
    @Override
    public int number() {
        return number;
    }

    /**
     * The word {@code ip} prints and accepts.
     *
     * @return e.g. {@code blackhole}
     */
    public String ipName() {
        return ipName;
    }

    /**
     * The type with an RTN_* number.
     *
     * @param n the number
     * @return the type; {@link #UNSPEC} for a number the kernel may add later
     */
    public static RouteType ofNumber(int n) {
        return KernelNumbered.byNumber(values(), n, UNSPEC);
    }

    /**
     * The type a word names, with {@code ip}'s abbreviations ({@code unr}, {@code brd}, ...).
     *
     * @param word the word, not null
     * @return the type, or null when the word names none
     */
    public static RouteType parse(String word) {
        if (word.equals("local")) {
            return LOCAL;
        }
        if (word.equals("nat")) {
            return NAT;
        }
        if (word.equals("brd")) {
            return BROADCAST;
        }
        if (word.equals("throw")) {
            return THROW;
        }
        for (RouteType t : new RouteType[] {BROADCAST, ANYCAST, MULTICAST, PROHIBIT, UNREACHABLE, BLACKHOLE,
                XRESOLVE, UNICAST}) {
            if (!word.isEmpty() && t.ipName.startsWith(word)) {
                return t;
            }
        }
        return null;
    }
}
