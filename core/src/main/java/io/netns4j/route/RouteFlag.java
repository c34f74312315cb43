package io.netns4j.route;

import java.util.EnumSet;
import java.util.Set;

/** A flag of a route or of one of its next hops, in the order {@code ip} prints them. */
public enum RouteFlag {
    DEAD(0x1, "dead"),
    /** The gateway is on the link even though no route says so ({@code onlink}). */
    ONLINK(0x4, "onlink"),
    PERVASIVE(0x2, "pervasive"),
    OFFLOAD(0x8, "offload"),
    TRAP(0x40, "trap"),
    NOTIFY(0x100, "notify"),
    LINKDOWN(0x10, "linkdown"),
    UNRESOLVED(0x20, "unresolved"),
    RT_OFFLOAD(0x4000, "rt_offload"),
    RT_TRAP(0x8000, "rt_trap"),
    RT_OFFLOAD_FAILED(0x20000000, "rt_offload_failed");

    private final int bit;
    private final String ipName;

    RouteFlag(int bit, String ipName) {
        this.bit = bit;
        this.ipName = ipName;
    }

    public int bit() {
        return bit;
    }

    public String ipName() {
        return ipName;
    }

    /** The flags set in the kernel's {@code rtm_flags} or {@code rtnh_flags}. */
    public static Set<RouteFlag> of(int bits) {
        Set<RouteFlag> out = EnumSet.noneOf(RouteFlag.class);
        for (RouteFlag f : values()) {
            if ((bits & f.bit) != 0) {
                out.add(f);
            }
        }
        return out;
    }

    /** The bits of {@code flags}, for a request. */
    public static int bits(Set<RouteFlag> flags) {
        int b = 0;
        for (RouteFlag f : flags) {
            b |= f.bit;
        }
        return b;
    }
}
