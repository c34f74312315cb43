package io.netns4j.neighbour;

import io.netns4j.internal.netlink.route.Nda;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InterfaceNames;

import java.util.Set;

/**
 * Which neighbour entries {@link Neighbours#list} and {@link Neighbours#flush} select: the
 * selectors of {@code ip neigh show|flush [proxy] [to PREFIX] [dev NAME] [nud STATE]}, plus
 * {@code -4}/{@code -6}. Immutable: start from {@link #all()}; each {@code withX} method returns a
 * changed copy. Without {@link #withState}, listing
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

    /** A copy, for the withers. */
    private NeighbourFilter(NeighbourFilter o) {
        device = o.device;
        family = o.family;
        to = o.to;
        states = o.states;
        proxy = o.proxy;
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
     * @return a changed copy; this filter is unchanged
     * @throws IllegalArgumentException when {@code name} is not a valid interface name
     */
    public NeighbourFilter withDevice(String name) {
        NeighbourFilter c = new NeighbourFilter(this);
        c.device = InterfaceNames.check(name);
        return c;
    }

    /**
     * Only IPv4 (ARP) or only IPv6 (NDP) entries. Equivalent to {@code ip -4 neigh} or {@code ip -6 neigh}.
     *
     * @param family the family; null for both
     * @return a changed copy; this filter is unchanged
     */
    public NeighbourFilter withFamily(InetFamily family) {
        NeighbourFilter c = new NeighbourFilter(this);
        c.family = family;
        return c;
    }

    /**
     * Only entries inside {@code prefix}; selects its family unless one is set. Equivalent to {@code to PREFIX}.
     *
     * @param prefix the prefix the addresses must lie in
     * @return a changed copy; this filter is unchanged
     */
    public NeighbourFilter withPrefix(InetPrefix prefix) {
        NeighbourFilter c = new NeighbourFilter(this);
        c.to = prefix;
        if (family == null) {
            c.family = InetFamily.of(prefix.address());
        }
        return c;
    }

    /**
     * Also entries in {@code state}; the first call replaces the default set. Equivalent to {@code nud STATE}.
     *
     * @param state the state ({@link NeighbourState#NONE} for entries without any)
     * @return a changed copy; this filter is unchanged
     */
    public NeighbourFilter withState(NeighbourState state) {
        NeighbourFilter c = new NeighbourFilter(this);
        c.states = (c.states == null ? 0 : c.states) | state.filterBit();
        return c;
    }

    /**
     * Entries in any state (when flushing: any but {@code noarp}). Equivalent to {@code nud all}.
     *
     * @return a changed copy; this filter is unchanged
     */
    public NeighbourFilter withAllStates() {
        NeighbourFilter c = new NeighbourFilter(this);
        c.states = ALL_STATES;
        return c;
    }

    /**
     * Proxy entries instead of neighbours. Equivalent to {@code proxy}.
     *
     * @return a changed copy; this filter is unchanged
     */
    public NeighbourFilter withProxy() {
        NeighbourFilter c = new NeighbourFilter(this);
        c.proxy = true;
        return c;
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
     * The family given (directly or by {@link #withPrefix}).
     *
     * @return the family, or null for both
     */
    public InetFamily family() {
        return family;
    }

    /**
     * Whether the filter selects proxy entries ({@link #withProxy()}).
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
