package io.netns4j.internal.netlink;


import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.route.LinkMessage;
import io.netns4j.internal.netlink.route.NsidMessage;

import java.util.Set;

/**
 * Runs every decoder and every getter over a message, swallowing only
 * {@link MalformedMessageException}: for properties that any other exception must fail.
 */
public final class Decoding {
    private Decoding() {
    }

    /** Decodes {@code m} every way the codec can, whatever its type. */
    public static void everything(NetlinkMessage m) {
        try {
            NetlinkError.decode(m);
        } catch (MalformedMessageException expected) {
            // fine
        }
        try {
            LinkMessage link = LinkMessage.decode(m);
            link.name();
            link.isUp();
            readAll(link.attributes(), 0);
            link.linkNetnsid();
            link.link();
        } catch (MalformedMessageException expected) {
            // fine
        }
        try {
            NsidMessage.decode(m);
        } catch (MalformedMessageException expected) {
            // fine
        }
        for (int fixed : new int[] {0, 1, 4, 16}) {
            try {
                readAll(m.attributes(fixed), 0);
            } catch (MalformedMessageException expected) {
                // fine
            }
        }
    }

    /** Reads every attribute with every getter, and parses each as nested, a few levels deep. */
    public static void readAll(Attributes a, int depth) {
        for (Attribute attribute : a.all()) {
            int type = attribute.type();
            a.has(type);
            a.string(type);
            a.bytes(type);
            a.except(Set.of(type));
            try {
                a.u8(type, 0);
                a.u16(type, 0);
                a.s32(type, 0);
                a.u32(type, 0);
                a.u64(type, 0);
            } catch (MalformedMessageException expected) {
                // fine: shorter than one of them
            }
            if (depth < 3) {
                try {
                    readAll(a.nested(type), depth + 1);
                } catch (MalformedMessageException expected) {
                    // fine: not attributes inside
                }
            }
        }
    }
}
