package io.netns4j.route;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.AlreadyExistsException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.internal.sys.Errno;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.RouteLab;
import io.netns4j.testing.Scratch;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Routes} against the kernel, in a namespace of the test's own ({@link RouteLab}), {@code ip} as the oracle. */
@RequiresRoot
class RoutesTest {
    private final Scratch scratch = new Scratch();
    private String name;
    private Netns ns;
    private Routes routes;

    @BeforeEach
    void lab() throws Exception {
        name = RouteLab.create(scratch, "routes");
        ns = NetnsRegistry.system().open(name);
        routes = ns.routes();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (ns != null) {
            ns.close();
        }
        scratch.close();
    }

    private String ipShow(String... selector) {
        String[] args = new String[3 + selector.length];
        args[0] = "-n";
        args[1] = name;
        args[2] = "route";
        System.arraycopy(selector, 0, args, 3, selector.length);
        return ip(args).ok().out();
    }

    private Route only(RouteFilter f) throws NetnsException {
        List<Route> found = routes.list(f);
        assertEquals(1, found.size(), found.toString());
        return found.getFirst();
    }

    private static InetPrefix prefix(String s) {
        return InetPrefix.parse(s);
    }

    @Test
    void addsListsAndDeletesADefaultRoute() throws Exception {
        routes.add(Route.to("default").withGateway("10.0.0.2"));
        assertEquals("default via 10.0.0.2 dev veth0 \n", ipShow("show", "default"));
        Route r = only(RouteFilter.main().withDestination(prefix("0.0.0.0/0"), RouteFilter.Match.EXACT));
        assertTrue(r.isDefault());
        assertEquals(InetPrefix.parseAddress("10.0.0.2"), r.gateway());
        assertEquals("veth0", r.device());
        assertEquals(RouteProtocols.BOOT, r.protocol());
        assertEquals(RouteTables.MAIN, r.table());
        assertThrows(AlreadyExistsException.class, () -> routes.add(Route.to("default").withGateway("10.0.0.3")));
        routes.delete(Route.to("default"));
        assertEquals("", ipShow("show", "default"));
    }

    @Test
    void theKernelsOwnRoutesListWithTheirProtocolAndScope() throws Exception {
        Route link = only(RouteFilter.main().withDestination(prefix("10.0.0.0/24"), RouteFilter.Match.EXACT));
        assertEquals(RouteProtocols.KERNEL, link.protocol());
        assertEquals(RouteScopes.LINK, link.scope());
        assertEquals(InetPrefix.parseAddress("10.0.0.1"), link.preferredSource());
        List<Route> local = routes.list(RouteFilter.main().withTable(RouteTables.LOCAL).withType(RouteType.LOCAL));
        assertTrue(local.stream().anyMatch(r -> r.destination().equals(prefix("10.0.0.5/32"))), local.toString());
    }

    @Test
    void multipathRoutesKeepTheirWeights() throws Exception {
        routes.add(Route.to("172.16.0.0/16").withNexthop(Nexthop.via("10.0.0.2").withDevice("veth0").withWeight(2))
                .withNexthop(Nexthop.via("10.0.0.3").withWeight(1)));
        assertEquals("172.16.0.0/16 \n\tnexthop via 10.0.0.2 dev veth0 weight 2 \n\tnexthop via 10.0.0.3 dev veth0 weight 1 \n",
                ipShow("show", "172.16.0.0/16"));
        Route r = only(RouteFilter.main().withDestination(prefix("172.16.0.0/16"), RouteFilter.Match.EXACT));
        assertEquals(List.of(new Nexthop(InetPrefix.parseAddress("10.0.0.2"), "veth0", 2, Set.of()),
                new Nexthop(InetPrefix.parseAddress("10.0.0.3"), "veth0", 1, Set.of())), r.nexthops());
    }

    @Test
    void ipv6RoutesAndLookups() throws Exception {
        routes.add(Route.to("2001:db8:5::/48").withGateway("2001:db8::2").withPref(Route.PREF_HIGH));
        routes.add(Route.to("default").withFamily(InetFamily.IPV6).withDevice("veth0").withMetric(2000));
        String shown = ip("-n", name, "-6", "route", "show").ok().out();
        assertTrue(shown.contains("2001:db8:5::/48 via 2001:db8::2 dev veth0 metric 1024 pref high"), shown);
        assertTrue(shown.contains("default dev veth0 metric 2000 pref medium"), shown);
        Route r = only(RouteFilter.main().withFamily(InetFamily.IPV6).withDestination(prefix("2001:db8:5::/48"),
                RouteFilter.Match.EXACT));
        assertEquals(1024L, r.metric());
        assertEquals(Route.PREF_HIGH, r.pref());
        Route answer = routes.get(InetPrefix.parseAddress("2001:db8:5::7"));
        assertEquals(InetPrefix.parseAddress("2001:db8::2"), answer.gateway());
        assertEquals(InetPrefix.parseAddress("2001:db8::1"), answer.preferredSource());
    }

