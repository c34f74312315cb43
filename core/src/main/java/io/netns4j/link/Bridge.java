package io.netns4j.link;

import java.util.ArrayList;
import java.util.List;

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
 * @param more          the other options ({@code mcast_snooping 0}, {@code nf_call_iptables 1}, ...), written
 *                      after the ones above in the order given
 */
public record Bridge(Boolean stpState, Boolean vlanFiltering, Integer ageingTime, Integer forwardDelay,
                     Integer helloTime, Integer maxAge, Integer priority, List<Setting> more) implements LinkKind {

    /** Copies {@code more}. */
    public Bridge {
        more = more == null ? List.of() : List.copyOf(more);
    }

    /** A bridge with the first seven options and no others ({@link #defaults()} and the withers use it). */
    private Bridge(Boolean stpState, Boolean vlanFiltering, Integer ageingTime, Integer forwardDelay,
                   Integer helloTime, Integer maxAge, Integer priority) {
        this(stpState, vlanFiltering, ageingTime, forwardDelay, helloTime, maxAge, priority, List.of());
    }

    /** The other bridge options {@code ip link ... type bridge} takes: their IFLA_BR_* type and width. */
    public enum Option {
        /** {@code vlan_protocol 802.1Q|802.1ad}, as the ethertype. */
        VLAN_PROTOCOL("vlan_protocol", 8, 16),
        /** {@code group_fwd_mask N}. */
        GROUP_FWD_MASK("group_fwd_mask", 9, 16),
        /** {@code mcast_router N}: 0 to 2. */
        MCAST_ROUTER("mcast_router", 22, 8),
        /** {@code mcast_snooping 0|1}. */
        MCAST_SNOOPING("mcast_snooping", 23, 8),
        /** {@code mcast_query_use_ifaddr 0|1}. */
        MCAST_QUERY_USE_IFADDR("mcast_query_use_ifaddr", 24, 8),
        /** {@code mcast_querier 0|1}. */
        MCAST_QUERIER("mcast_querier", 25, 8),
        /** {@code mcast_hash_elasticity N}. */
        MCAST_HASH_ELASTICITY("mcast_hash_elasticity", 26, 32),
        /** {@code mcast_hash_max N}. */
        MCAST_HASH_MAX("mcast_hash_max", 27, 32),
        /** {@code mcast_last_member_count N}. */
        MCAST_LAST_MEMBER_COUNT("mcast_last_member_count", 28, 32),
        /** {@code mcast_startup_query_count N}. */
        MCAST_STARTUP_QUERY_COUNT("mcast_startup_query_count", 29, 32),
        /** {@code mcast_last_member_interval N}, centiseconds. */
        MCAST_LAST_MEMBER_INTERVAL("mcast_last_member_interval", 30, 64),
        /** {@code mcast_membership_interval N}, centiseconds. */
        MCAST_MEMBERSHIP_INTERVAL("mcast_membership_interval", 31, 64),
        /** {@code mcast_querier_interval N}, centiseconds. */
        MCAST_QUERIER_INTERVAL("mcast_querier_interval", 32, 64),
        /** {@code mcast_query_interval N}, centiseconds. */
        MCAST_QUERY_INTERVAL("mcast_query_interval", 33, 64),
        /** {@code mcast_query_response_interval N}, centiseconds. */
        MCAST_QUERY_RESPONSE_INTERVAL("mcast_query_response_interval", 34, 64),
        /** {@code mcast_startup_query_interval N}, centiseconds. */
        MCAST_STARTUP_QUERY_INTERVAL("mcast_startup_query_interval", 35, 64),
        /** {@code nf_call_iptables 0|1}. */
        NF_CALL_IPTABLES("nf_call_iptables", 36, 8),
        /** {@code nf_call_ip6tables 0|1}. */
        NF_CALL_IP6TABLES("nf_call_ip6tables", 37, 8),
        /** {@code nf_call_arptables 0|1}. */
        NF_CALL_ARPTABLES("nf_call_arptables", 38, 8),
        /** {@code vlan_default_pvid N}, 0 to 4094. */
        VLAN_DEFAULT_PVID("vlan_default_pvid", 39, 16),
        /** {@code vlan_stats_enabled 0|1}. */
        VLAN_STATS_ENABLED("vlan_stats_enabled", 41, 8),
        /** {@code mcast_stats_enabled 0|1}. */
        MCAST_STATS_ENABLED("mcast_stats_enabled", 42, 8),
        /** {@code mcast_igmp_version 2|3}. */
        MCAST_IGMP_VERSION("mcast_igmp_version", 43, 8),
        /** {@code mcast_mld_version 1|2}. */
        MCAST_MLD_VERSION("mcast_mld_version", 44, 8),
        /** {@code vlan_stats_per_port 0|1}. */
        VLAN_STATS_PER_PORT("vlan_stats_per_port", 45, 8);

        private final String word;
        private final int type;
        private final int bits;

        Option(String word, int type, int bits) {
            this.word = word;
            this.type = type;
            this.bits = bits;
        }

        /**
         * The option's word in {@code ip}.
         *
         * @return e.g. "mcast_snooping"
         */
        public String word() {
            return word;
        }

        /**
         * The largest value the option's attribute holds.
         *
         * @return e.g. 255 for an 8-bit option
         */
        public long max() {
            return bits == 64 ? Long.MAX_VALUE : (1L << bits) - 1;
        }
    }

    /**
     * One of the other options and its value.
     *
     * @param option the option
     * @param value  its value
     */
    public record Setting(Option option, long value) {
        /**
         * Checks the range.
         *
         * @throws IllegalArgumentException when the value does not fit
         */
        public Setting {
            if (option == null || value < 0 || value > option.max()) {
                throw new IllegalArgumentException("bridge " + (option == null ? "option" : option.word())
                        + " takes 0 to " + (option == null ? 0 : option.max()) + ", not " + value);
            }
        }
    }

    /**
     * The same bridge with one more option, e.g. {@code with(Option.MCAST_SNOOPING, 0)}.
     *
     * @param option the option
     * @param value  its value
     * @return a new bridge kind
     * @throws IllegalArgumentException when the value does not fit the option
     */
    public Bridge with(Option option, long value) {
        List<Setting> all = new ArrayList<>(more);
        all.add(new Setting(option, value));
        return new Bridge(stpState, vlanFiltering, ageingTime, forwardDelay, helloTime, maxAge, priority, all);
    }
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
        return new Bridge(v, vlanFiltering, ageingTime, forwardDelay, helloTime, maxAge, priority, more);
    }

    /**
     * The same bridge with {@code vlan_filtering 1} (on) or {@code vlan_filtering 0} (off).
     *
     * @param v true for VLAN filtering on
     * @return a new bridge kind
     */
    public Bridge withVlanFiltering(boolean v) {
        return new Bridge(stpState, v, ageingTime, forwardDelay, helloTime, maxAge, priority, more);
    }

    /**
     * The same bridge with {@code ageing_time V}.
     *
     * @param v how long a learned address is kept, in centiseconds
     * @return a new bridge kind
     */
    public Bridge withAgeingTime(int v) {
        return new Bridge(stpState, vlanFiltering, v, forwardDelay, helloTime, maxAge, priority, more);
    }

    /**
     * The same bridge with {@code forward_delay V}.
     *
     * @param v the STP forward delay, in centiseconds
     * @return a new bridge kind
     */
    public Bridge withForwardDelay(int v) {
        return new Bridge(stpState, vlanFiltering, ageingTime, v, helloTime, maxAge, priority, more);
    }

    /**
     * The same bridge with {@code hello_time V}.
     *
     * @param v the STP hello interval, in centiseconds
     * @return a new bridge kind
     */
    public Bridge withHelloTime(int v) {
        return new Bridge(stpState, vlanFiltering, ageingTime, forwardDelay, v, maxAge, priority, more);
    }

    /**
     * The same bridge with {@code max_age V}.
     *
     * @param v the STP max message age, in centiseconds
     * @return a new bridge kind
     */
    public Bridge withMaxAge(int v) {
        return new Bridge(stpState, vlanFiltering, ageingTime, forwardDelay, helloTime, v, priority, more);
    }

    /**
     * The same bridge with {@code priority V}.
     *
     * @param v the bridge priority, 0 to 65535 (lower wins the root election)
     * @return a new bridge kind
     */
    public Bridge withPriority(int v) {
        return new Bridge(stpState, vlanFiltering, ageingTime, forwardDelay, helloTime, maxAge, v, more);
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
        for (Setting s : more) {
            switch (s.option().bits) {
                case 8 -> data.u8(s.option().type, (int) s.value());
                case 16 -> data.u16(s.option().type, (int) s.value());
                case 32 -> data.u32(s.option().type, (int) s.value());
                default -> data.u64(s.option().type, s.value());
            }
        }
    }

    @Override
    public String kindName() {
        return "bridge";
    }
}
