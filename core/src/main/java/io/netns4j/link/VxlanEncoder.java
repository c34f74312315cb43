package io.netns4j.link;

import io.netns4j.error.NetnsException;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.route.Ifla;

import java.net.Inet6Address;
import java.net.InetAddress;

/** vxlan: IFLA_VXLAN_* (the port in network byte order, as the kernel wants it). */
final class VxlanEncoder {
    private VxlanEncoder() {
    }

    static void write(MessageBuilder b, Vxlan v, LinkResolver resolver) throws NetnsException {
        int data = b.beginNested(Ifla.IFLA_INFO_DATA, false);
        // ip's fixed order: link, ttl, id, local, remote/group, learning, port
        if (v.device() != null) {
            b.attrU32(Ifla.IFLA_VXLAN_LINK, resolver.indexOf(v.device()));
        }
        if (v.ttl() != null) {
            b.attrU8(Ifla.IFLA_VXLAN_TTL, v.ttl());
        }
        b.attrU32(Ifla.IFLA_VXLAN_ID, v.id());
        if (v.local() != null) {
            b.attr(v.local() instanceof Inet6Address ? Ifla.IFLA_VXLAN_LOCAL6 : Ifla.IFLA_VXLAN_LOCAL,
                    v.local().getAddress());
        }
        InetAddress peer = v.remote() != null ? v.remote() : v.group();
        if (peer != null) {
            b.attr(peer instanceof Inet6Address ? Ifla.IFLA_VXLAN_GROUP6 : Ifla.IFLA_VXLAN_GROUP, peer.getAddress());
        }
        if (v.learning() != null) {
            b.attrU8(Ifla.IFLA_VXLAN_LEARNING, v.learning() ? 1 : 0);
        }
        if (v.dstPort() != null) {
            b.attr(Ifla.IFLA_VXLAN_PORT, new byte[] {(byte) (v.dstPort() >> 8), (byte) (int) v.dstPort()});
        }
        b.endNested(data);
    }
}
