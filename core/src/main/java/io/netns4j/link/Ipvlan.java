package io.netns4j.link;

/** An ipvlan on a lower device: {@code ip link add ipv0 link eth0 type ipvlan mode l3 [bridge|private|vepa]}. */
public record Ipvlan(String lower, Mode mode, Flag flag) implements LinkKind {
    public enum Mode { L2, L3, L3S }

    public enum Flag {
        BRIDGE(0), PRIVATE(1), VEPA(2);

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
