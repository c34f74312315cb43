package io.netns4j.route;

import io.netns4j.rule.RoutingRule;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The values routes and rules are made of, checked without root: text forms, names, builders. */
class RouteValuesTest {

    @ParameterizedTest
    @CsvSource({
            "2001:db8:0:0:0:0:0:1, 2001:db8::1",
            "0:0:0:0:0:0:0:0, ::",
            "0:0:0:0:0:0:0:1, ::1",
            "fe80:0:0:0:8c0:1bff:fe5e:211e, fe80::8c0:1bff:fe5e:211e",
            "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
            "1:0:0:0:0:0:0:0, 1::",
            "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6",
            "1:0:1:0:1:0:1:0, 1:0:1:0:1:0:1:0",
            "0:0:0:0:0:0:a00:1, ::10.0.0.1",
    })
    void writesIpv6AsInetNtopDoes(String full, String expected) {
        assertEquals(expected, InetText.format(InetPrefix.parseAddress(full)));
    }

    @Test
    void keepsIpv4MappedAddressesIpv6() {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        b[12] = 10;
        b[15] = 1;
        assertEquals("::ffff:10.0.0.1", InetText.format(InetFamily.IPV6.address(b)));
        assertEquals(InetFamily.IPV6, InetFamily.of(InetFamily.IPV6.address(b)));
    }

    @Test
    void readsNameFilesAsIpDoes(@TempDir Path dir) throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path usr = Files.createDirectories(dir.resolve("usr"));
        Files.writeString(usr.resolve("rt_tables"), "100 ignored\n");
        Files.writeString(etc.resolve("rt_tables"), "# reserved\n255\tlocal\n  0x64 isp1 # hex\n200 isp2\n");
        Files.createDirectories(usr.resolve("rt_tables.d"));
        Files.createDirectories(etc.resolve("rt_tables.d"));
        Files.writeString(usr.resolve("rt_tables.d/vendor.conf"), "300 vendor\n");
        Files.writeString(usr.resolve("rt_tables.d/mine.conf"), "301 hidden\n");
        Files.writeString(etc.resolve("rt_tables.d/mine.conf"), "301 mine\n");
        Files.writeString(etc.resolve("rt_tables.d/notes.txt"), "302 not-read\n");
        NameTable t = new NameTable(Map.of(254L, "main"), "rt_tables", true, 0xFFFF_FFFFL, etc, usr);
        assertEquals("isp1", t.name(100), "/etc wins over /usr/share; hex ids");
        assertEquals("main", t.name(254));
        assertEquals("vendor", t.name(300));
        assertEquals("mine", t.name(301), "an /etc .d file hides the /usr/share one of the same name");
        assertEquals("302", t.name(302), "only *.conf");
        assertEquals(200L, t.id("isp2"));
        assertEquals(4000L, t.id("4000"));
        assertEquals(16L, t.id("0x10"));
        assertNull(t.id("nosuch"));
        NameTable usrOnly = new NameTable(Map.of(), "rt_tables", true, 0xFFFF_FFFFL, dir.resolve("none"), usr);
        assertEquals("ignored", usrOnly.name(100), "/usr/share when /etc has no file");
    }

    @Test
    void systemNamesAreIps() {
        assertEquals("main", RouteTables.name(254));
        assertEquals(255L, RouteTables.parse("local"));
        assertEquals(1000L, RouteTables.parse("1000"));
        assertThrows(IllegalArgumentException.class, () -> RouteTables.parse("no-such-table"));
        assertEquals("kernel", RouteProtocols.name(2));
        assertEquals(RouteProtocols.STATIC, RouteProtocols.parse("static"));
        assertEquals("link", RouteScopes.name(253));
        assertEquals(RouteScopes.HOST, RouteScopes.parse("host"));
        assertEquals(RouteType.UNREACHABLE, RouteType.parse("unr"));
        assertEquals(RouteType.BROADCAST, RouteType.parse("brd"));
        assertNull(RouteType.parse("default"));
    }

    @Test
    void anInterfaceNameAfterViaGetsTheDevHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Route.to("default").withGateway("veth1"));
        assertEquals("'veth1' is not an address; to send through an interface use 'dev veth1'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Route.to("default").withGateway("10.0.0.300"));
        assertTrue(e.getMessage().contains("is not a gateway address"), e.getMessage());
    }

    @Test
    void buildersRefuseWhatTheKernelWouldAndMore() {
        assertThrows(IllegalArgumentException.class, () -> Route.to("10.0.0.1/24"), "host bits set");
        assertThrows(IllegalArgumentException.class, () -> Route.to("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Route.to("10.0.0.0/24").withPreferredSource("2001:db8::1"));
        assertEquals(InetPrefix.parseAddress("10.0.0.2"), Route.to("default").withGateway("10.0.0.1").withGateway("10.0.0.2")
                .gateway(), "a wither replaces the part");
        assertThrows(IllegalArgumentException.class,
                () -> Route.to("default").withGateway("10.0.0.1").withNexthop(Nexthop.via("10.0.0.2")));
        assertThrows(IllegalArgumentException.class, () -> Nexthop.via("10.0.0.2").withWeight(257));
        assertThrows(IllegalArgumentException.class, () -> Route.to("default").withDevice("a/b"));
        assertThrows(IllegalArgumentException.class, () -> RoutingRule.of(InetFamily.IPV4).withSource("2001:db8::/32"));
        assertEquals(InetFamily.IPV6, Route.to("default").withFamily(InetFamily.IPV6).family());
        assertEquals(InetFamily.IPV6, Route.to("default").withFamily(InetFamily.IPV6).withDevice("eth0").family());
        assertEquals(InetPrefix.parse("::/0"), Route.to("default").withGateway("fe80::1").destination(),
                "a default route takes the family of its first address");
        assertEquals(InetPrefix.parse("::/0"), Route.to("default").withDevice("eth0").withPreferredSource("2001:db8::1")
                .destination());
        Route base = Route.to("10.1.0.0/16");
        Route changed = base.withDevice("eth0").withMetric(5);
        assertNull(base.device(), "withers leave the original as it was");
        assertEquals("eth0", changed.device());
        assertEquals(5L, changed.metric());
        assertEquals(InetFamily.IPV6, RoutingRule.ipv6().withSource("2001:db8::/32").family());
    }

    @Test
    void filtersSelectAsIpDoes() {
        Route wide = Route.to("10.0.0.0/8");
        Route narrow = Route.to("10.1.0.0/16");
        Route dflt = Route.to("default");
        RouteFilter root = RouteFilter.all().withDestination(InetPrefix.parse("10.0.0.0/8"), RouteFilter.Match.ROOT);
        assertTrue(root.matches(wide) && root.matches(narrow) && !root.matches(dflt));
        RouteFilter match = RouteFilter.all().withDestination(InetPrefix.parse("10.1.2.3/32"), RouteFilter.Match.MATCH);
        assertTrue(match.matches(wide) && match.matches(narrow) && match.matches(dflt));
        RouteFilter exact = RouteFilter.all().withDestination(InetPrefix.parse("10.0.0.0/8"), RouteFilter.Match.EXACT);
        assertTrue(exact.matches(wide) && !exact.matches(narrow));
    }
}
