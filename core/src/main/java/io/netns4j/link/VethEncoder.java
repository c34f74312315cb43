package io.netns4j.link;

import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.route.Ifla;

/** veth: VETH_INFO_PEER carries a whole ifinfomsg and the peer's own IFLA attributes. */
final class VethEncoder {
    private VethEncoder() {
    }

    static void write(MessageBuilder b, Veth v) {
        if (v.peerName() == null && v.peerNamespace() == null) {
            return;
        }
        int data = b.beginNested(Ifla.IFLA_INFO_DATA, false);
        int peer = b.beginNested(Ifla.VETH_INFO_PEER, false);
        b.u8(0).u8(0).u16(0).u32(0).u32(0).u32(0); // struct ifinfomsg of the peer
        if (v.peerNamespace() != null) {
            b.attrU32(Ifla.IFLA_NET_NS_FD, v.peerNamespace().fileDescriptor());
        }
        if (v.peerName() != null) {
            b.attrString(Ifla.IFLA_IFNAME, v.peerName());
        }
        b.endNested(peer);
        b.endNested(data);
    }
}
