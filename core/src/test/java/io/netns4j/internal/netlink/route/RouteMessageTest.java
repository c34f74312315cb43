package io.netns4j.internal.netlink.route;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.Golden;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkError;
import io.netns4j.internal.netlink.NetlinkMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.netns4j.internal.netlink.Golden.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link RouteMessage} both ways, on the bytes of {@link RouteGoldens}. */
class RouteMessageTest {

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    static NetlinkMessage one(String hex) throws MalformedMessageException {
        byte[] d = hex(hex);
        return NetlinkMessage.parseAll(d, d.length).getFirst();
    }

    @Test
    void readsIpsAddRequestAndWritesItBackByteForByte() throws Exception {
        NetlinkMessage m = one(RouteGoldens.ROUTE_ADD);
        assertEquals(Rta.RTM_NEWROUTE, m.type());
        RouteMessage r = RouteMessage.decode(m);
        assertEquals(new RouteMessage(Rta.AF_INET, 16, 0, 0, Rta.RT_TABLE_UNSPEC, Rta.RTPROT_BOOT,
                Rta.RT_SCOPE_UNIVERSE, Rta.RTN_UNICAST, 0, r.attributes()), r);
        assertEquals(1000, r.tableId(), "ids of 256 and more only fit RTA_TABLE");
        assertArrayEquals(hex("0a 01 00 00"), r.bytes(Rta.RTA_DST));
        assertArrayEquals(hex("0a 00 00 01"), r.bytes(Rta.RTA_PREFSRC));
        assertArrayEquals(hex("0a 00 00 02"), r.bytes(Rta.RTA_GATEWAY));
        assertEquals(7L, r.priority());
        assertEquals(3, r.outputIndex());
        assertEquals(1400, r.metrics().u32(Rta.RTAX_MTU, -1));
        assertEquals(1 << Rta.RTAX_MTU, r.metrics().u32(Rta.RTAX_LOCK, -1));
        assertEquals(List.of(), r.nexthops());
        byte[] expected = Golden.normaliseRequest(hex(RouteGoldens.ROUTE_ADD));
        assertArrayEquals(expected, r.encode(Rta.RTM_NEWROUTE, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL));
    }

    @Test
    void metricsAreWrittenAsIpWritesThemWithoutTheNestedFlag() throws Exception {
        Attribute metrics = RouteMessage.attrNested(Rta.RTA_METRICS, List.of(RouteMessage.attrU32(Rta.RTAX_MTU, 1400),
                RouteMessage.attrU32(Rta.RTAX_LOCK, 1 << Rta.RTAX_MTU)));
        assertEquals(RouteMessage.decode(one(RouteGoldens.ROUTE_ADD)).attributes().find(Rta.RTA_METRICS), metrics);
    }

    @Test
    void readsAndWritesMultipathNexthops() throws Exception {
        RouteMessage r = RouteMessage.decode(one(RouteGoldens.ROUTE_ADD_MULTIPATH));
        List<RouteMessage.Nexthop> hops = r.nexthops();
        assertEquals(2, hops.size());
        assertEquals(new RouteMessage.Nexthop(0, 1, 3, Attributes.of(List.of(new Attribute(Rta.RTA_GATEWAY,
                hex("0a 00 00 02"))))), hops.get(0), "weight 2 is hops 1");
        assertEquals(new RouteMessage.Nexthop(0, 0, 3, Attributes.of(List.of(new Attribute(Rta.RTA_GATEWAY,
                hex("0a 00 00 03"))))), hops.get(1));
        assertArrayEquals(r.bytes(Rta.RTA_MULTIPATH), RouteMessage.Nexthop.encodeAll(hops));
        assertArrayEquals(Golden.normaliseRequest(hex(RouteGoldens.ROUTE_ADD_MULTIPATH)),
                r.encode(Rta.RTM_NEWROUTE, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL));
    }

    @Test
    void readsAnIpv6RouteWithItsRouterPreference() throws Exception {
        RouteMessage r = RouteMessage.decode(one(RouteGoldens.ROUTE_ADD_IPV6));
        assertEquals(Rta.AF_INET6, r.family());
        assertEquals(48, r.dstLen());
        assertEquals(Rta.RT_TABLE_MAIN, r.tableId());
        assertEquals(1, r.attributes().u8(Rta.RTA_PREF, -1), "pref high");
        assertEquals(16, r.bytes(Rta.RTA_GATEWAY).length);
        assertArrayEquals(Golden.normaliseRequest(hex(RouteGoldens.ROUTE_ADD_IPV6)),
                r.encode(Rta.RTM_NEWROUTE, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL));
    }

