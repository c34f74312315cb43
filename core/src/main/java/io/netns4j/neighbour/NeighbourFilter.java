package io.netns4j.neighbour;

import io.netns4j.internal.netlink.route.Nda;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InterfaceNames;

import java.util.Set;

/**
 * Which neighbour entries {@link Neighbours#list} and {@link Neighbours#flush} select: the
 * selectors of {@code ip neigh show|flush [proxy] [to PREFIX] [dev NAME] [nud STATE]}, plus
 * {@code -4}/{@code -6}. A builder: each method returns this. Without {@link #state}, listing
 * selects every state but {@code noarp} and {@code none}, and flushing every state but
 * {@code permanent} and {@code noarp}, as {@code ip} does.
 */
public final class NeighbourFilter {
    static final int ALL_STATES = 0x1ff;
    static final int DEFAULT_LIST = 0xff & ~Nda.NUD_NOARP;
    static final int DEFAULT_FLUSH = ALL_STATES & ~(Nda.NUD_PERMANENT | Nda.NUD_NOARP);

    private String device;
    private InetFamily family;
    private InetPrefix to;
    private Integer states;
    private boolean proxy;

    private NeighbourFilter() {
    }

    /**
     * A filter with {@code ip}'s defaults: every entry {@code ip neigh show} lists.
     *
     * @return a new filter
     */
    public static NeighbourFilter all() {
        return new NeighbourFilter();
    }

    /**
     * Only entries on interface {@code name}. Equivalent to {@code dev NAME}.
     *
     * @param name the interface name
     * @return this filter
     * @throws IllegalArgumentException when {@code name} is not a valid interface name
     */
    public NeighbourFilter device(String name) {
        this.device = InterfaceNames.check(name);
        return this;
    }

    /**
     * Only IPv4 (ARP) or only IPv6 (NDP) entries. Equivalent to {@code ip -4 neigh} or {@code ip -6 neigh}.
     *
     * @param family the family; null for both
     * @return this filter
     */
    public NeighbourFilter family(InetFamily family) {
        this.family = family;
        return this;
    }

    /**
     * Only entries inside {@code prefix}; selects its family unless one is set. Equivalent to {@code to PREFIX}.
     *
     * @param prefix the prefix the addresses must lie in
     * @return this filter
     */
    public NeighbourFilter to(InetPrefix prefix) {
        this.to = prefix;
        if (family == null) {
            family = InetFamily.of(prefix.address());
        }
        return this;
    }

    /**
     * Also entries in {@code state}; the first call replaces the default set. Equivalent to {@code nud STATE}.
     *
     * @param state the state ({@link NeighbourState#NONE} for entries without any)
     * @return this filter
     */
    public NeighbourFilter state(NeighbourState state) {
        states = (states == null ? 0 : states) | state.filterBit();
        return this;
    }

    /**
     * Entries in any state (when flushing: any but {@code noarp}). Equivalent to {@code nud all}.
     *
     * @return this filter
     */
    public NeighbourFilter allStates() {
        states = ALL_STATES;
        return this;
    }

    /**
     * Proxy entries instead of neighbours. Equivalent to {@code proxy}.
     *
     * @return this filter
     */
    public NeighbourFilter proxy() {
        this.proxy = true;
        return this;
    }

    /**
     * The interface name given.
     *
     * @return the name, or null
     */
    public String device() {
        return device;
    }

    /**
     * The family given (directly or by {@link #to}).
     *
     * @return the family, or null for both
     */
    public InetFamily family() {
        return family;
    }

    /**
     * Whether the filter selects proxy entries ({@link #proxy()}).
     *
     * @return true for proxy entries, false for neighbours
     */
    public boolean isProxy() {
        return proxy;
    }

    /**
     * The states given ({@link NeighbourState#NONE} included when asked for).
     *
     * @return a new set, or null for {@code ip}'s defaults
     */
    public Set<NeighbourState> states() {
        if (states == null) {
            return null;
        }
        Set<NeighbourState> s = NeighbourState.of(states & 0xff);
        if ((states & NeighbourState.NONE_FILTER_BIT) != 0) {
            s.add(NeighbourState.NONE);
        }
        return s;
    }

    /** The state bits to select when flushing. */
    int flushMask() {
        return states == null ? DEFAULT_FLUSH : states == ALL_STATES ? ALL_STATES & ~Nda.NUD_NOARP : states;
    }

    /** The state bits to select when listing. */
    int listMask() {
        return states == null ? DEFAULT_LIST : states;
    }

    /** {@code ip}'s rule: proxy and externally learned entries pass whatever their state. */
    boolean matches(Neighbour n, int stateMask) {
        if (family != null && InetFamily.of(n.destination()) != family) {
            return false;
        }
        boolean stateOk = (stateMask & n.state()) != 0 || n.isProxy() || n.isExternLearned()
                || (n.state() == 0 && (stateMask & NeighbourState.NONE_FILTER_BIT) != 0);
        return stateOk && (to == null || to.contains(n.destination()));
    }
}
