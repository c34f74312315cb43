package io.netns4j.rule;

import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.Golden;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.Fra;
import io.netns4j.internal.netlink.route.Rta;
import io.netns4j.internal.netlink.route.RuleMessage;
import io.netns4j.route.RouteProtocols;
import io.netns4j.types.InetPrefix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.netns4j.internal.netlink.Golden.hex;
import static io.netns4j.internal.netlink.route.RouteGoldens.RULE_ADD;
import static io.netns4j.internal.netlink.route.RouteGoldens.RULE_ADD_BLACKHOLE;
import static io.netns4j.internal.netlink.route.RouteGoldens.RULE_DELETE;
import static io.netns4j.internal.netlink.route.RouteGoldens.RULE_DUMP;
import static io.netns4j.internal.netlink.route.RouteGoldens.RULE_DUMP_REQUEST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link Rules} sends is what {@code ip rule} sends for the same command, byte for byte,
 * and the kernel's rule dump reads back as {@code ip rule show} shows it. No root.
 */
class RuleCodecTest {
    private static final int CREATE = Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL;

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    private static void assertSent(String golden, RuleMessage ours, int type, int flags) {
        assertArrayEquals(Golden.normaliseRequest(hex(golden)), ours.encode(type, flags));
    }

    @Test
    void rulesAreIpsRequests() {
        RoutingRule add = RoutingRule.ipv4().withSource("10.0.0.5").withDestination("10.1.0.0/16").withPriority(1000)
                .withFwmark(0x10, 0xff).withInputDevice("veth0").withOutputDevice("lo").withTable(5000).withSuppressPrefixLength(0).withProtocol(RouteProtocols.STATIC);
        assertSent(RULE_ADD, RuleCodec.request(add, false), Fra.RTM_NEWRULE, CREATE);
        assertSent(RULE_DELETE, RuleCodec.request(RoutingRule.ipv4().withPriority(1000), true), Fra.RTM_DELRULE, 0);
        RoutingRule blackhole = RoutingRule.ipv4().withNot().withSource("10.0.0.9").withAction(RuleAction.BLACKHOLE)
                .withPriority(50);
        assertSent(RULE_ADD_BLACKHOLE, RuleCodec.request(blackhole, false), Fra.RTM_NEWRULE, CREATE);
        RuleMessage dump = new RuleMessage(Rta.AF_INET, 0, 0, 0, 0, 0, 0, Attributes.empty());
        assertSent(RULE_DUMP_REQUEST, dump, Fra.RTM_GETRULE, Netlink.NLM_F_DUMP);
    }

    @Test
    void readsRulesAsIpShowsThem() throws Exception {
        byte[] d = hex(RULE_DUMP);
        List<RoutingRule> rules = new ArrayList<>();
        for (NetlinkMessage m : NetlinkMessage.parseAll(d, d.length)) {
            if (m.type() == Fra.RTM_NEWRULE) {
                rules.add(RuleCodec.decode(RuleMessage.decode(m)));
            }
        }
        assertEquals(List.of(0L, 50L, 32766L, 32767L), rules.stream().map(RoutingRule::priority).toList());
        assertEquals(List.of(255L, 0L, 254L, 253L), rules.stream().map(RoutingRule::table).toList());
        RoutingRule bh = rules.get(1);
        assertTrue(bh.not());
        assertEquals(RuleAction.BLACKHOLE, bh.action());
        assertEquals(InetPrefix.parse("10.0.0.9/32"), bh.source());
        assertNull(bh.suppressPrefixLength(), "the kernel's -1 means unset");
        assertEquals(RouteProtocols.KERNEL, rules.get(0).protocol());
        assertNull(rules.get(0).source(), "from all");
    }

    /** {@code ip rule add pref 1000 lookup 100 uidrange 100-200 ipproto tcp sport 1000-2000 dport 80} (strace of ip 6.1). */
    private static final String RULE_ADD_MATCH = """
            48 00 00 00 20 00 05 06 00 00 00 00 00 00 00 00
            02 00 00 00 64 00 00 01 00 00 00 00 08 00 06 00
            e8 03 00 00 0c 00 14 00 64 00 00 00 c8 00 00 00
            05 00 16 00 06 00 00 00 08 00 17 00 e8 03 d0 07
            08 00 18 00 50 00 50 00
            """;
    /** {@code ip rule add pref 1001 lookup 100 ipproto udp sport 53 dport 5000-6000}. */
    private static final String RULE_ADD_PORTS = """
            3c 00 00 00 20 00 05 06 00 00 00 00 00 00 00 00
            02 00 00 00 64 00 00 01 00 00 00 00 08 00 06 00
            e9 03 00 00 05 00 16 00 11 00 00 00 08 00 17 00
            35 00 35 00 08 00 18 00 88 13 70 17
            """;

