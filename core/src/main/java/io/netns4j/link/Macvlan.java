package io.netns4j.link;

/** A macvlan on a lower device: {@code ip link add mv0 link eth0 type macvlan mode bridge}. */
public record Macvlan(String lower, Mode mode) implements LinkKind {
    /** MACVLAN_MODE_*: the kernel's values. */
    public enum Mode {
        PRIVATE(1), VEPA(2), BRIDGE(4), PASSTHRU(8), SOURCE(16);

        public final int value;

        Mode(int value) {
            this.value = value;
        }
    }

    private static final int IFLA_MACVLAN_MODE = 1;

    /** IFLA_MACVLAN_MODE. */
    @Override
    public void writeData(LinkKindData data) {
        if (mode != null) {
            data.u32(IFLA_MACVLAN_MODE, mode.value);
        }
    }

    @Override
    public String lowerDevice() {
        return lower;
    }

    @Override
    public String kindName() {
        return "macvlan";
    }
}
