package io.netns4j.route;

import java.util.Map;

/**
 * Who installed a route ({@code proto} in {@code ip route}): numbers and names as {@code ip}
 * reads them, built in and from {@code /etc/iproute2/rt_protos} and {@code rt_protos.d}.
 */
public final class RouteProtocols {
    /** RTPROT_UNSPEC ({@code unspec}). */
    public static final int UNSPEC = 0;
    /** RTPROT_REDIRECT: installed by an ICMP redirect ({@code redirect}). */
    public static final int REDIRECT = 1;
    /** RTPROT_KERNEL: installed by the kernel itself, such as prefix routes ({@code kernel}). */
    public static final int KERNEL = 2;
    /** RTPROT_BOOT: what {@code ip route add} uses unless told otherwise ({@code boot}). */
    public static final int BOOT = 3;
    /** RTPROT_STATIC: installed by the administrator to stay ({@code static}). */
    public static final int STATIC = 4;

    private static final NameTable TABLE = new NameTable(Map.ofEntries(
            Map.entry(0L, "unspec"), Map.entry(1L, "redirect"), Map.entry(2L, "kernel"), Map.entry(3L, "boot"),
            Map.entry(4L, "static"), Map.entry(8L, "gated"), Map.entry(9L, "ra"), Map.entry(10L, "mrt"),
            Map.entry(11L, "zebra"), Map.entry(12L, "bird"), Map.entry(13L, "dnrouted"), Map.entry(14L, "xorp"),
            Map.entry(15L, "ntk"), Map.entry(16L, "dhcp"), Map.entry(18L, "keepalived"), Map.entry(42L, "babel"),
            Map.entry(186L, "bgp"), Map.entry(187L, "isis"), Map.entry(188L, "ospf"), Map.entry(189L, "rip"),
            Map.entry(192L, "eigrp")), "rt_protos", true, 255, NameTable.ETC, NameTable.USR);

    private RouteProtocols() {
    }

    /**
     * The name {@code ip} prints for a protocol.
     *
     * @param id the protocol number, 0 to 255
     * @return its name ({@code kernel}, or from rt_protos), or the number in decimal when it has none
     */
    public static String name(int id) {
        return TABLE.name(id);
    }

    /**
     * The protocol a name or number stands for.
     *
     * @param text a name ({@code static}, or from rt_protos) or a number
     * @return the protocol number, 0 to 255
     * @throws IllegalArgumentException when {@code text} is neither a known name nor 0 to 255
     */
    public static int parse(String text) {
        Long id = TABLE.id(text);
        if (id == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not a route protocol: use a number (0 to 255)"
                    + " or a name such as kernel, boot, static (see /etc/iproute2/rt_protos)");
        }
        return id.intValue();
    }
}
