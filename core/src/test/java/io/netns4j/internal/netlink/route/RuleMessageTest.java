package io.netns4j.internal.netlink.route;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Golden;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.netns4j.internal.netlink.Golden.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link RuleMessage} both ways, on the bytes of {@link RouteGoldens}. */
class RuleMessageTest {

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    private static NetlinkMessage one(String hex) throws MalformedMessageException {
        byte[] d = hex(hex);
        return NetlinkMessage.parseAll(d, d.length).getFirst();
    }

    @Test
    void readsIpsAddRequestAndWritesItBackByteForByte() throws Exception {
        RuleMessage r = RuleMessage.decode(one(RouteGoldens.RULE_ADD));
        assertEquals(new RuleMessage(Rta.AF_INET, 16, 32, 0, 0, Fra.FR_ACT_TO_TBL, 0, r.attributes()), r);
        assertArrayEquals(hex("0a 00 00 05"), r.attributes().bytes(Fra.FRA_SRC));
        assertArrayEquals(hex("0a 01 00 00"), r.attributes().bytes(Fra.FRA_DST));
        assertEquals(1000, r.priority());
        assertEquals(0x10L, r.u32(Fra.FRA_FWMARK));
        assertEquals(0xffL, r.u32(Fra.FRA_FWMASK));
        assertEquals("veth0", r.attributes().string(Fra.FRA_IIFNAME));
        assertEquals("lo", r.attributes().string(Fra.FRA_OIFNAME));
        assertEquals(5000, r.tableId());
        assertEquals(0L, r.u32(Fra.FRA_SUPPRESS_PREFIXLEN));
        assertEquals(Rta.RTPROT_STATIC, r.attributes().u8(Fra.FRA_PROTOCOL, -1));
        assertFalse(r.inverted());
        assertArrayEquals(Golden.normaliseRequest(hex(RouteGoldens.RULE_ADD)),
                r.encode(Fra.RTM_NEWRULE, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL));
    }

    @Test
    void readsDeleteAndInvertedBlackholeRequests() throws Exception {
        RuleMessage del = RuleMessage.decode(one(RouteGoldens.RULE_DELETE));
        assertEquals(Fra.FR_ACT_UNSPEC, del.action());
        assertEquals(0, del.tableId(), "delete leaves the table open");
        assertArrayEquals(Golden.normaliseRequest(hex(RouteGoldens.RULE_DELETE)), del.encode(Fra.RTM_DELRULE, 0));
        RuleMessage bh = RuleMessage.decode(one(RouteGoldens.RULE_ADD_BLACKHOLE));
        assertTrue(bh.inverted());
        assertEquals(Fra.FR_ACT_BLACKHOLE, bh.action());
        assertEquals(50, bh.priority());
        assertArrayEquals(Golden.normaliseRequest(hex(RouteGoldens.RULE_ADD_BLACKHOLE)),
                bh.encode(Fra.RTM_NEWRULE, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL));
    }

    @Test
    void readsEveryRuleOfADumpAndWritesEachBack() throws Exception {
        byte[] d = hex(RouteGoldens.RULE_DUMP);
        List<NetlinkMessage> all = NetlinkMessage.parseAll(d, d.length);
        assertEquals(5, all.size());
        assertEquals(Netlink.NLMSG_DONE, all.get(4).type());
        long[] priorities = {0, 50, 32766, 32767};
        long[] tables = {255, 0, 254, 253};
        int at = 0;
        for (int i = 0; i < 4; i++) {
            NetlinkMessage m = all.get(i);
            RuleMessage r = RuleMessage.decode(m);
            assertEquals(priorities[i], r.priority());
            assertEquals(tables[i], r.tableId());
            byte[] raw = Arrays.copyOfRange(d, at, at + Netlink.align(16 + m.payload().length));
            assertArrayEquals(Golden.normaliseReply(raw), r.encode(m.type(), m.flags()));
            at += raw.length;
        }
        RuleMessage local = RuleMessage.decode(all.getFirst());
        assertFalse(local.attributes().has(Fra.FRA_PRIORITY), "priority 0 comes without FRA_PRIORITY");
        assertEquals(0xFFFF_FFFFL, local.u32(Fra.FRA_SUPPRESS_PREFIXLEN), "-1: not set");
        assertEquals(Rta.RTPROT_KERNEL, local.attributes().u8(Fra.FRA_PROTOCOL, -1));
    }

    @Test
    void refusesATruncatedHeader() {
        assertThrows(MalformedMessageException.class,
                () -> RuleMessage.decode(new NetlinkMessage(Fra.RTM_NEWRULE, 0, 0, 0, hex("02 00 00 00"))));
    }
}
