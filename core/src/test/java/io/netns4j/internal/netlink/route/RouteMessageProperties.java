package io.netns4j.internal.netlink.route;

import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Any {@link RouteMessage} survives encode then decode unchanged. */
class RouteMessageProperties {
    @Provide
    Arbitrary<RouteMessage> messages() {
        Arbitrary<Integer> u8 = Arbitraries.integers().between(0, 255);
        Arbitrary<Attribute> attr = Combinators.combine(Arbitraries.integers().between(0, 0x3fff),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20)).as(Attribute::new);
        return Combinators.combine(u8, u8, u8, u8, u8, u8, u8, u8).as((a, b, c, d, e, f, g, h) -> new int[] {a, b, c, d,
                e, f, g, h}).flatMap(h -> Combinators.combine(Arbitraries.integers(), attr.list().ofMaxSize(4))
                .as((flags, attrs) -> new RouteMessage(h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], flags,
                        Attributes.of(attrs))));
    }

    @Property
    void encodeThenDecodeGivesTheSameMessage(@ForAll("messages") RouteMessage message) throws Exception {
        byte[] bytes = message.encode(Rta.RTM_NEWROUTE, Netlink.NLM_F_CREATE);
        RouteMessage back = RouteMessage.decode(NetlinkMessage.parseAll(bytes, bytes.length).getFirst());
        assertEquals(message, back);
        assertArrayEquals(bytes, back.encode(Rta.RTM_NEWROUTE, Netlink.NLM_F_CREATE));
    }

    @Provide
    Arbitrary<List<RouteMessage.Nexthop>> nexthops() {
        Arbitrary<Attribute> gw = Arbitraries.bytes().array(byte[].class).ofSize(4).map(b -> new Attribute(Rta.RTA_GATEWAY, b));
        return Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255),
                Arbitraries.integers(), gw.list().ofMaxSize(2))
                .as((f, h, i, a) -> new RouteMessage.Nexthop(f, h, i, Attributes.of(a))).list().ofMaxSize(5);
    }

    @Property
    void nexthopsRoundTrip(@ForAll("nexthops") List<RouteMessage.Nexthop> hops) throws Exception {
        assertEquals(hops, RouteMessage.Nexthop.decodeAll(RouteMessage.Nexthop.encodeAll(hops)));
    }
}
