package io.netns4j.neighbour;

import io.netns4j.internal.netlink.route.Nda;

import java.util.EnumSet;
import java.util.Set;

/**
 * The state of a neighbour entry ({@code NUD_*}), in the order {@code ip neigh show} prints
 * them. {@link #NONE} is the absence of any state.
 */
public enum NeighbourState {
    /** Resolution is under way; no link-layer address yet. */
    INCOMPLETE(Nda.NUD_INCOMPLETE, "incomplete"),
    /** Confirmed reachable recently. */
    REACHABLE(Nda.NUD_REACHABLE, "reachable"),
    /** Usable, but not confirmed for a while; checked on next use. */
    STALE(Nda.NUD_STALE, "stale"),
    /** Waiting a moment for confirmation before probing. */
    DELAY(Nda.NUD_DELAY, "delay"),
    /** Being probed with unicast requests. */
    PROBE(Nda.NUD_PROBE, "probe"),
    /** Resolution failed. */
    FAILED(Nda.NUD_FAILED, "failed"),
    /** Valid without resolution, e.g. multicast mappings. */
    NOARP(Nda.NUD_NOARP, "noarp"),
    /** Added by hand; never expires. */
    PERMANENT(Nda.NUD_PERMANENT, "permanent"),
    /** No state at all (NUD_NONE, 0). */
    NONE(Nda.NUD_NONE, "none");

    /** In filters: the bit that selects entries without any state ({@code nud none}). */
    static final int NONE_FILTER_BIT = 0x100;

    private final int value;
    private final String ipName;

    NeighbourState(int value, String ipName) {
        this.value = value;
        this.ipName = ipName;
    }

    /**
     * The kernel's value ({@code ndm_state}).
     *
     * @return the NUD_* bit (0 for {@link #NONE})
     */
    public int value() {
        return value;
    }

    /**
     * The word {@code ip neigh ... nud STATE} takes; {@code ip} prints it in capitals.
     *
     * @return e.g. {@code permanent}
     */
    public String ipName() {
        return ipName;
    }

    /**
     * The state {@code ip} calls {@code name}.
     *
     * @param name {@code permanent}, {@code stale}, ...
     * @return the state
     * @throws IllegalArgumentException when {@code name} is not a state's word
     */
    public static NeighbourState parse(String name) {
        for (NeighbourState s : values()) {
            if (s.ipName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("\"" + name + "\" is not a neighbour state: use permanent, noarp,"
                + " reachable, stale, none, incomplete, delay, probe or failed");
    }

    /**
     * The states set in {@code value}.
     *
     * @param value the {@code ndm_state} bits
     * @return a new set, empty for none
     */
    public static Set<NeighbourState> of(int value) {
        Set<NeighbourState> s = EnumSet.noneOf(NeighbourState.class);
        for (NeighbourState n : values()) {
            if ((value & n.value) != 0) {
                s.add(n);
            }
        }
        return s;
    }

    int filterBit() {
        return this == NONE ? NONE_FILTER_BIT : value;
    }
}
