package io.netns4j.internal.netlink.route;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.Decoding;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.Noise;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LinkMessageProperties {

    @Provide
    Arbitrary<LinkMessage> links() {
        Arbitrary<Attribute> attribute = Combinators.combine(Arbitraries.integers().between(0, 0x3fff),
                Arbitraries.of(false, true), Arbitraries.of(false, true), Noise.bytes(40)).as(Attribute::new);
        return Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 0xffff),
                        Arbitraries.integers(), Arbitraries.integers(), Arbitraries.integers(),
                        attribute.list().ofMaxSize(8).map(Attributes::of))
                .as(LinkMessage::new);
    }

    @Provide
    Arbitrary<Integer> types() {
        return Arbitraries.of(Rtnl.RTM_NEWLINK, Rtnl.RTM_DELLINK, Rtnl.RTM_GETLINK, Rtnl.RTM_SETLINK);
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        return Combinators.combine(Noise.bytes(16), Noise.attributes()).as((header, attributes) -> {
            byte[] p = new byte[header.length + attributes.length];
            System.arraycopy(header, 0, p, 0, header.length);
            System.arraycopy(attributes, 0, p, header.length, attributes.length);
            return p;
        });
    }

    @Provide
    Arbitrary<byte[]> mutatedLinkGoldens() {
        return Noise.mutatedGolden(List.of("link-get-lo.hex", "link-dump.hex", "link-get-request-lo.hex"));
    }

    @Property
    void encodeThenDecodeGivesTheSameLink(@ForAll("links") LinkMessage link, @ForAll("types") int type,
                                          @ForAll @IntRange(max = 0xffff) int flags) throws MalformedMessageException {
        byte[] bytes = link.encode(type, flags);
        List<NetlinkMessage> parsed = NetlinkMessage.parseAll(bytes, bytes.length);
        assertEquals(1, parsed.size());
        LinkMessage back = LinkMessage.decode(parsed.getFirst());
        assertEquals(link, back);
        assertArrayEquals(bytes, back.encode(type, flags));
    }

    @Property
    void decodeOfAnyPayloadOnlyThrowsMalformed(@ForAll("types") int type, @ForAll("payloads") byte[] payload) {
        Decoding.everything(new NetlinkMessage(type, 0, 0, 0, payload));
    }

    @Property(tries = 300)
    void mutatedLinkGoldensOnlyThrowMalformed(@ForAll("mutatedLinkGoldens") byte[] data) {
        try {
            for (NetlinkMessage m : NetlinkMessage.parseAll(data, data.length)) {
                Decoding.everything(m);
            }
        } catch (MalformedMessageException expected) {
            // fine
        }
    }
}
