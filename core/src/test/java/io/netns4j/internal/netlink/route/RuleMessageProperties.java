package io.netns4j.internal.netlink.route;

import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.NetlinkMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Any {@link RuleMessage} survives encode then decode unchanged. */
class RuleMessageProperties {
    @Provide
    Arbitrary<RuleMessage> messages() {
        Arbitrary<Integer> u8 = Arbitraries.integers().between(0, 255);
        Arbitrary<Attribute> attr = Combinators.combine(Arbitraries.integers().between(0, 0x3fff),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20)).as(Attribute::new);
        return Combinators.combine(u8, u8, u8, u8, u8, u8, Arbitraries.integers(), attr.list().ofMaxSize(4))
                .as((f, d, s, t, tb, a, flags, attrs) -> new RuleMessage(f, d, s, t, tb, a, flags, Attributes.of(attrs)));
    }

    @Property
    void encodeThenDecodeGivesTheSameMessage(@ForAll("messages") RuleMessage message) throws Exception {
        byte[] bytes = message.encode(Fra.RTM_NEWRULE, 0);
        RuleMessage back = RuleMessage.decode(NetlinkMessage.parseAll(bytes, bytes.length).getFirst());
        assertEquals(message, back);
        assertArrayEquals(bytes, back.encode(Fra.RTM_NEWRULE, 0));
    }
}
