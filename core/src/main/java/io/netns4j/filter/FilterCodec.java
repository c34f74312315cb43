package io.netns4j.filter;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.TcMessage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Filter requests and replies, byte for byte as tc 6.1 writes them (golden bytes in
 * core/src/test/resources/golden/filter): {@code tc filter add dev DEV egress protocol all u32 match
 * u32 0 0 action mirred egress redirect dev TARGET}, and the dump {@code tc filter show dev DEV egress}.
 * Replies are read without trusting any length: a short struct is a {@link MalformedMessageException}.
 */
final class FilterCodec {
    static final int RTM_NEWTFILTER = 44;
    static final int RTM_GETTFILTER = 46;
    static final int TCA_CHAIN = 11;
    static final int TCA_U32_SEL = 5;
    static final int TCA_U32_ACT = 7;
    static final int TCA_ACT_KIND = 1;
    static final int TCA_ACT_OPTIONS = 2;
    static final int TCA_MIRRED_PARMS = 2;
    /** TC_U32_TERMINAL: a match ends the search. */
    static final int TC_U32_TERMINAL = 1;
    /** struct tc_mirred: index, capab, action, refcnt, bindcnt (tc_gen), eaction, ifindex. */
    static final int TC_MIRRED_LENGTH = 28;
    /** struct tc_u32_sel without keys (16) and one struct tc_u32_key (16). */
    static final int U32_SEL_ONE_KEY = 32;

    private FilterCodec() {
    }

    /** {@code info} of a struct tcmsg for a filter: priority in the upper half, the protocol in network order below. */
    static int info(int priority, int protocol) {
        return priority << 16 | Short.toUnsignedInt(Short.reverseBytes((short) protocol));
    }

    /** The RTM_NEWTFILTER for a match-all u32 at {@code parent} whose mirred action sends every frame out of {@code target}. */
    static byte[] encodeRedirectAll(int ifindex, int parent, int target, int flags) {
        // struct tcmsg; info: priority 0 (the kernel picks 49152), protocol all
        MessageBuilder m = new MessageBuilder(RTM_NEWTFILTER, flags).u8(0).u8(0).u16(0).u32(ifindex).u32(0).u32(parent)
                .u32(info(0, TcFilter.PROTOCOL_ALL));
        m.attrString(TcMessage.TCA_KIND, "u32");
        int options = m.beginNested(TcMessage.TCA_OPTIONS, false);
        int actions = m.beginNested(TCA_U32_ACT, false);
        int first = m.beginNested(1, false);
        m.attrString(TCA_ACT_KIND, "mirred");
        int mirred = m.beginNested(TCA_ACT_OPTIONS, true);
        ByteBuffer parms = ByteBuffer.allocate(TC_MIRRED_LENGTH).order(ByteOrder.nativeOrder());
        parms.putInt(0).putInt(0).putInt(MirredAction.STOLEN).putInt(0).putInt(0).putInt(MirredAction.EGRESS_REDIRECT)
                .putInt(target);
        m.attr(TCA_MIRRED_PARMS, parms.array());
        m.endNested(mirred);
        m.endNested(first);
        m.endNested(actions);
        ByteBuffer sel = ByteBuffer.allocate(U32_SEL_ONE_KEY).order(ByteOrder.nativeOrder());
        sel.put((byte) TC_U32_TERMINAL).put((byte) 0).put((byte) 1); // flags, offshift, nkeys; the rest: one key 0/0 at 0
        m.attr(TCA_U32_SEL, sel.array());
        m.endNested(options);
        return m.build();
    }

    /** The RTM_GETTFILTER dump request for the filters of {@code ifindex} at {@code parent}. */
    static byte[] encodeDump(int ifindex, int parent) {
        return TcMessage.request(RTM_GETTFILTER, 0, ifindex, 0, parent).build();
    }

    /** One RTM_NEWTFILTER of a dump. */
    static TcFilter decode(NetlinkMessage m, Map<Integer, String> names) throws MalformedMessageException {
        if (m.type() != RTM_NEWTFILTER) {
            throw new MalformedMessageException("expected RTM_NEWTFILTER (44), got message type " + m.type());
        }
        TcMessage t = TcMessage.decode(m);
        Attributes a = t.attributes();
        String kind = a.string(TcMessage.TCA_KIND);
        if (kind == null) {
            throw new MalformedMessageException("RTM_NEWTFILTER without TCA_KIND");
        }
        List<MirredAction> mirred = new ArrayList<>();
        if (kind.equals("u32") && a.has(TcMessage.TCA_OPTIONS)) {
            Attributes options = a.nested(TcMessage.TCA_OPTIONS);
            if (options.has(TCA_U32_ACT)) {
                for (Attribute action : options.nested(TCA_U32_ACT).all()) {
                    MirredAction one = mirred(action);
                    if (one != null) {
                        mirred.add(one);
                    }
                }
            }
        }
        int info = t.info();
        int protocol = Short.toUnsignedInt(Short.reverseBytes((short) info));
        return new TcFilter(t.ifindex(), names.getOrDefault(t.ifindex(), "if" + t.ifindex()), t.parent(), info >>> 16,
                protocol, kind, t.handle(), (int) a.u32(TCA_CHAIN, 0), mirred);
    }

    private static MirredAction mirred(Attribute action) throws MalformedMessageException {
        Attributes a = Attributes.parse(action.value());
        if (!"mirred".equals(a.string(TCA_ACT_KIND)) || !a.has(TCA_ACT_OPTIONS)) {
            return null;
        }
        byte[] parms = a.nested(TCA_ACT_OPTIONS).bytes(TCA_MIRRED_PARMS);
        if (parms == null || parms.length < TC_MIRRED_LENGTH) {
            throw new MalformedMessageException("TCA_MIRRED_PARMS is missing or shorter than struct tc_mirred ("
                    + TC_MIRRED_LENGTH + " bytes): " + (parms == null ? "missing" : parms.length + " bytes"));
        }
        ByteBuffer p = ByteBuffer.wrap(parms).order(ByteOrder.nativeOrder());
        return new MirredAction(action.type(), p.getInt(8), p.getInt(20), p.getInt(24));
    }
}
