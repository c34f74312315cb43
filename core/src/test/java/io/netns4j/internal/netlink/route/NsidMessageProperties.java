package io.netns4j.internal.netlink.route;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Golden;
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

class NsidMessageProperties {

    @Provide
    Arbitrary<NsidMessage> messages() {
        Arbitrary<Integer> id = Arbitraries.integers().injectNull(0.4);
        // unknown attributes only: a known type would come back in its own field
        Arbitrary<Integer> unknownType = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(6, 0x3fff));
        Arbitrary<Attribute> unknown = Combinators.combine(unknownType, Arbitraries.of(false, true),
                Arbitraries.of(false, true), Noise.bytes(20)).as(Attribute::new);
        return Combinators.combine(Arbitraries.integers().between(0, 255), id, id, id, id, id, unknown.list().ofMaxSize(3))
                .as(NsidMessage::new);
    }

    @Provide
    Arbitrary<Integer> types() {
        return Arbitraries.of(Rtnl.RTM_NEWNSID, Rtnl.RTM_DELNSID, Rtnl.RTM_GETNSID);
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        return Arbitraries.oneOf(Noise.attributes(),
                Combinators.combine(Noise.bytes(4), Noise.attributes()).as((h, a) -> {
                    byte[] p = new byte[4 + a.length];
                    System.arraycopy(h, 0, p, 0, h.length);
                    System.arraycopy(a, 0, p, 4, a.length);
                    return p;
                }));
    }

    @Property
    void encodeThenDecodeGivesTheSameMessage(@ForAll("messages") NsidMessage message, @ForAll("types") int type,
                                             @ForAll @IntRange(max = 0xffff) int flags) throws MalformedMessageException {
        byte[] bytes = message.encode(type, flags);
        List<NetlinkMessage> parsed = NetlinkMessage.parseAll(bytes, bytes.length);
        assertEquals(1, parsed.size());
        NetlinkMessage m = parsed.getFirst();
        assertEquals(type, m.type());
        assertEquals(flags, m.flags());
        NsidMessage back = NsidMessage.decode(m);
        assertEquals(message, back);
        assertArrayEquals(bytes, back.encode(type, flags));
    }

    @Property
    void decodeOfAnyPayloadOnlyThrowsMalformed(@ForAll("types") int type, @ForAll("payloads") byte[] payload) {
        try {
            NsidMessage.decode(new NetlinkMessage(type, 0, 0, 0, payload));
        } catch (MalformedMessageException expected) {
            // fine
        }
    }

    @Property
    void mutatedNsidGoldensOnlyThrowMalformed(@ForAll("mutatedNsidGoldens") byte[] data) {
        try {
            for (NetlinkMessage m : NetlinkMessage.parseAll(data, data.length)) {
                NsidMessage.decode(m);
            }
        } catch (MalformedMessageException expected) {
            // fine
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedNsidGoldens() {
        return Noise.mutatedGolden(Golden.ALL.stream().filter(n -> n.startsWith("nsid-")).toList());
    }
}
