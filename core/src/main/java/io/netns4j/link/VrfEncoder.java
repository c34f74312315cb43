package io.netns4j.link;

import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.route.Ifla;

/** vrf: IFLA_VRF_TABLE. */
final class VrfEncoder {
    private VrfEncoder() {
    }

    static void write(MessageBuilder b, Vrf v) {
        int data = b.beginNested(Ifla.IFLA_INFO_DATA, false);
        b.attrU32(Ifla.IFLA_VRF_TABLE, v.table());
        b.endNested(data);
    }
}