    private static final RoutingRule MATCH = RoutingRule.ipv4().withPriority(1000).withTable(100)
            .withMatch(RuleMatch.any().withUidRange(100, 200).withIpProtocol(6).withSourcePorts(1000, 2000)
                    .withDestinationPorts(80, 80));
    private static final RoutingRule PORTS = RoutingRule.ipv4().withPriority(1001).withTable(100)
            .withMatch(RuleMatch.any().withIpProtocol(17).withSourcePorts(53, 53).withDestinationPorts(5000, 6000));

    @Test
    void uidrangeIpprotoAndPortsAreIpsRequests() {
        assertSent(RULE_ADD_MATCH, RuleCodec.request(MATCH, false), Fra.RTM_NEWRULE, CREATE);
        assertSent(RULE_ADD_PORTS, RuleCodec.request(PORTS, false), Fra.RTM_NEWRULE, CREATE);
    }

    @Test
    void uidrangeIpprotoAndPortsReadBack() throws Exception {
        for (String golden : List.of(RULE_ADD_MATCH, RULE_ADD_PORTS)) {
            byte[] d = hex(golden);
            RoutingRule back = RuleCodec.decode(RuleMessage.decode(NetlinkMessage.parseAll(d, d.length).getFirst()));
            RuleMatch expected = (golden.equals(RULE_ADD_MATCH) ? MATCH : PORTS).match();
            assertEquals(expected, back.match());
            assertTrue(expected.selects(back.match()));
        }
        assertTrue(RuleMatch.any().withIpProtocol(6).selects(MATCH.match()));
        assertTrue(!RuleMatch.any().withIpProtocol(17).selects(MATCH.match()));
        assertTrue(!RuleMatch.any().withDestinationPorts(80, 81).selects(MATCH.match()));
    }

    /** {@code ip rule add pref 100 l3mdev} (strace of ip 6.1): no table, no FRA_TABLE. */
    private static final String RULE_ADD_L3MDEV = """
            2c 00 00 00 20 00 05 06 00 00 00 00 00 00 00 00
            02 00 00 00 00 00 00 01 00 00 00 00 08 00 06 00
            64 00 00 00 05 00 13 00 01 00 00 00
            """;
    /** {@code ip rule del pref 100 l3mdev}. */
    private static final String RULE_DEL_L3MDEV = """
            2c 00 00 00 21 00 05 00 00 00 00 00 00 00 00 00
            02 00 00 00 00 00 00 00 00 00 00 00 08 00 06 00
            64 00 00 00 05 00 13 00 01 00 00 00
            """;
    /** {@code ip rule add from 10.0.0.0/8 pref 99 lookup 100 tun_id 5 realms 3/4}. */
    private static final String RULE_ADD_TUN_ID_REALMS = """
            40 00 00 00 20 00 05 06 00 00 00 00 00 00 00 00
            02 00 08 00 64 00 00 01 00 00 00 00 08 00 02 00
            0a 00 00 00 08 00 06 00 63 00 00 00 0c 00 0c 00
            00 00 00 00 00 00 00 05 08 00 0b 00 04 00 03 00
            """;
    /** {@code ip rule add pref 98 lookup 100 realms 5} (a plain number is the raw value: to 5). */
    private static final String RULE_ADD_REALMS = """
            2c 00 00 00 20 00 05 06 00 00 00 00 00 00 00 00
            02 00 00 00 64 00 00 01 00 00 00 00 08 00 06 00
            62 00 00 00 08 00 0b 00 05 00 00 00
            """;

    private static final RoutingRule L3MDEV = RoutingRule.ipv4().withPriority(100).withMatch(RuleMatch.any().withL3mdev());
    private static final RoutingRule TUN_ID_REALMS = RoutingRule.ipv4().withSource("10.0.0.0/8").withPriority(99)
            .withTable(100).withMatch(RuleMatch.any().withTunnelId(5).withRealms(3, 4));
    private static final RoutingRule REALMS = RoutingRule.ipv4().withPriority(98).withTable(100)
            .withMatch(RuleMatch.any().withRealms(0, 5));

