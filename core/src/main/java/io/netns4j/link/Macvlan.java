package io.netns4j.link;

/**
 * A macvlan on a lower device: {@code ip link add mv0 link eth0 type macvlan mode bridge}.
 *
 * @param lower the lower device ({@code link DEV})
 * @param mode  {@code mode}; null for the kernel's default (vepa)
 */
public record Macvlan(String lower, Mode mode) implements LinkKind {
    /** MACVLAN_MODE_*: the kernel's values. */
    public enum Mode {
        /** {@code mode private}: no traffic between macvlans on the same device. */
        PRIVATE(1),
        /** {@code mode vepa}: traffic between macvlans goes out to the switch (the kernel's default). */
        VEPA(2),
        /** {@code mode bridge}: macvlans on the same device talk to each other directly. */
        BRIDGE(4),
        /** {@code mode passthru}: one macvlan takes over the lower device. */
        PASSTHRU(8),
        /** {@code mode source}: accepts only frames from a list of source MAC addresses. */
        SOURCE(16);

        /** The kernel's value (MACVLAN_MODE_*). */
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
