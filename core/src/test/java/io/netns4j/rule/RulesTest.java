package io.netns4j.rule;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.route.Route;
import io.netns4j.route.RouteLookup;
import io.netns4j.route.RouteProtocols;
import io.netns4j.route.RouteTables;
import io.netns4j.route.Routes;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.RouteLab;
import io.netns4j.testing.Scratch;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Rules} against the kernel, in a namespace of the test's own ({@link RouteLab}), {@code ip} as the oracle. */
@RequiresRoot
class RulesTest {
    private final Scratch scratch = new Scratch();
    private String name;
    private Netns ns;
    private Rules rules;

    @BeforeEach
    void lab() throws Exception {
        name = RouteLab.create(scratch, "rules");
        ns = NetnsRegistry.system().open(name);
        rules = ns.rules();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (ns != null) {
            ns.close();
        }
        scratch.close();
    }

    private String ipRules(String... family) {
        return family.length == 0 ? ip("-n", name, "rule").ok().out() : ip("-n", name, family[0], "rule").ok().out();
    }

    @Test
    void aFreshNamespaceHasTheThreeStandardRules() throws Exception {
        List<RoutingRule> all = rules.list(InetFamily.IPV4);
        assertEquals(List.of(0L, 32766L, 32767L), all.stream().map(RoutingRule::priority).toList());
        assertEquals(List.of(RouteTables.LOCAL, RouteTables.MAIN, RouteTables.DEFAULT),
                all.stream().map(RoutingRule::table).toList());
        assertNull(all.getFirst().source(), "from all");
        assertEquals(RuleAction.TO_TABLE, all.getFirst().action());
        assertEquals(List.of(0L, 32766L), rules.list(InetFamily.IPV6).stream().map(RoutingRule::priority).toList());
    }

    @Test
    void policyRoutingSendsOneSourceToAnotherTable() throws Exception {
        Routes routes = ns.routes();
        routes.add(Route.to("10.50.0.0/16").withGateway("10.0.0.2").withTable(100));
        rules.add(RoutingRule.ipv4().withSource("10.0.0.5").withTable(100).withPriority(1000));
        assertTrue(ipRules().contains("1000:\tfrom 10.0.0.5 lookup 100\n"), ipRules());
        Route viaRule = routes.get(RouteLookup.to("10.50.1.1").withSource("10.0.0.5"));
        assertEquals(InetPrefix.parseAddress("10.0.0.2"), viaRule.gateway());
        assertEquals(100L, viaRule.table());
        NetnsException noRule = assertThrows(NetnsException.class, () -> routes.get(InetPrefix.parseAddress("10.50.1.1")),
                "from another source the main table has no route");
        assertTrue(noRule.getMessage().contains("Network is unreachable"), noRule.getMessage());
        rules.delete(RoutingRule.ipv4().withPriority(1000));
        assertThrows(NetnsException.class, () -> routes.get(RouteLookup.to("10.50.1.1").withSource("10.0.0.5")));
    }

    @Test
    void everySelectorAndActionComesBackAsAdded() throws Exception {
        RoutingRule rich = RoutingRule.ipv4().withNot().withDestination("10.1.0.0/16").withFwmark(0x10, 0xff)
                .withInputDevice("veth0").withOutputDevice("lo").withTable("main")
                .withSuppressPrefixLength(0).withPriority(1001);
        rules.add(rich);
        rules.add(RoutingRule.ipv4().withFwmark(7).withTable(101).withProtocol(RouteProtocols.STATIC).withPriority(1002));
        rules.add(RoutingRule.ipv4().withSource("10.3.0.0/16").withTable(5000).withPriority(1003));
        rules.add(RoutingRule.ipv4().withAction(RuleAction.BLACKHOLE).withSource("10.0.0.9").withPriority(1004));
        rules.add(RoutingRule.ipv4().withAction(RuleAction.NOP).withPriority(1005));
        rules.add(RoutingRule.ipv4().withGotoTarget(32766).withPriority(1006));
        assertTrue(ipRules().contains("""
                1001:\tnot from all to 10.1.0.0/16 fwmark 0x10/0xff iif veth0 oif lo lookup main suppress_prefixlength 0
                1002:\tfrom all fwmark 0x7 lookup 101 proto static
                1003:\tfrom 10.3.0.0/16 lookup 5000
                1004:\tfrom 10.0.0.9 blackhole
                1005:\tfrom all nop
                1006:\tfrom all goto 32766
                """), ipRules());
        RoutingRule back = rules.list(RoutingRule.ipv4().withPriority(1001)).getFirst();
        assertTrue(back.not());
        assertEquals(InetPrefix.parse("10.1.0.0/16"), back.destination());
        assertEquals(0x10L, back.fwmark());
        assertEquals(0xffL, back.fwmask());
        assertEquals("veth0", back.inputDevice());
        assertEquals("lo", back.outputDevice());
        assertEquals(RouteTables.MAIN, back.table());
        assertEquals(0, back.suppressPrefixLength());
        assertEquals(RuleAction.GOTO, rules.list(RoutingRule.ipv4().withPriority(1006)).getFirst().action());
        assertEquals(5000L, rules.list(RoutingRule.ipv4().withSource("10.0.0.0/8")).getFirst().table(),
                "a prefix selects the rules inside it");
    }

    @Test
    void ipv6RulesAndFlush() throws Exception {
        rules.add(RoutingRule.ipv6().withSource("2001:db8::/64").withTable(200).withPriority(500));
        assertTrue(ipRules("-6").contains("500:\tfrom 2001:db8::/64 lookup 200\n"), ipRules("-6"));
        rules.add(RoutingRule.ipv4().withSource("10.0.0.5").withTable(100));
        rules.add(RoutingRule.ipv4().withSource("10.0.0.6").withTable(100));
        assertEquals(2, rules.flush(RoutingRule.ipv4().withTable(100)), "the selector picks table 100 only");
        assertFalse(ipRules().contains("lookup 100"));
        assertTrue(ipRules().contains("32766:\tfrom all lookup main"));
        assertEquals(2, rules.flush(RoutingRule.of(InetFamily.IPV6)));
        assertEquals("0:\tfrom all lookup local\n", ipRules("-6"), "like ip rule flush: all but priority 0");
    }

    @Test
    void deletingARuleThatIsNotThereFails() {
        assertThrows(NotFoundException.class, () -> rules.delete(RoutingRule.ipv4().withPriority(4242)));
    }
}
