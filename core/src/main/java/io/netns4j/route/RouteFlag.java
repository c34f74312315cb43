package io.netns4j.route;

import java.util.EnumSet;
import java.util.Set;

/** A flag of a route or of one of its next hops, in the order {@code ip} prints them. */
public enum RouteFlag {
    /** RTNH_F_DEAD: the next hop is dead (its device is down). */
    DEAD(0x1, "dead"),
    /** The gateway is on the link even though no route says so ({@code onlink}). */
    ONLINK(0x4, "onlink"),
    /** RTNH_F_PERVASIVE: do recursive gateway lookup. */
    PERVASIVE(0x2, "pervasive"),
    /** RTNH_F_OFFLOAD: the next hop is offloaded to hardware. */
    OFFLOAD(0x8, "offload"),
    /** RTNH_F_TRAP: the next hop traps packets to the CPU (hardware offload). */
    TRAP(0x40, "trap"),
    /** RTM_F_NOTIFY: notify the user of route changes (a lookup answer's flag). */
    NOTIFY(0x100, "notify"),
    /** RTNH_F_LINKDOWN: the next hop's carrier is down. */
    LINKDOWN(0x10, "linkdown"),
    /** RTNH_F_UNRESOLVED: the next hop's gateway is not resolved yet (multicast routing). */
    UNRESOLVED(0x20, "unresolved"),
    /** RTM_F_OFFLOAD: the route is offloaded to hardware. */
    RT_OFFLOAD(0x4000, "rt_offload"),
    /** RTM_F_TRAP: the route traps packets to the CPU. */
    RT_TRAP(0x8000, "rt_trap"),
    /** RTM_F_OFFLOAD_FAILED: offloading the route to hardware failed. */
    RT_OFFLOAD_FAILED(0x20000000, "rt_offload_failed");

    private final int bit;
    private final String ipName;

    RouteFlag(int bit, String ipName) {
        this.bit = bit;
        this.ipName = ipName;
    }

    /**
     * The kernel's bit.
     *
     * @return the RTNH_F_* or RTM_F_* value
     */
    public int bit() {
        return bit;
    }

    /**
     * The word {@code ip route} prints.
     *
     * @return e.g. {@code onlink}
     */
    public String ipName() {
        return ipName;
    }

    /**
     * The flags set in the kernel's {@code rtm_flags} or {@code rtnh_flags}.
     *
     * @param bits the flag word; unknown bits are ignored
     * @return a new set, in {@code ip}'s order
     */
    public static Set<RouteFlag> of(int bits) {
        Set<RouteFlag> out = EnumSet.noneOf(RouteFlag.class);
        for (RouteFlag f : values()) {
            if ((bits & f.bit) != 0) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * The bits of {@code flags}, for a request.
     *
     * @param flags the flags
     * @return their bits, or-ed
     */
    public static int bits(Set<RouteFlag> flags) {
        int b = 0;
        for (RouteFlag f : flags) {
            b |= f.bit;
        }
        return b;
    }
}
