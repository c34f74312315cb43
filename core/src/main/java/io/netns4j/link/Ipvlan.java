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

    @Override
    public String kindName() {
        return "ipvlan";
    }
}
