package io.netns4j.route;

import io.netns4j.internal.netlink.Golden;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.RouteMessage;
import io.netns4j.internal.netlink.route.Rta;
import io.netns4j.types.InetPrefix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.netns4j.internal.netlink.Golden.hex;
import static io.netns4j.internal.netlink.route.RouteGoldens.ROUTE_ADD;
import static io.netns4j.internal.netlink.route.RouteGoldens.ROUTE_ADD_BLACKHOLE;
import static io.netns4j.internal.netlink.route.RouteGoldens.ROUTE_ADD_DEFAULT;
import static io.netns4j.internal.netlink.route.RouteGoldens.ROUTE_ADD_IPV6;
import static io.netns4j.internal.netlink.route.RouteGoldens.ROUTE_ADD_MULTIPATH;
import static io.netns4j.internal.netlink.route.RouteGoldens.ROUTE_DELETE;
import static io.netns4j.internal.netlink.route.RouteGoldens.ROUTE_DUMP;
import static io.netns4j.internal.netlink.route.RouteGoldens.ROUTE_DUMP_REQUEST;
import static io.netns4j.internal.netlink.route.RouteGoldens.ROUTE_GET;
import static io.netns4j.internal.netlink.route.RouteGoldens.ROUTE_GET_REPLY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link Routes} sends is what {@code ip} sends for the same command,
 * byte for byte, and what the kernel answers reads back as {@code ip} shows it. No root:
 * interface names resolve through a stub (veth0 is index 3, as when capturing).
 */
class RouteCodecTest {
    private static final RouteCodec.Indexes VETH0 = name -> {
        assertEquals("veth0", name);
        return 3;
    };
    private static final RouteCodec.Names NAMES = index -> index == 0 ? null : index == 3 ? "veth0" : "if" + index;
    private static final int CREATE = Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL;

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    private static void assertSent(String golden, RouteMessage ours, int type, int flags) {
        assertArrayEquals(Golden.normaliseRequest(hex(golden)), ours.encode(type, flags));
    }

    @Test
    void addWithEveryCommonOptionIsIpsRequest() throws Exception {
        Route r = Route.to("10.1.0.0/16").withPreferredSource("10.0.0.1").withGateway("10.0.0.2").withMetric(7).withTable(1000).withDevice("veth0")
                .withMtu(1400).withLockedMetric(RouteMetric.MTU);
        assertSent(ROUTE_ADD, RouteCodec.request(r, false, VETH0), Rta.RTM_NEWROUTE, CREATE);
    }

    @Test
    void defaultRouteTakesItsFamilyFromTheGateway() throws Exception {
        Route r = Route.to("default").withGateway("10.0.0.2");
        assertTrue(r.isDefault());
        assertSent(ROUTE_ADD_DEFAULT, RouteCodec.request(r, false, VETH0), Rta.RTM_NEWROUTE, CREATE);
    }

    @Test
    void multipathIpv6AndBlackholeAreIpsRequests() throws Exception {
        Route multipath = Route.to("172.16.0.0/16").withNexthop(Nexthop.via("10.0.0.2").withDevice("veth0").withWeight(2))
                .withNexthop(Nexthop.via("10.0.0.3").withDevice("veth0"));
        assertSent(ROUTE_ADD_MULTIPATH, RouteCodec.request(multipath, false, VETH0), Rta.RTM_NEWROUTE, CREATE);
        Route v6 = Route.to("2001:db8:5::/48").withGateway("2001:db8::2").withPref(Route.PREF_HIGH);
        assertSent(ROUTE_ADD_IPV6, RouteCodec.request(v6, false, VETH0), Rta.RTM_NEWROUTE, CREATE);
        Route blackhole = Route.to("10.9.0.0/16").withType(RouteType.BLACKHOLE);
        assertSent(ROUTE_ADD_BLACKHOLE, RouteCodec.request(blackhole, false, VETH0), Rta.RTM_NEWROUTE, CREATE);
    }

    @Test
    void deleteLeavesTypeProtocolAndScopeOpen() throws Exception {
        Route r = Route.to("10.1.0.0/16").withTable(1000);
        assertSent(ROUTE_DELETE, RouteCodec.request(r, true, VETH0), Rta.RTM_DELROUTE, 0);
    }

    @Test
    void lookupAndDumpAreIpsRequests() throws Exception {
        RouteLookup q = RouteLookup.to("10.50.1.1").withSource("10.0.0.1").withOutputDevice("veth0").withMark(5);
        assertSent(ROUTE_GET, RouteCodec.lookupRequest(q, VETH0), Rta.RTM_GETROUTE, 0);
        assertSent(ROUTE_DUMP_REQUEST, RouteCodec.dumpRequest(RouteFilter.main(), VETH0), Rta.RTM_GETROUTE,
                Netlink.NLM_F_DUMP);
    }

    @Test
    void readsTheLookupAnswerAsIpShowsIt() throws Exception {
        byte[] d = hex(ROUTE_GET_REPLY);
        Route r = RouteCodec.decode(RouteMessage.decode(NetlinkMessage.parseAll(d, d.length).getFirst()), NAMES);
        assertEquals(InetPrefix.parse("10.50.1.1/32"), r.destination());
        assertEquals(InetPrefix.parse("10.0.0.1/32"), r.source());
        assertEquals(InetPrefix.parseAddress("10.0.0.2"), r.gateway());
        assertEquals("veth0", r.device());
        assertEquals(RouteTables.MAIN, r.table());
        assertEquals(5L, r.mark());
        assertEquals(0L, r.uid());
        assertEquals(List.of(), r.cache(), "a cached answer with no RTCF flags");
        assertNull(r.expires());
    }

    @Test
    void readsADumpAsIpShowsIt() throws Exception {
        byte[] d = hex(ROUTE_DUMP);
        List<Route> routes = new ArrayList<>();
        for (NetlinkMessage m : NetlinkMessage.parseAll(d, d.length)) {
            routes.add(RouteCodec.decode(RouteMessage.decode(m), NAMES));
        }
        Route dflt = routes.get(0);
        assertTrue(dflt.isDefault());
        assertEquals(RouteType.UNICAST, dflt.type());
        assertEquals(RouteProtocols.BOOT, dflt.protocol());
        assertEquals(RouteScopes.GLOBAL, dflt.scope());
        Route link = routes.get(1);
        assertEquals(InetPrefix.parse("10.0.0.0/24"), link.destination());
        assertEquals(RouteScopes.LINK, link.scope());
        assertEquals(InetPrefix.parseAddress("10.0.0.1"), link.preferredSource());
        assertEquals(RouteType.BLACKHOLE, routes.get(2).type());
        assertNull(routes.get(2).device());
        assertEquals(List.of(new Nexthop(InetPrefix.parseAddress("10.0.0.2"), "veth0", 2, Set.of()),
                new Nexthop(InetPrefix.parseAddress("10.0.0.3"), "veth0", 1, Set.of())), routes.get(3).nexthops());
        assertEquals(Map.of(), routes.get(3).metrics());
    }

}
