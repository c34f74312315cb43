package io.netns4j.link;

/** A VRF bound to a routing table: {@code ip link add vrf-blue type vrf table 10}. */
public record Vrf(int table) implements LinkKind {
    @Override
    public String kindName() {
        return "vrf";
    }
}
