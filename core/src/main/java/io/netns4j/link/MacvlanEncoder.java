package io.netns4j.link;

import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.route.Ifla;

/** macvlan: IFLA_MACVLAN_MODE. */
final class MacvlanEncoder {
    private MacvlanEncoder() {
    }

    static void write(MessageBuilder b, Macvlan m) {
        if (m.mode() == null) {
            return;
        }
        int data = b.beginNested(Ifla.IFLA_INFO_DATA, false);
        b.attrU32(Ifla.IFLA_MACVLAN_MODE, m.mode().value);
        b.endNested(data);
    }
}