    @Test
    void l3mdevTunIdAndRealmsAreIpsRequests() throws Exception {
        assertSent(RULE_ADD_L3MDEV, RuleCodec.request(L3MDEV, false), Fra.RTM_NEWRULE, CREATE);
        assertSent(RULE_DEL_L3MDEV, RuleCodec.request(L3MDEV, true), Fra.RTM_DELRULE, 0);
        assertSent(RULE_ADD_TUN_ID_REALMS, RuleCodec.request(TUN_ID_REALMS, false), Fra.RTM_NEWRULE, CREATE);
        assertSent(RULE_ADD_REALMS, RuleCodec.request(REALMS, false), Fra.RTM_NEWRULE, CREATE);
        for (var e : java.util.Map.of(RULE_ADD_L3MDEV, L3MDEV, RULE_ADD_TUN_ID_REALMS, TUN_ID_REALMS,
                RULE_ADD_REALMS, REALMS).entrySet()) {
            byte[] d = hex(e.getKey());
            RoutingRule back = RuleCodec.decode(RuleMessage.decode(NetlinkMessage.parseAll(d, d.length).getFirst()));
            assertEquals(e.getValue().match(), back.match());
        }
        assertTrue(RuleMatch.any().withL3mdev().selects(L3MDEV.match()));
        assertTrue(!RuleMatch.any().withL3mdev().selects(REALMS.match()));
        assertTrue(RuleMatch.any().withTunnelId(5).selects(TUN_ID_REALMS.match()));
        assertTrue(!RuleMatch.any().withTunnelId(6).selects(TUN_ID_REALMS.match()));
    }

    /** {@code ip rule add pref 101 lookup main suppress_prefixlength 0 suppress_ifgroup 5} (strace of ip 6.1). */
    private static final String RULE_ADD_SUPPRESSORS = """
            34 00 00 00 20 00 05 06 00 00 00 00 00 00 00 00
            02 00 00 00 fe 00 00 01 00 00 00 00 08 00 06 00
            65 00 00 00 08 00 0e 00 00 00 00 00 08 00 0d 00
            05 00 00 00
            """;
    /** {@code ip rule del pref 101 lookup main suppress_prefixlength 0 suppress_ifgroup 5}. */
    private static final String RULE_DEL_SUPPRESSORS = """
            34 00 00 00 21 00 05 00 00 00 00 00 00 00 00 00
            02 00 00 00 fe 00 00 00 00 00 00 00 08 00 06 00
            65 00 00 00 08 00 0e 00 00 00 00 00 08 00 0d 00
            05 00 00 00
            """;
    /** {@code ip rule add pref 100 lookup 100 suppress_ifgroup 5}. */
    private static final String RULE_ADD_IFGROUP = """
            2c 00 00 00 20 00 05 06 00 00 00 00 00 00 00 00
            02 00 00 00 64 00 00 01 00 00 00 00 08 00 06 00
            64 00 00 00 08 00 0d 00 05 00 00 00
            """;

    @Test
    void suppressIfgroupIsIpsRequest() throws Exception {
        RoutingRule both = RoutingRule.ipv4().withPriority(101).withTable(254).withSuppressPrefixLength(0)
                .withSuppressIfgroup(5);
        assertSent(RULE_ADD_SUPPRESSORS, RuleCodec.request(both, false), Fra.RTM_NEWRULE, CREATE);
        assertSent(RULE_DEL_SUPPRESSORS, RuleCodec.request(both, true), Fra.RTM_DELRULE, 0);
        RoutingRule group = RoutingRule.ipv4().withPriority(100).withTable(100).withSuppressIfgroup(5);
        assertSent(RULE_ADD_IFGROUP, RuleCodec.request(group, false), Fra.RTM_NEWRULE, CREATE);
        byte[] d = hex(RULE_ADD_SUPPRESSORS);
        RoutingRule back = RuleCodec.decode(RuleMessage.decode(NetlinkMessage.parseAll(d, d.length).getFirst()));
        assertEquals(5, back.suppressIfgroup());
        assertEquals(0, back.suppressPrefixLength());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RoutingRule.ipv4().withSuppressIfgroup(-1));
    }

    @Test
    void aShortPortRangeIsMalformed() {
        byte[] d = hex(RULE_ADD_PORTS);
        d[52] = 6; // FRA_DPORT_RANGE's length 8 -> 6: two bytes of payload
        org.junit.jupiter.api.Assertions.assertThrows(io.netns4j.error.MalformedMessageException.class,
                () -> RuleCodec.decode(RuleMessage.decode(NetlinkMessage.parseAll(d, d.length).getFirst())));
    }

    @Test
    void badRangesAreRefused() {
        for (Runnable r : List.<Runnable>of(() -> RuleMatch.any().withUidRange(200, 100),
                () -> RuleMatch.any().withSourcePorts(0, 5), () -> RuleMatch.any().withDestinationPorts(1, 70000),
                () -> RuleMatch.any().withIpProtocol(256))) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run);
        }
    }
}
