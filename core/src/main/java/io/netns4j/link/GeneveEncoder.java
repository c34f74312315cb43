package io.netns4j.link;

import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.route.Ifla;

import java.net.Inet6Address;

/** geneve: IFLA_GENEVE_ID, REMOTE or REMOTE6, LABEL, TTL, TOS, PORT (network byte order), in ip's order. */
final class GeneveEncoder {
    private GeneveEncoder() {
    }

    static void write(MessageBuilder b, Geneve g) {
        int data = b.beginNested(Ifla.IFLA_INFO_DATA, false);
        b.attrU32(Ifla.IFLA_GENEVE_ID, g.id());
        if (g.remote() != null) {
            b.attr(g.remote() instanceof Inet6Address ? Ifla.IFLA_GENEVE_REMOTE6 : Ifla.IFLA_GENEVE_REMOTE,
                    g.remote().getAddress());
        }
        b.attrU32(Ifla.IFLA_GENEVE_LABEL, 0); // ip always sends the flow label and TOS
        if (g.ttl() != null) {
            b.attrU8(Ifla.IFLA_GENEVE_TTL, g.ttl());
        }
        b.attrU8(Ifla.IFLA_GENEVE_TOS, 0);
        if (g.dstPort() != null) {
            b.attr(Ifla.IFLA_GENEVE_PORT, new byte[] {(byte) (g.dstPort() >> 8), (byte) (int) g.dstPort()});
        }
        b.endNested(data);
    }
}
