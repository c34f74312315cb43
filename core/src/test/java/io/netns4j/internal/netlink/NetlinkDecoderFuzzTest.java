package io.netns4j.internal.netlink;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.nft.NftMessages;
import io.netns4j.internal.netlink.route.AddressMessage;
import io.netns4j.internal.netlink.route.LinkMessage;
import io.netns4j.internal.netlink.route.NeighbourMessage;
import io.netns4j.internal.netlink.route.NsidMessage;
import io.netns4j.internal.netlink.route.RouteMessage;
import io.netns4j.internal.netlink.route.RuleMessage;
import io.netns4j.internal.netlink.route.TcMessage;

import java.util.List;

/**
 * Jazzer over every netlink decoder: any bytes give messages, or a
 * {@link MalformedMessageException}; never another exception, never a read past the data.
 * Without {@code JAZZER_FUZZ} this runs the kept corpus (src/test/resources/.../Inputs), as CI
 * does; {@code scripts/fuzz.sh} fuzzes for as long as it is told.
 */
class NetlinkDecoderFuzzTest {
    private interface Decoder {
        Object decode(NetlinkMessage m) throws MalformedMessageException;
    }

    private static final List<Decoder> DECODERS = List.of(LinkMessage::decode, AddressMessage::decode,
            RouteMessage::decode, RuleMessage::decode, NeighbourMessage::decode, NsidMessage::decode, TcMessage::decode,
            NetlinkError::decode, NftMessages::readRule, NftMessages::readChain);

    @FuzzTest(maxDuration = "60s")
    void messagesDecodeOrAreRefusedAsMalformed(@NotNull byte[] data) {
        List<NetlinkMessage> messages;
        try {
            messages = NetlinkMessage.parseAll(data, data.length);
        } catch (MalformedMessageException e) {
            return;
        }
        for (NetlinkMessage m : messages) {
            for (Decoder d : DECODERS) {
                try {
                    d.decode(m);
                } catch (MalformedMessageException e) {
                    // the typed refusal
                }
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void attributesNestToAnyDepthOrAreRefused(@NotNull byte[] data) {
        try {
            walk(Attributes.parse(data), 0);
        } catch (MalformedMessageException e) {
            // the typed refusal
        }
    }

    private static void walk(Attributes a, int depth) throws MalformedMessageException {
        for (Attribute x : a.all()) {
            a.u8(x.type(), 0);
            a.u16(x.type(), 0);
            a.u32(x.type(), 0);
            a.u64(x.type(), 0);
            a.string(x.type());
            if (depth < 8) {
                walk(a.nested(x.type()), depth + 1);
            }
        }
    }
}
