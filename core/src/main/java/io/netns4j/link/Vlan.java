package io.netns4j.link;

/**
 * An 802.1Q/802.1ad VLAN on a lower device: {@code ip link add eth0.10 link eth0 type vlan id 10}.
 *
 * @param lower    the lower device ({@code link DEV})
 * @param id       the VLAN id ({@code id}), 0 to 4094
 * @param protocol {@code protocol 802.1Q|802.1ad}; null for the kernel's default (802.1Q)
 */
public record Vlan(String lower, int id, Protocol protocol) implements LinkKind {
    /** The VLAN tag protocol. */
    public enum Protocol {
        /** {@code protocol 802.1Q} (ethertype 0x8100). */
        DOT1Q(0x8100),
        /** {@code protocol 802.1ad} (ethertype 0x88a8, QinQ). */
        DOT1AD(0x88a8);

        /** The tag's ethertype. */
        public final int ethertype;

        Protocol(int ethertype) {
            this.ethertype = ethertype;
        }
    }

    /**
     * Checks the id.
     *
     * @throws IllegalArgumentException when {@code id} is outside 0 to 4094
     */
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
