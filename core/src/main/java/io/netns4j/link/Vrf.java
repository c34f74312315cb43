package io.netns4j.link;

/**
 * A VRF bound to a routing table: {@code ip link add vrf-blue type vrf table 10}.
 *
 * @param table the routing table id ({@code table})
 */
public record Vrf(int table) implements LinkKind {
    private static final int IFLA_VRF_TABLE = 1;

    /** IFLA_VRF_TABLE. */
    @Override
    public void writeData(LinkKindData data) {
        data.u32(IFLA_VRF_TABLE, table);
    }

    @Override
    public String kindName() {
        return "vrf";
    }
}
