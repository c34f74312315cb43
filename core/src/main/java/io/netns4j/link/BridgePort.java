package io.netns4j.link;

import java.util.ArrayList;
import java.util.List;

/**
 * A link's settings as a port of its bridge: {@code ip link set dev v0 type bridge_slave
 * cost 10 learning off ...}, sent as {@code ip} sends it: IFLA_INFO_KIND "bridge_slave"
 * and IFLA_INFO_SLAVE_DATA with the IFLA_BRPORT_* attributes in the order given.
 *
 * @param settings the settings, in the order they were given
 */
public record BridgePort(List<Setting> settings) {
    /** The port options {@code ip link ... type bridge_slave} takes, with their attribute and width. */
    public enum Option {
        /** {@code state N}: 0 disabled, 1 listening, 2 learning, 3 forwarding, 4 blocking. */
        STATE("state", 1, 8),
        /** {@code priority N}, 0 to 65535. */
        PRIORITY("priority", 2, 16),
        /** {@code cost N}: the STP path cost. */
        COST("cost", 3, 32),
        /** {@code hairpin on|off}: send frames back out of the port they came in on. */
        HAIRPIN("hairpin", 4, 8),
        /** {@code guard on|off}: BPDU guard. */
        GUARD("guard", 5, 8),
        /** {@code root_block on|off}: the port may not become the root port. */
        ROOT_BLOCK("root_block", 6, 8),
        /** {@code fastleave on|off} (also {@code mcast_fast_leave}). */
        FASTLEAVE("fastleave", 7, 8),
        /** {@code learning on|off}: learn source addresses. */
        LEARNING("learning", 8, 8),
        /** {@code flood on|off}: flood unknown unicast. */
        FLOOD("flood", 9, 8),
        /** {@code proxy_arp on|off}. */
        PROXY_ARP("proxy_arp", 10, 8),
        /** {@code proxy_arp_wifi on|off}. */
        PROXY_ARP_WIFI("proxy_arp_wifi", 12, 8),
        /** {@code mcast_router N}: 0 to 3. */
        MCAST_ROUTER("mcast_router", 25, 8),
        /** {@code mcast_flood on|off}. */
        MCAST_FLOOD("mcast_flood", 27, 8),
        /** {@code mcast_to_unicast on|off}. */
        MCAST_TO_UNICAST("mcast_to_unicast", 28, 8),
        /** {@code vlan_tunnel on|off}. */
        VLAN_TUNNEL("vlan_tunnel", 29, 8),
        /** {@code bcast_flood on|off}. */
        BCAST_FLOOD("bcast_flood", 30, 8),
        /** {@code group_fwd_mask N}. */
        GROUP_FWD_MASK("group_fwd_mask", 31, 16),
        /** {@code neigh_suppress on|off}. */
        NEIGH_SUPPRESS("neigh_suppress", 32, 8),
        /** {@code isolated on|off}: no traffic to other isolated ports. */
        ISOLATED("isolated", 33, 8),
        /** {@code locked on|off}: only authorised hosts may send. */
        LOCKED("locked", 39, 8);

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
         * @return e.g. "cost"
         */
        public String word() {
            return word;
        }

        /**
         * Whether {@code ip} takes {@code on}/{@code off} for it.
         *
         * @return true for a flag
         */
        public boolean isFlag() {
            return bits == 8 && this != STATE && this != MCAST_ROUTER;
        }

        long max() {
            return bits == 32 ? 0xFFFF_FFFFL : (1L << bits) - 1;
        }
    }

    /**
     * One setting.
     *
     * @param option the option
     * @param value  its value (1 for on, 0 for off)
     */
    public record Setting(Option option, long value) {
        /**
         * Checks the value's range.
         *
         * @throws IllegalArgumentException when the value does not fit the option
         */
        public Setting {
            if (option == null || value < 0 || value > option.max()) {
                throw new IllegalArgumentException("bridge_slave " + (option == null ? "option" : option.word())
                        + " takes 0 to " + (option == null ? 0 : option.max()) + ", not " + value);
            }
        }
    }

    /** Copies the list. */
    public BridgePort {
        settings = List.copyOf(settings);
    }

    /**
     * No settings yet.
     *
     * @return an empty port
     */
    public static BridgePort none() {
        return new BridgePort(List.of());
    }

    /**
     * The same settings and one more.
     *
     * @param option the option
     * @param value  its value (1 for on, 0 for off)
     * @return a new port
     * @throws IllegalArgumentException when the value does not fit the option
     */
    public BridgePort with(Option option, long value) {
        List<Setting> more = new ArrayList<>(settings);
        more.add(new Setting(option, value));
        return new BridgePort(more);
    }

    /** IFLA_INFO_SLAVE_DATA's attributes. */
    void writeData(LinkKindData data) {
        for (Setting s : settings) {
            switch (s.option().bits) {
                case 8 -> data.u8(s.option().type, (int) s.value());
                case 16 -> data.u16(s.option().type, (int) s.value());
                default -> data.u32(s.option().type, (int) s.value());
            }
        }
    }
}