    @Test
    void blackholeUnreachableAndProhibitRoutesAndTableNames() throws Exception {
        routes.add(Route.to("10.9.0.0/16").withType(RouteType.BLACKHOLE));
        routes.add(Route.to("10.8.0.0/16").withType(RouteType.UNREACHABLE).withMetric(5));
        routes.add(Route.to("10.7.0.0/16").withType(RouteType.PROHIBIT).withTable("100"));
        assertEquals("blackhole 10.9.0.0/16 \nunreachable 10.8.0.0/16 metric 5 \n",
                ipShow("show", "type", "blackhole") + ipShow("show", "type", "unreachable"));
        assertEquals("prohibit 10.7.0.0/16 \n", ipShow("show", "table", "100"));
        assertEquals(RouteType.PROHIBIT, only(RouteFilter.main().withTable(100)).type());
        NetnsException blackholed = assertThrows(NetnsException.class,
                () -> routes.get(InetPrefix.parseAddress("10.9.1.1")));
        assertEquals(Errno.EINVAL, blackholed.errno(), "the kernel answers a lookup into a blackhole with EINVAL");
        NetnsException unreachable = assertThrows(NetnsException.class,
                () -> routes.get(InetPrefix.parseAddress("10.8.1.1")));
        assertTrue(unreachable.getMessage().contains("No route to host"), unreachable.getMessage());
        routes.add(Route.to("10.20.0.0/16").withDevice("veth0").withTable("local"));
        assertTrue(ipShow("show", "table", "local").contains("10.20.0.0/16 dev veth0 scope link \n"));
    }

    @Test
    void metricsPreferredSourceAndProtocol() throws Exception {
        routes.add(Route.to("172.17.0.0/16").withGateway("10.0.0.2").withMtu(1400).withLockedMetric(RouteMetric.MTU)
                .withMetric(RouteMetric.ADVMSS, 1300).withPreferredSource("10.0.0.5").withProtocol(RouteProtocols.STATIC));
        assertEquals("172.17.0.0/16 via 10.0.0.2 dev veth0 proto static src 10.0.0.5 mtu lock 1400 advmss 1300 \n",
                ipShow("show", "172.17.0.0/16"));
        Route r = only(RouteFilter.main().withProtocol(RouteProtocols.STATIC));
        assertEquals(Map.of(RouteMetric.MTU, 1400L, RouteMetric.ADVMSS, 1300L), r.metrics());
        assertEquals(Set.of(RouteMetric.MTU), r.lockedMetrics());
        assertEquals(InetPrefix.parseAddress("10.0.0.5"), r.preferredSource());
    }

    @Test
    void replaceChangeAppendAndPrepend() throws Exception {
        routes.replace(Route.to("10.40.0.0/16").withGateway("10.0.0.2"));
        routes.replace(Route.to("10.40.0.0/16").withGateway("10.0.0.3"));
        assertEquals("10.40.0.0/16 via 10.0.0.3 dev veth0 \n", ipShow("show", "10.40.0.0/16"));
        routes.change(Route.to("10.40.0.0/16").withGateway("10.0.0.4"));
        assertEquals("10.40.0.0/16 via 10.0.0.4 dev veth0 \n", ipShow("show", "10.40.0.0/16"));
        assertThrows(NotFoundException.class, () -> routes.change(Route.to("10.41.0.0/16").withGateway("10.0.0.4")));
        routes.append(Route.to("10.40.0.0/16").withGateway("10.0.0.5"));
        routes.prepend(Route.to("10.40.0.0/16").withGateway("10.0.0.6"));
        assertEquals(List.of("10.0.0.6", "10.0.0.4", "10.0.0.5"), routes.list(RouteFilter.main()
                .withDestination(prefix("10.40.0.0/16"), RouteFilter.Match.EXACT)).stream()
                .map(r -> r.gateway().getHostAddress()).toList());
        routes.delete(Route.to("10.40.0.0/16").withGateway("10.0.0.5"));
        assertFalse(ipShow("show", "10.40.0.0/16").contains("10.0.0.5"));
    }

    @Test
    void flushDeletesWhatTheFilterSelectsAndNothingElse() throws Exception {
        for (String p : List.of("10.60.0.0/16", "10.61.0.0/16", "10.62.0.0/16")) {
            routes.add(Route.to(p).withGateway("10.0.0.2").withProtocol(RouteProtocols.STATIC));
        }
        routes.add(Route.to("10.63.0.0/16").withGateway("10.0.0.2"));
        assertEquals(3, routes.flush(RouteFilter.main().withProtocol(RouteProtocols.STATIC)));
        assertEquals("", ipShow("show", "proto", "static"));
        assertEquals("10.63.0.0/16 via 10.0.0.2 dev veth0 \n", ipShow("show", "10.63.0.0/16"));
        assertEquals(0, routes.flush(RouteFilter.main().withProtocol(RouteProtocols.STATIC)));
    }

    @Test
    void failuresNameTheCause() throws Exception {
        NotFoundException noDevice = assertThrows(NotFoundException.class,
                () -> routes.add(Route.to("10.70.0.0/16").withDevice("veth9")));
        assertTrue(noDevice.getMessage().contains("Device \"veth9\" does not exist"), noDevice.getMessage());
        NetnsException unreachableGateway = assertThrows(NetnsException.class,
                () -> routes.add(Route.to("10.71.0.0/16").withGateway("192.168.99.1")));
        assertEquals("Error: Nexthop has invalid gateway.", unreachableGateway.getMessage());
        assertThrows(NotFoundException.class, () -> routes.delete(Route.to("10.72.0.0/16")));
        assertEquals("", ipShow("show", "root", "10.70.0.0/15"), "nothing was added");
    }
}
