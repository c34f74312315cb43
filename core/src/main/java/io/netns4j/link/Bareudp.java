package io.netns4j.link;

/**
 * A bare UDP tunnel (RFC 8086 style, for MPLS or IP over UDP): {@code ip link add NAME type
 * bareudp dstport PORT ethertype PROTO [srcportmin PORT] [[no]multiproto]}. Start with
 * {@link #of(int, int)}: {@code Bareudp.of(6635, Bareudp.ETH_P_MPLS_UC).withMultiproto(true)}.
 *
 * @param dstPort      the UDP destination port ({@code dstport}), 0 to 65535
 * @param ethertype    the inner protocol ({@code ethertype}), an Ethernet type such as {@link #ETH_P_IP}
 * @param srcPortMin   the lowest UDP source port ({@code srcportmin}), 0 to 65535, or -1 for the kernel's
 * @param multiproto   {@code multiproto}: IPv6 with an IPv4 ethertype, multicast MPLS with a unicast one
 */
public record Bareudp(int dstPort, int ethertype, int srcPortMin, boolean multiproto) implements LinkKind {
    /** ETH_P_IP, {@code ethertype ipv4} (or {@code ip}). */
    public static final int ETH_P_IP = 0x0800;
    /** ETH_P_IPV6, {@code ethertype ipv6}. */
    public static final int ETH_P_IPV6 = 0x86dd;
    /** ETH_P_MPLS_UC, {@code ethertype mpls_uc}. */
    public static final int ETH_P_MPLS_UC = 0x8847;
    /** ETH_P_MPLS_MC, {@code ethertype mpls_mc}. */
    public static final int ETH_P_MPLS_MC = 0x8848;

    static final int PORT = 1;
    static final int ETHERTYPE = 2;
    static final int SRCPORT_MIN = 3;
    static final int MULTIPROTO_MODE = 4;

    /**
     * Checks the ports and the ethertype.
     *
     * @throws IllegalArgumentException when a port or the ethertype is out of range
     */
    public Bareudp {
        if (dstPort < 0 || dstPort > 0xffff || ethertype < 0 || ethertype > 0xffff || srcPortMin < -1
                || srcPortMin > 0xffff) {
            throw new IllegalArgumentException("bareudp: a port or the ethertype is out of range (0 to 65535)");
        }
    }

    /**
     * {@code ip link add NAME type bareudp dstport PORT ethertype PROTO}.
     *
     * @param dstPort   the UDP destination port
     * @param ethertype the inner protocol's Ethernet type
     * @return a bareudp link with the kernel's defaults for the rest
     */
    public static Bareudp of(int dstPort, int ethertype) {
        return new Bareudp(dstPort, ethertype, -1, false);
    }

    /**
     * {@code ... srcportmin PORT}.
     *
     * @param value the lowest UDP source port
     * @return a new value; this one is unchanged
     */
    public Bareudp withSourcePortMin(int value) {
        return new Bareudp(dstPort, ethertype, value, multiproto);
    }

    /**
     * {@code ... multiproto} (true) or {@code nomultiproto}.
     *
     * @param value whether the link takes the related protocols too
     * @return a new value; this one is unchanged
     */
    public Bareudp withMultiproto(boolean value) {
        return new Bareudp(dstPort, ethertype, srcPortMin, value);
    }

    /** IFLA_BAREUDP_* as ip writes them: port and ethertype in network order, srcportmin, the flag. */
    @Override
    public void writeData(LinkKindData d) {
        d.bytes(PORT, new byte[] {(byte) (dstPort >> 8), (byte) dstPort});
        d.bytes(ETHERTYPE, new byte[] {(byte) (ethertype >> 8), (byte) ethertype});
        if (srcPortMin >= 0) {
            d.u16(SRCPORT_MIN, srcPortMin);
        }
        if (multiproto) {
            d.bytes(MULTIPROTO_MODE, new byte[0]);
        }
    }

    @Override
    public String kindName() {
        return "bareudp";
    }
}
