package io.netns4j.link;

import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.route.Ifla;

/** vlan: IFLA_VLAN_PROTOCOL (network byte order) and IFLA_VLAN_ID. */
final class VlanEncoder {
    private VlanEncoder() {
    }

    static void write(MessageBuilder b, Vlan v) {
        int data = b.beginNested(Ifla.IFLA_INFO_DATA, false);
        if (v.protocol() != null) {
            int t = v.protocol().ethertype;
            b.attr(Ifla.IFLA_VLAN_PROTOCOL, new byte[] {(byte) (t >> 8), (byte) t});
        }
        b.attrU16(Ifla.IFLA_VLAN_ID, v.id());
        b.endNested(data);
    }
}
