package io.netns4j.link;

/** An 802.1Q/802.1ad VLAN on a lower device: {@code ip link add eth0.10 link eth0 type vlan id 10}. */
public record Vlan(String lower, int id, Protocol protocol) implements LinkKind {
    public enum Protocol {
        DOT1Q(0x8100), DOT1AD(0x88a8);

        public final int ethertype;

        Protocol(int ethertype) {
            this.ethertype = ethertype;
        }
    }

    public Vlan {
        if (id < 0 || id > 4094) {
            throw new IllegalArgumentException("vlan id " + id + " is out of range (0 to 4094)");
        }
    }

    private static final int IFLA_VLAN_ID = 1;
    private static final int IFLA_VLAN_PROTOCOL = 5;

    /** IFLA_VLAN_PROTOCOL (network byte order), then IFLA_VLAN_ID. */
    @Override
    public void writeData(LinkKindData data) {
        if (protocol != null) {
            int t = protocol.ethertype;
            data.bytes(IFLA_VLAN_PROTOCOL, new byte[] {(byte) (t >> 8), (byte) t});
        }
        data.u16(IFLA_VLAN_ID, id);
    }

    @Override
    public String lowerDevice() {
        return lower;
    }

    @Override
    public String kindName() {
        return "vlan";
    }
}
