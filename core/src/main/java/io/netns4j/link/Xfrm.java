package io.netns4j.link;

/**
 * An XFRM (IPsec) interface: {@code ip link add NAME type xfrm [dev PHYS_DEV] if_id IF_ID} or
 * {@code ... type xfrm external}. Start with {@link #ofId(long)} or {@link #collectMetadata()}:
 * {@code Xfrm.ofId(0x10).withDevice("eth0")}.
 *
 * @param device   the device the interface's packets leave by ({@code dev}); or null
 * @param ifId     the policies' and states' interface id ({@code if_id}), 1 to 4294967295; 0 when external
 * @param external {@code external}: collect metadata (one interface for any if_id); no device or id then
 */
public record Xfrm(String device, long ifId, boolean external) implements LinkKind {
    static final int LINK = 1;
    static final int IF_ID = 2;
    static final int COLLECT_METADATA = 3;

    /**
     * Checks the options as ip does.
     *
     * @throws IllegalArgumentException when the id is out of range, missing, or given with {@code external}
     */
    public Xfrm {
        if (external && (ifId != 0 || device != null)) {
            throw new IllegalArgumentException("xfrmi: both 'external' and if_id/link cannot be specified");
        }
        if (!external && (ifId < 1 || ifId > 0xffffffffL)) {
            throw new IllegalArgumentException("xfrm needs if_id from 1 to 4294967295, not " + ifId);
        }
    }

    /**
     * {@code ip link add NAME type xfrm if_id IF_ID}.
     *
     * @param ifId the interface id, 1 to 4294967295
     * @return an xfrm interface without a device
     */
    public static Xfrm ofId(long ifId) {
        return new Xfrm(null, ifId, false);
    }

    /**
     * {@code ip link add NAME type xfrm external}.
     *
     * @return an xfrm interface in metadata mode
     */
    public static Xfrm collectMetadata() {
        return new Xfrm(null, 0, true);
    }

    /**
     * {@code ... dev PHYS_DEV}.
     *
     * @param value the device's name
     * @return a new value; this one is unchanged
     */
    public Xfrm withDevice(String value) {
        return new Xfrm(value, ifId, external);
    }

    /** IFLA_XFRM_* in ip's order: the flag alone, or if_id then link. */
    @Override
    public void writeData(LinkKindData d) throws io.netns4j.error.NetnsException {
        if (external) {
            d.bytes(COLLECT_METADATA, new byte[0]);
            return;
        }
        d.u32(IF_ID, (int) ifId);
        if (device != null) {
            d.u32(LINK, d.indexOf(device));
        }
    }

    @Override
    public String kindName() {
        return "xfrm";
    }
}
