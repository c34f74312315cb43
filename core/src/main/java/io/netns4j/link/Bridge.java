package io.netns4j.link;

/**
 * A bridge (software switch): {@code ip link add br0 type bridge stp_state 1 ...}. Times are
 * in centiseconds, as {@code ip} takes them. Options left null take the kernel's default
 * and are not sent.
 *
 * @param stpState      {@code stp_state 1} (true) or {@code 0} (false); or null
 * @param vlanFiltering {@code vlan_filtering 1} (true) or {@code 0} (false); or null
 * @param ageingTime    {@code ageing_time}, in centiseconds; or null
 * @param forwardDelay  {@code forward_delay}, in centiseconds; or null
 * @param helloTime     {@code hello_time}, in centiseconds; or null
 * @param maxAge        {@code max_age}, in centiseconds; or null
 * @param priority      {@code priority}, the bridge priority 0 to 65535; or null
 */
public record Bridge(Boolean stpState, Boolean vlanFiltering, Integer ageingTime, Integer forwardDelay,
                     Integer helloTime, Integer maxAge, Integer priority) implements LinkKind {
    /**
     * A bridge with every option left to the kernel: {@code ip link add NAME type bridge}.
     *
     * @return the bridge kind
     */
    public static Bridge defaults() {
        return new Bridge(null, null, null, null, null, null, null);
    }

    /**
     * The same bridge with {@code stp_state 1} (on) or {@code stp_state 0} (off).
     *
     * @param v true for spanning tree on
     * @return a new bridge kind
     */
    public Bridge withStpState(boolean v) {
        return new Bridge(v, vlanFiltering, ageingTime, forwardDelay, helloTime, maxAge, priority);
    }

    /**
     * The same bridge with {@code vlan_filtering 1} (on) or {@code vlan_filtering 0} (off).
     *
     * @param v true for VLAN filtering on
     * @return a new bridge kind
     */
    public Bridge withVlanFiltering(boolean v) {
        return new Bridge(stpState, v, ageingTime, forwardDelay, helloTime, maxAge, priority);
    }

    /**
     * The same bridge with {@code ageing_time V}.
     *
     * @param v how long a learned address is kept, in centiseconds
     * @return a new bridge kind
     */
    public Bridge withAgeingTime(int v) {
        return new Bridge(stpState, vlanFiltering, v, forwardDelay, helloTime, maxAge, priority);
    }

    /**
     * The same bridge with {@code forward_delay V}.
     *
     * @param v the STP forward delay, in centiseconds
     * @return a new bridge kind
     */
    public Bridge withForwardDelay(int v) {
        return new Bridge(stpState, vlanFiltering, ageingTime, v, helloTime, maxAge, priority);
    }

    /**
     * The same bridge with {@code hello_time V}.
     *
     * @param v the STP hello interval, in centiseconds
     * @return a new bridge kind
     */
    public Bridge withHelloTime(int v) {
        return new Bridge(stpState, vlanFiltering, ageingTime, forwardDelay, v, maxAge, priority);
    }

    /**
     * The same bridge with {@code max_age V}.
     *
     * @param v the STP max message age, in centiseconds
     * @return a new bridge kind
     */
    public Bridge withMaxAge(int v) {
        return new Bridge(stpState, vlanFiltering, ageingTime, forwardDelay, helloTime, v, priority);
    }

    /**
     * The same bridge with {@code priority V}.
     *
     * @param v the bridge priority, 0 to 65535 (lower wins the root election)
     * @return a new bridge kind
     */
    public Bridge withPriority(int v) {
        return new Bridge(stpState, vlanFiltering, ageingTime, forwardDelay, helloTime, maxAge, v);
    }

    private static final int IFLA_BR_FORWARD_DELAY = 1;
    private static final int IFLA_BR_HELLO_TIME = 2;
    private static final int IFLA_BR_MAX_AGE = 3;
    private static final int IFLA_BR_AGEING_TIME = 4;
    private static final int IFLA_BR_STP_STATE = 5;
    private static final int IFLA_BR_PRIORITY = 6;
    private static final int IFLA_BR_VLAN_FILTERING = 7;

    /** IFLA_BR_* options, in the order ip writes them when given in that order. */
    @Override
    public void writeData(LinkKindData data) {
        if (forwardDelay != null) {
            data.u32(IFLA_BR_FORWARD_DELAY, forwardDelay);
        }
        if (helloTime != null) {
            data.u32(IFLA_BR_HELLO_TIME, helloTime);
        }
        if (maxAge != null) {
            data.u32(IFLA_BR_MAX_AGE, maxAge);
        }
        if (ageingTime != null) {
            data.u32(IFLA_BR_AGEING_TIME, ageingTime);
        }
        if (stpState != null) {
            data.u32(IFLA_BR_STP_STATE, stpState ? 1 : 0);
        }
        if (priority != null) {
            data.u16(IFLA_BR_PRIORITY, priority);
        }
        if (vlanFiltering != null) {
            data.u8(IFLA_BR_VLAN_FILTERING, vlanFiltering ? 1 : 0);
        }
    }

    @Override
    public String kindName() {
        return "bridge";
    }
}
