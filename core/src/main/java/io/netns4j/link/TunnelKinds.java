package io.netns4j.link;

import io.netns4j.error.MalformedMessageException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The tunnel kinds as one family, for what reads a tunnel before changing it: {@code ip link set
 * DEV type gre OPTIONS} and {@code ip tunnel change} read the tunnel's settings and send them
 * all with the change. {@link #from} turns a link's IFLA_INFO_DATA into its record
 * ({@link IpTunnel}, {@link Ip6Tunnel}, {@link GreTunnel}, {@link VtiTunnel}); {@link #unmodelled}
 * names the settings a record cannot carry (encapsulation, {@code external}, isatap, ...), which a
 * change made from the record would reset.
 */
public final class TunnelKinds {
    /** The kernel's tunnel kinds, the names {@link #from} reads. */
    public static final Set<String> KINDS = Set.of("ipip", "sit", "ip6tnl", "gre", "gretap", "ip6gre", "ip6gretap",
            "vti", "vti6");

    /**
     * Per kind, the IFLA_*_ attributes its record holds; any other attribute the kernel reports must
     * be absent or zero. Encapsulation flags 2 (IPv6 UDP checksums) are ip's default for IPv6 tunnels.
     */
    private static final Map<String, Set<Integer>> MODELLED = Map.of(
            "ipip", Set.of(1, 2, 3, 4, 5, 9, 10, 20),
            "sit", Set.of(1, 2, 3, 4, 5, 9, 10, 20, 11, 12, 13, 14), // 6rd: the kernel keeps it when not sent
            "ip6tnl", Set.of(1, 2, 3, 4, 6, 7, 8, 9, 20),
            "gre", Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20),
            "ip6gre", Set.of(1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 20, 22),
            "vti", Set.of(1, 2, 3, 4, 5, 6));

    private TunnelKinds() {
    }

    /**
     * Reads a tunnel link's settings back, as {@code ip -d link show DEV} shows them.
     *
     * @param kind  the link's kind ({@link Link#kind()})
     * @param data  the link's IFLA_INFO_DATA ({@link LinkDetails#kindData()})
     * @param names the name of a device by its index, for {@code dev}
     * @return the tunnel's record, or null when {@code kind} is not one of {@link #KINDS}
     * @throws MalformedMessageException when an attribute is shorter than its type or holds what ip could not set
     */
    public static LinkKind from(String kind, KindAttributes data, IntFunction<String> names)
            throws MalformedMessageException {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case "ipip" -> IpTunnel.from(IpTunnel.Type.IPIP, data, names);
            case "sit" -> IpTunnel.from(IpTunnel.Type.SIT, data, names);
            case "ip6tnl" -> Ip6Tunnel.from(data, names);
            case "gre" -> GreTunnel.from(GreTunnel.Type.GRE, data, names);
            case "gretap" -> GreTunnel.from(GreTunnel.Type.GRETAP, data, names);
            case "ip6gre" -> GreTunnel.from(GreTunnel.Type.IP6GRE, data, names);
            case "ip6gretap" -> GreTunnel.from(GreTunnel.Type.IP6GRETAP, data, names);
            case "vti" -> VtiTunnel.from(VtiTunnel.Type.VTI, data, names);
            case "vti6" -> VtiTunnel.from(VtiTunnel.Type.VTI6, data, names);
            default -> null;
        };
    }

    /**
     * The attributes of a tunnel's IFLA_INFO_DATA that its record cannot carry and that are set
     * (present and not all zero, or a flag): a change sent from the record would reset them, so
     * netns4j refuses to change such a tunnel in place.
     *
     * @param kind the link's kind, one of {@link #KINDS}
     * @param data the link's IFLA_INFO_DATA
     * @return the attribute numbers, in increasing order; empty when the record holds everything
     */
    public static List<Integer> unmodelled(String kind, KindAttributes data) {
        String family = switch (kind) {
            case "gretap" -> "gre";
            case "ip6gretap" -> "ip6gre";
            case "vti6" -> "vti";
            default -> kind;
        };
        Set<Integer> modelled = MODELLED.getOrDefault(family, Set.of());
        boolean ipv6 = family.equals("ip6tnl") || family.equals("ip6gre");
        int encapFlags = family.equals("ip6tnl") ? 16 : family.equals("ip6gre") ? 15 : -1;
        List<Integer> out = new ArrayList<>();
        for (int type : new java.util.TreeSet<>(data.types())) {
            if (modelled.contains(type)) {
                continue;
            }
            byte[] b = data.bytes(type);
            if (ipv6 && type == encapFlags && b.length >= 2 && (b[0] & 0xff) == 2 && b[1] == 0) {
                continue; // TUNNEL_ENCAP_FLAG_CSUM6, which the IPv6 records send too
            }
            if (b.length == 0 || !zero(b)) {
                out.add(type);
            }
        }
        if (family.equals("ip6tnl") || family.equals("ip6gre")) {
            int flagsType = family.equals("ip6tnl") ? 8 : 13;
            byte[] f = data.bytes(flagsType);
            if (f != null && f.length >= 4 && (hostOrder(f) & ~(TunnelData.IGN_ENCAP_LIMIT
                    | TunnelData.USE_ORIG_TCLASS | TunnelData.USE_ORIG_FLOWLABEL)) != 0) {
                out.add(flagsType); // dscp inherit, allow-localremote, ...
            }
        }
        return out;
    }

    private static boolean zero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static int hostOrder(byte[] b) {
        return java.nio.ByteBuffer.wrap(b, 0, 4).order(java.nio.ByteOrder.nativeOrder()).getInt(); // host order
    }
}
