package io.netns4j.link;

/**
 * What {@code ip -d link show} adds about a link (offloads, IPv6 set-up, the kind's own
 * attributes), and its alternative names. Values the kernel did not send are null.
 *
 * @param gsoMaxSize  the largest GSO packet the device takes (IFLA_GSO_MAX_SIZE), or null
 * @param gsoMaxSegs  the most segments in a GSO packet (IFLA_GSO_MAX_SEGS), or null
 * @param tsoMaxSize  the largest TSO packet the driver allows (IFLA_TSO_MAX_SIZE), or null
 * @param tsoMaxSegs  the most TSO segments the driver allows (IFLA_TSO_MAX_SEGS), or null
 * @param groMaxSize  the largest GRO packet (IFLA_GRO_MAX_SIZE), or null
 * @param addrGenMode how IPv6 link-local addresses are made (IFLA_INET6_ADDR_GEN_MODE): 0 eui64,
 *                    1 none, 2 stable_secret, 3 random; or null when IPv6 is off on the link
 * @param kindData    the kind's own attributes (IFLA_INFO_DATA: a bridge's options, a vxlan's id), never null
 * @param portData    the link's attributes as a port of its master (IFLA_INFO_SLAVE_DATA), never null
 * @param linkNone    IFLA_LINK was sent as 0 (a veth whose peer is gone, in notifications): ip shows {@code @NONE}
 * @param altNames    the link's alternative names (IFLA_PROP_LIST's IFLA_ALT_IFNAME: {@code ip link property
 *                    add dev NAME altname ALT}), in the kernel's order; empty for none
 */
public record LinkDetails(Long gsoMaxSize, Long gsoMaxSegs, Long tsoMaxSize, Long tsoMaxSegs, Long groMaxSize,
                          Integer addrGenMode, KindAttributes kindData, KindAttributes portData, boolean linkNone,
                          java.util.List<String> altNames) {
    /** Nothing known. */
    static final LinkDetails NONE = new LinkDetails(null, null, null, null, null, null, KindAttributes.NONE,
            KindAttributes.NONE, false, java.util.List.of());

    /** Missing attribute sets become empty ones; the names are copied. */
    public LinkDetails {
        kindData = kindData == null ? KindAttributes.NONE : kindData;
        portData = portData == null ? KindAttributes.NONE : portData;
        altNames = altNames == null ? java.util.List.of() : java.util.List.copyOf(altNames);
    }

    /**
     * The address generation mode as {@code ip} names it.
     *
     * @return eui64, none, stable_secret, random, or the number; null when not known
     */
    public String addrGenModeName() {
        if (addrGenMode == null) {
            return null;
        }
        return switch (addrGenMode) {
            case 0 -> "eui64";
            case 1 -> "none";
            case 2 -> "stable_secret";
            case 3 -> "random";
            default -> Integer.toString(addrGenMode);
        };
    }
}
