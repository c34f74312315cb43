package io.netns4j.internal.netlink;

import io.netns4j.error.MalformedMessageException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.List;

/**
 * Whatever the bytes, the codec answers with data or {@link MalformedMessageException}:
 * never an IndexOutOfBoundsException, NegativeArraySizeException or any other exception.
 * A property fails when anything else escapes.
 */
class MalformedInputProperties {

    @Provide
    Arbitrary<byte[]> datagrams() {
        return Arbitraries.oneOf(Noise.datagram(), Noise.mutatedGolden(Golden.ALL));
    }

    @Provide
    Arbitrary<byte[]> attributeRuns() {
        return Noise.attributes();
    }

    @Provide
    Arbitrary<Integer> errorTypes() {
        return Arbitraries.of(Netlink.NLMSG_ERROR, Netlink.NLMSG_DONE);
    }

    @Provide
    Arbitrary<Integer> errorFlags() {
        return Arbitraries.oneOf(
                Arbitraries.of(0, Netlink.NLM_F_ACK_TLVS, Netlink.NLM_F_CAPPED, Netlink.NLM_F_ACK_TLVS | Netlink.NLM_F_CAPPED),
                Arbitraries.integers().between(0, 0xffff));
    }

    @Property
    void parseAllAndEveryDecoderOnlyThrowMalformed(@ForAll("datagrams") byte[] data) {
        List<NetlinkMessage> messages;
        try {
            messages = NetlinkMessage.parseAll(data, data.length);
        } catch (MalformedMessageException expected) {
            return;
        }
        for (NetlinkMessage m : messages) {
            Decoding.everything(m);
        }
    }

    @Property
    void parseAllWithAnyLengthOnlyThrowsMalformed(@ForAll("datagrams") byte[] data, @ForAll @IntRange(min = -8, max = 400) int length) {
        try {
            NetlinkMessage.parseAll(data, length);
        } catch (MalformedMessageException expected) {
            // fine
        }
    }

    @Property
    void attributesAndTheirGettersOnlyThrowMalformed(@ForAll("attributeRuns") byte[] data,
                                                     @ForAll @IntRange(min = -4, max = 80) int offset,
                                                     @ForAll @IntRange(min = -4, max = 300) int length) {
        try {
            Decoding.readAll(Attributes.parse(data), 0);
        } catch (MalformedMessageException expected) {
            // fine
        }
        try {
            Decoding.readAll(Attributes.parse(data, offset, length), 0);
        } catch (MalformedMessageException expected) {
            // fine
        }
    }

    @Property
    void netlinkErrorDecodeOnlyThrowsMalformed(@ForAll("errorTypes") int type, @ForAll("errorFlags") int flags,
                                               @ForAll("attributeRuns") byte[] payload) {
        try {
            NetlinkError.decode(new NetlinkMessage(type, flags, 0, 0, payload));
        } catch (MalformedMessageException expected) {
            // fine
        }
    }
}
