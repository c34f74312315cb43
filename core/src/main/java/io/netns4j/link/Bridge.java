package io.netns4j.link;

/**
 * A bridge (software switch): {@code ip link add br0 type bridge stp_state 1 ...}. Times are
 * in centiseconds, as {@code ip} takes them.
 */
public record Bridge(Integer stpState, Integer vlanFiltering, Integer ageingTime, Integer forwardDelay,
                     Integer helloTime, Integer maxAge, Integer priority) implements LinkKind {
    public static Bridge defaults() {
        return new Bridge(null, null, null, null, null, null, null);
    }

    public Bridge withStpState(int v) {
        return new Bridge(v, vlanFiltering, ageingTime, forwardDelay, helloTime, maxAge, priority);
    }

    public Bridge withVlanFiltering(int v) {
        return new Bridge(stpState, v, ageingTime, forwardDelay, helloTime, maxAge, priority);
    }

    public Bridge withAgeingTime(int v) {
        return new Bridge(stpState, vlanFiltering, v, forwardDelay, helloTime, maxAge, priority);
    }

    public Bridge withForwardDelay(int v) {
        return new Bridge(stpState, vlanFiltering, ageingTime, v, helloTime, maxAge, priority);
    }

    public Bridge withHelloTime(int v) {
        return new Bridge(stpState, vlanFiltering, ageingTime, forwardDelay, v, maxAge, priority);
    }

    public Bridge withMaxAge(int v) {
        return new Bridge(stpState, vlanFiltering, ageingTime, forwardDelay, helloTime, v, priority);
    }

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
            data.u32(IFLA_BR_STP_STATE, stpState);
        }
        if (priority != null) {
            data.u16(IFLA_BR_PRIORITY, priority);
        }
        if (vlanFiltering != null) {
            data.u8(IFLA_BR_VLAN_FILTERING, vlanFiltering);
        }
    }

    @Override
    public String kindName() {
        return "bridge";
    }
}
