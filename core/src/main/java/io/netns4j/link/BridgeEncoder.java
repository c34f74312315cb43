package io.netns4j.link;

import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.route.Ifla;

/** bridge: IFLA_BR_* options, in the order ip writes them when given in that order. */
final class BridgeEncoder {
    private BridgeEncoder() {
    }

    static void write(MessageBuilder b, Bridge br) {
        if (br.equals(Bridge.defaults())) {
            return;
        }
        int data = b.beginNested(Ifla.IFLA_INFO_DATA, false);
        if (br.forwardDelay() != null) {
            b.attrU32(Ifla.IFLA_BR_FORWARD_DELAY, br.forwardDelay());
        }
        if (br.helloTime() != null) {
            b.attrU32(Ifla.IFLA_BR_HELLO_TIME, br.helloTime());
        }
        if (br.maxAge() != null) {
            b.attrU32(Ifla.IFLA_BR_MAX_AGE, br.maxAge());
        }
        if (br.ageingTime() != null) {
            b.attrU32(Ifla.IFLA_BR_AGEING_TIME, br.ageingTime());
        }
        if (br.stpState() != null) {
            b.attrU32(Ifla.IFLA_BR_STP_STATE, br.stpState());
        }
        if (br.priority() != null) {
            b.attrU16(Ifla.IFLA_BR_PRIORITY, br.priority());
        }
        if (br.vlanFiltering() != null) {
            b.attrU8(Ifla.IFLA_BR_VLAN_FILTERING, br.vlanFiltering());
        }
        b.endNested(data);
    }
}
