package io.netns4j.link;

/**
 * An ipvlan on a lower device: {@code ip link add ipv0 link eth0 type ipvlan mode l3 [bridge|private|vepa]}.
 *
 * @param lower the lower device ({@code link DEV})
 * @param mode  {@code mode}; null for the kernel's default (l3)
 * @param flag  the port flag; null for the kernel's default (bridge)
 */
public record Ipvlan(String lower, Mode mode, Flag flag) implements LinkKind {
    /** The ipvlan mode (IFLA_IPVLAN_MODE, the constant's ordinal). */
    public enum Mode {
        /** {@code mode l2} (0): switching on the lower device's MAC. */
        L2,
        /** {@code mode l3} (1): routing on IP, no broadcast or multicast. */
        L3,
        /** {@code mode l3s} (2): as l3, with netfilter (iptables) hooks run on the slaves. */
        L3S
    }

    /** The ipvlan port flag (IFLA_IPVLAN_FLAGS). */
    public enum Flag {
        /** {@code bridge} (0): slaves talk to each other directly. */
        BRIDGE(0),
        /** {@code private} (IPVLAN_F_PRIVATE): slaves cannot talk to each other. */
        PRIVATE(1),
        /** {@code vepa} (IPVLAN_F_VEPA): traffic between slaves goes out through the lower device. */
        VEPA(2);

        /** The kernel's value. */
        public final int value;

        Flag(int value) {
            this.value = value;
        }
    }

    private static final int IFLA_IPVLAN_MODE = 1;
    private static final int IFLA_IPVLAN_FLAGS = 2;

    /** IFLA_IPVLAN_MODE (l2 0, l3 1, l3s 2) and IFLA_IPVLAN_FLAGS. */
    @Override
    public void writeData(LinkKindData data) {
        if (mode != null) {
            data.u16(IFLA_IPVLAN_MODE, mode.ordinal());
        }
        if (flag != null) {
            data.u16(IFLA_IPVLAN_FLAGS, flag.value);
        }
    }

    @Override
    public String lowerDevice() {
        return lower;
    }

    @Override
    public String kindName() {
        return "ipvlan";
    }
}
