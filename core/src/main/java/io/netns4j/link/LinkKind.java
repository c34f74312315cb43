package io.netns4j.link;

import io.netns4j.error.NetnsException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kind of a virtual link to create, the {@code type ...} part of {@code ip link add}.
 * Each kind is an immutable record with the options {@code ip} offers for it (options left
 * null take the kernel's default) and, in the same file, how they are encoded
 * ({@link #writeData}). A kind's record is named after its kernel name ({@code Veth} is
 * "veth"), or after a family of kinds with a {@code Type} enum ({@link GreTunnel} is gre,
 * gretap, ip6gre and ip6gretap): {@link #supported()} is read off the permitted records.
 */
public sealed interface LinkKind permits Veth, Bridge, Macvlan, Vxlan, Dummy, Vlan, Ipvlan, Vrf, Geneve,
        IpTunnel, Ip6Tunnel, GreTunnel, VtiTunnel, Wireguard, Bareudp, Xfrm, Macsec {
    /**
     * The kernel's name for the kind.
     *
     * @return IFLA_INFO_KIND: "veth", "bridge", ...
     */
    String kindName();

    /**
     * Writes the kind's options (IFLA_INFO_DATA), byte for byte as {@code ip link add ... type
     * KIND OPTIONS} does.
     *
     * @param data where the attributes go
     * @throws NetnsException when a device the options name (e.g. a vxlan's {@code dev}) cannot be resolved
     */
    void writeData(LinkKindData data) throws NetnsException;

    /**
     * The device the link sits on ({@code ip link add ... link DEV}, written as IFLA_LINK).
     *
     * @return the lower device's name, or null when the kind has none (the default)
     */
    default String lowerDevice() {
        return null;
    }

    /**
     * The kinds {@code link add} accepts, for error messages.
     *
     * @return the kind names, comma-separated: "veth, bridge, ..."
     */
    static String supported() {
        return Arrays.stream(LinkKind.class.getPermittedSubclasses())
                .map(c -> switch (c.getSimpleName()) {
                    case "IpTunnel" -> "ipip, sit";
                    case "Ip6Tunnel" -> "ip6tnl";
                    case "GreTunnel" -> "gre, gretap, ip6gre, ip6gretap";
                    case "VtiTunnel" -> "vti, vti6";
                    default -> c.getSimpleName().toLowerCase(Locale.ROOT);
                })
                .collect(Collectors.joining(", "));
    }
}