    @Test
    void readsTheKernelsLookupAnswer() throws Exception {
        NetlinkMessage m = one(RouteGoldens.ROUTE_GET_REPLY);
        RouteMessage r = RouteMessage.decode(m);
        assertEquals(32, r.dstLen());
        assertEquals(32, r.srcLen());
        assertEquals(Rta.RTM_F_CLONED, r.flags());
        assertEquals(Rta.RT_TABLE_MAIN, r.tableId());
        assertEquals(5, r.attributes().u32(Rta.RTA_MARK, -1));
        assertEquals(0, r.attributes().u32(Rta.RTA_UID, -1));
        assertEquals(32, r.bytes(Rta.RTA_CACHEINFO).length);
        assertNull(r.priority());
        assertArrayEquals(Golden.normaliseReply(hex(RouteGoldens.ROUTE_GET_REPLY)), r.encode(m.type(), m.flags()));
    }

    @Test
    void readsEveryRouteOfADumpAndWritesEachBack() throws Exception {
        byte[] d = hex(RouteGoldens.ROUTE_DUMP);
        List<NetlinkMessage> all = NetlinkMessage.parseAll(d, d.length);
        assertEquals(4, all.size());
        int at = 0;
        int[] dstLens = {0, 24, 16, 16};
        int[] types = {Rta.RTN_UNICAST, Rta.RTN_UNICAST, Rta.RTN_BLACKHOLE, Rta.RTN_UNICAST};
        for (int i = 0; i < all.size(); i++) {
            NetlinkMessage m = all.get(i);
            assertEquals(Netlink.NLM_F_MULTI | Netlink.NLM_F_DUMP_FILTERED, m.flags());
            RouteMessage r = RouteMessage.decode(m);
            assertEquals(dstLens[i], r.dstLen());
            assertEquals(types[i], r.type());
            byte[] raw = java.util.Arrays.copyOfRange(d, at, at + Netlink.align(m.payload().length + 16));
            assertArrayEquals(Golden.normaliseReply(raw), r.encode(m.type(), m.flags()));
            at += raw.length;
        }
        RouteMessage link = RouteMessage.decode(all.get(1));
        assertEquals(Rta.RTPROT_KERNEL, link.protocol());
        assertEquals(Rta.RT_SCOPE_LINK, link.scope());
        assertArrayEquals(hex("0a 00 00 01"), link.bytes(Rta.RTA_PREFSRC));
        assertEquals(2, RouteMessage.decode(all.get(3)).nexthops().size());
    }

    @Test
    void theKernelsWordsOnAGatewayItCannotReach() throws Exception {
        NetlinkError e = NetlinkError.decode(one(RouteGoldens.ROUTE_ERROR_INVALID_GATEWAY));
        assertEquals(-22, e.error());
        assertEquals("Nexthop has invalid gateway", e.message());
    }

    @Test
    void refusesTruncatedHeadersAndNexthops() {
        assertThrows(MalformedMessageException.class,
                () -> RouteMessage.decode(new NetlinkMessage(Rta.RTM_NEWROUTE, 0, 0, 0, hex("02 10 00 00 fe 03"))));
        assertThrows(MalformedMessageException.class,
                () -> RouteMessage.Nexthop.decodeAll(hex("20 00 00 00 03 00 00 00")), "claims 32 bytes, has 8");
        assertThrows(MalformedMessageException.class,
                () -> RouteMessage.Nexthop.decodeAll(hex("04 00 00 00 03 00 00 00")), "shorter than its own header");
        assertThrows(MalformedMessageException.class,
                () -> RouteMessage.Nexthop.decodeAll(hex("08 00 00 00 03 00 00 00 ff ff")), "stray bytes");
    }

    @Test
    void keepsAttributesItDoesNotKnow() throws Exception {
        Attribute unknown = new Attribute(0x3ff, false, false, hex("de ad be ef"));
        RouteMessage r = new RouteMessage(Rta.AF_INET, 0, 0, 0, 254, 3, 0, 1, 0, Attributes.of(List.of(unknown)));
        byte[] b = r.encode(Rta.RTM_NEWROUTE, 0);
        assertEquals(r, RouteMessage.decode(NetlinkMessage.parseAll(b, b.length).getFirst()));
    }
}
