package io.netns4j.link;

import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.route.Ifla;

/** ipvlan: IFLA_IPVLAN_MODE (l2 0, l3 1, l3s 2) and IFLA_IPVLAN_FLAGS. */
final class IpvlanEncoder {
    private IpvlanEncoder() {
    }

    static void write(MessageBuilder b, Ipvlan v) {
        if (v.mode() == null && v.flag() == null) {
            return;
        }
        int data = b.beginNested(Ifla.IFLA_INFO_DATA, false);
        if (v.mode() != null) {
            b.attrU16(Ifla.IFLA_IPVLAN_MODE, v.mode().ordinal());
        }
        if (v.flag() != null) {
            b.attrU16(Ifla.IFLA_IPVLAN_FLAGS, v.flag().value);
        }
        b.endNested(data);
    }
}
