package io.netns4j.link;

import io.netns4j.error.NetnsException;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.route.Ifla;

/**
 * Writes IFLA_LINKINFO for a link kind: IFLA_INFO_KIND, then IFLA_INFO_DATA from the kind's
 * own small encoder. Nests are unflagged and the kind has no NUL, byte for byte as
 * {@code ip link add ... type KIND} sends them. Kinds that need a lower device also return
 * its index for IFLA_LINK.
 */
public final class LinkInfoEncoder {
    private LinkInfoEncoder() {
    }

    /** The lower device a kind sits on (IFLA_LINK), or null. */
    public static String lowerDevice(LinkKind kind) {
        return switch (kind) {
            case Macvlan m -> m.lower();
            case Vlan v -> v.lower();
            case Ipvlan i -> i.lower();
            default -> null;
        };
    }

    public static void write(MessageBuilder b, LinkKind kind, LinkResolver resolver) throws NetnsException {
        int info = b.beginNested(Ifla.IFLA_LINKINFO, false);
        b.attrBytesOf(Ifla.IFLA_INFO_KIND, kind.kindName());
        switch (kind) {
            case Veth v -> VethEncoder.write(b, v);
            case Bridge br -> BridgeEncoder.write(b, br);
            case Macvlan m -> MacvlanEncoder.write(b, m);
            case Vxlan vx -> VxlanEncoder.write(b, vx, resolver);
            case Vlan vl -> VlanEncoder.write(b, vl);
            case Ipvlan ip -> IpvlanEncoder.write(b, ip);
            case Vrf vrf -> VrfEncoder.write(b, vrf);
            case Geneve g -> GeneveEncoder.write(b, g);
            case Dummy d -> { }
        }
        b.endNested(info);
    }
}
