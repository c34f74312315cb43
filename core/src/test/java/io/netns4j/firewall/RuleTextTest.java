package io.netns4j.firewall;

import io.netns4j.types.InetPrefix;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model's nft text and the normalisations that make read-back rules equal (no root needed). */
class RuleTextTest {
    @Test
    void theSeedRule() {
        Rule r = Rule.of(Verdict.ACCEPT, Match.inInterface("veth1"), Match.protocol("tcp"),
                Match.destinationPort("tcp", 80), Match.counter());
        assertEquals("iifname \"veth1\" tcp dport 80 counter accept", r.toNft(), "tcp dport implies meta l4proto tcp");
    }

    @Test
    void valuesAreKeptInTheFormNftPrintsThem() {
        assertEquals("ip saddr 10.1.2.0/24", Match.source("10.1.2.3/24").toNft());
        assertEquals("ip daddr != 10.1.2.3", Match.destination("10.1.2.3/32").negate().toNft());
        assertEquals("ip6 saddr 2001:db8::/64", Match.source("2001:db8:0:0:1::1/64").toNft());
        assertEquals("ip6 daddr ::1", Match.destination("0:0:0:0:0:0:0:1").toNft());
        assertEquals("ip6 saddr 2001:db8:0:1::1:0", new Match.Address(false,
                InetPrefix.parse("2001:db8:0:1:0:0:1:0"), false).toNft(), "the first longest zero run is compressed");
        assertEquals("meta l4proto ipv6-icmp", Match.protocol("icmpv6").toNft());
        assertEquals("meta l4proto tcp", Match.protocol("6").toNft());
        assertEquals("tcp dport { 80-82, 443 }", Match.destinationPorts("tcp", PortRange.of(443), PortRange.of(81),
                new PortRange(80, 81), PortRange.of(82)).toNft(), "interval sets are sorted and merged");
        assertEquals("tcp dport { 22, 80, 443 }", Match.destinationPorts("tcp", PortRange.of(443), PortRange.of(80),
                PortRange.of(22), PortRange.of(80)).toNft());
        assertEquals(Match.destinationPort("tcp", 80), Match.destinationPorts("tcp", PortRange.of(80)),
                "a set of one port is a port");
        assertEquals("udp sport != { 1000-2000 }",
                Match.destinationPorts("udp", new PortRange(1000, 2000)).negate().toNft().replace("dport", "sport"));
        assertEquals("ct state established,related", Match.ctState(ConnState.RELATED, ConnState.ESTABLISHED).toNft());
        assertEquals("ct state != new", Match.ctState(ConnState.NEW).negate().toNft());
        assertEquals("ct state != { invalid, new }",
                new Match.CtState(EnumSet.of(ConnState.NEW, ConnState.INVALID), true).toNft());
        assertEquals("limit rate 5/minute burst 5 packets", new Match.Limit(5, "minute", 5).toNft());
        assertEquals("counter packets 3 bytes 180", new Match.Counter(3, 180).toNft());
        assertEquals("oifname \"eth*\"", Match.outInterface("eth*").toNft());
    }

    @Test
    void verdicts() {
        assertEquals("reject", Verdict.Reject.DEFAULT.toNft());
        assertEquals("reject with tcp reset", Verdict.Reject.TCP_RESET.toNft());
        assertEquals("reject with icmpv6 type admin-prohibited", Verdict.Reject.icmp("icmpv6", "admin-prohibited").toNft());
        assertEquals("log prefix \"x: \"", new Verdict.Log("x: ", "warn").toNft(), "warn is the default level");
        assertEquals(new Verdict.Log(null, null), new Verdict.Log(null, "warn"));
        assertEquals("log level debug", new Verdict.Log(null, "debug").toNft());
        assertEquals("snat to 1.2.3.4-1.2.3.10:1000-2000",
                new Verdict.Nat(true, "1.2.3.4-1.2.3.10", new PortRange(1000, 2000)).toNft());
        assertEquals("dnat to [2001:db8::1]:80", new Verdict.Nat(false, "2001:db8:0::1", PortRange.of(80)).toNft());
        assertEquals("goto other", new Verdict.Goto("other").toNft());
        assertEquals("counter", Rule.of(Verdict.NONE, Match.counter()).toNft());
        assertEquals("counter drop comment \"a b\"", Rule.of(Verdict.DROP, Match.counter()).withComment("a b").toNft());
    }

    @Test
    void countsDoNotIdentifyARule() {
        Rule counted = Rule.of(Verdict.DROP, new Match.Counter(7, 700));
        assertEquals(Rule.of(Verdict.DROP, Match.counter()), counted.withoutCounts());
        assertEquals(7, counted.counter().orElseThrow().packets());
    }

    @Test
    void aProtocolIsOnlyDroppedWhenALaterPortImpliesIt() {
        assertEquals(2, Rule.of(Verdict.ACCEPT, Match.protocol("udp"), Match.destinationPort("tcp", 80)).matches().size());
        assertEquals(2, Rule.of(Verdict.ACCEPT, Match.destinationPort("tcp", 80), Match.protocol("tcp")).matches().size());
        assertEquals(2, Rule.of(Verdict.ACCEPT, Match.protocol("tcp").negate(), Match.destinationPort("tcp", 80))
                .matches().size());
        assertEquals(2, Rule.of(Verdict.ACCEPT, Match.protocol("tcp"), Match.ctState(ConnState.NEW),
                Match.destinationPort("tcp", 80)).matches().size());
    }

    @Test
    void tcpFlagsTestsAreWrittenInAFormEveryNftReads() {
        assertEquals("tcp flags & (fin | syn | rst | ack) == syn", TcpFlags.syn().toNft());
        assertTrue(TcpFlags.syn().isSyn());
        assertTrue(TcpFlags.syn().negate().negated());
        assertEquals("tcp flags & syn != (syn | ack)", new TcpFlags(EnumSet.of(TcpFlag.SYN),
                EnumSet.of(TcpFlag.ACK, TcpFlag.SYN), true).toNft());
        assertEquals("tcp flags & (ecn | cwr) == 0", TcpFlags.of(EnumSet.of(TcpFlag.CWR, TcpFlag.ECE), Set.of()).toNft());
        assertEquals(0x17, TcpFlag.toBits(TcpFlags.syn().examined()));
        assertEquals(EnumSet.of(TcpFlag.FIN, TcpFlag.CWR), TcpFlag.fromBits(0x181));
        assertEquals(TcpFlag.ECE, TcpFlag.of("ecn"));
        assertEquals(TcpFlag.ECE, TcpFlag.of("ECE"));
        assertThrows(IllegalArgumentException.class, () -> TcpFlag.of("bogus"));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> TcpFlags.of(Set.of(), EnumSet.of(TcpFlag.SYN)));
        assertTrue(none.getMessage().contains("at least one flag"), none.getMessage());
        assertEquals(List.of(TcpFlags.syn()), Rule.of(Verdict.DROP, Match.protocol("tcp"), TcpFlags.syn()).matches(),
                "tcp flags implies meta l4proto tcp");
        assertEquals(2, Rule.of(Verdict.DROP, Match.protocol("udp"), TcpFlags.syn()).matches().size());
    }

    @Test
    void icmpTypesAreNumbersAndANegatedCodeIsAConcatenation() {
        assertEquals("icmp type 8", IcmpType.icmp(8).toNft());
        assertEquals("icmp type != 8", IcmpType.icmp(8).negate().toNft());
        assertEquals("icmp type 3 icmp code 4", IcmpType.icmp(3).withCode(4).toNft());
        assertEquals("icmpv6 type . icmpv6 code != { 1 . 3 }", IcmpType.icmpv6(1).withCode(3).negate().toNft());
        assertThrows(IllegalArgumentException.class, () -> IcmpType.icmp(256));
        assertThrows(IllegalArgumentException.class, () -> IcmpType.icmp(3).withCode(-1));
        assertEquals(List.of(IcmpType.icmp(8)), Rule.of(Verdict.ACCEPT, Match.protocol("icmp"), IcmpType.icmp(8)).matches(),
                "icmp type implies meta l4proto icmp");
        assertEquals(2, Rule.of(Verdict.ACCEPT, Match.protocol("icmp"), IcmpType.icmpv6(128)).matches().size());
    }

    @Test
    void marksAreHexAsNftPrintsThem() {
        assertEquals("meta mark 0x00000005", Mark.of(5).toNft());
        assertEquals("meta mark != 0x00000005", Mark.of(5).negate().toNft());
        assertEquals("meta mark & 0x000000ff == 0x00000001", Mark.of(1).withMask(0xff).toNft());
        assertThrows(IllegalArgumentException.class, () -> Mark.of(0x1_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> Mark.of(1).withMask(-1));
        assertEquals("meta mark set 0x00000007", SetMark.of(7).toNft());
        assertEquals("meta mark set meta mark & 0xffffff00 ^ 0x00000001", SetMark.of(1).withMask(0xff).toNft());
        assertThrows(IllegalArgumentException.class, () -> SetMark.of(-1));
    }

    @Test
    void iptablesExtensionsHaveNftText() {
        assertEquals("ct mark & 0x000000ff == 0x00000003", ConnMark.of(3).withMask(0xff).toNft());
        assertEquals("ct mark != 0x00000003", ConnMark.of(3).negate().toNft());
        assertEquals("ip saddr 10.0.0.1-10.0.0.5", new AddressRange(false, "10.0.0.1", "10.0.0.5", false).toNft());
        assertEquals("ip6 daddr != ::1-::5", new AddressRange(true, "0::1", "::5", true).toNft());
        assertThrows(IllegalArgumentException.class, () -> new AddressRange(false, "10.0.0.1", "::1", false));
        assertEquals("meta length != 100-200", new PacketLength(100, 200, true).toNft());
        assertEquals("ip ttl < 5", new Ttl(false, Ttl.Op.LT, 5).toNft());
        assertEquals("ip6 hoplimit != 255", new Ttl(true, Ttl.Op.EQ, 255).negate().toNft());
        assertThrows(UnsupportedOperationException.class, () -> new Ttl(false, Ttl.Op.GT, 1).negate());
        assertEquals("meta pkttype != broadcast", new PacketType("broadcast", true).toNft());
        assertEquals("fib saddr . iif type { unicast, local }", new AddressType(
                java.util.EnumSet.of(AddressType.Kind.LOCAL, AddressType.Kind.UNICAST), false, java.util.Set.of(), false,
                true, false).toNft());
        assertEquals("ct mark set meta mark", SetConnMark.save().toNft());
        assertEquals("meta mark set ct mark", SetConnMark.restore().toNft());
        assertEquals("ct mark set ct mark & 0xffffff00 ^ 0x00000001",
                new SetConnMark(SetConnMark.Mode.SET, 1, 0xff, Mark.ALL).toNft());
        assertEquals("redirect to :8080 random", new Redirect(PortRange.of(8080), true).toNft());
        assertEquals("masquerade to :1000-2000 random,fully-random", new Verdict.Masquerade(new PortRange(1000, 2000),
                java.util.Set.of(NatFlag.RANDOM_FULLY, NatFlag.RANDOM)).toNft());
        assertEquals("snat to 1.2.3.4 random,persistent", new Verdict.Nat(true, "1.2.3.4", null,
                java.util.Set.of(NatFlag.PERSISTENT, NatFlag.RANDOM)).toNft());
        assertEquals(new Verdict.Masquerade(), new Verdict.Masquerade(null, null));
        assertEquals("log prefix \"x\" flags tcp sequence flags skuid", new Verdict.Log("x", null,
                java.util.Set.of(LogFlag.UID, LogFlag.TCP_SEQUENCE)).toNft());
    }

    @Test
    void wholeRulesetScript() {
        Ruleset r = Ruleset.of(new Table(Family.IP, "filter", List.of(
                Chain.base("INPUT", Hook.filter("input", Policy.DROP))
                        .withRule(Rule.of(new Verdict.Jump("web"), Match.counter())),
                Chain.regular("web").withRule(Rule.of(Verdict.ACCEPT, Match.destinationPort("tcp", 80))))));
        assertEquals("""
                flush ruleset
                table ip filter {
                \tchain INPUT {
                \t\ttype filter hook input priority 0; policy drop;
                \t\tcounter jump web
                \t}

                \tchain web {
                \t\ttcp dport 80 accept
                \t}
                }
                """, NftScript.replaceRuleset(r));
        assertTrue(NftScript.replaceTable(r.tables().getFirst()).startsWith("add table ip filter\ndelete table ip filter\n"));
    }

    @Test
    void textNftCannotHoldIsRefusedUpFront() {
        assertThrows(IllegalArgumentException.class, () -> Rule.of(Verdict.ACCEPT).withComment("say \"hi\""));
        assertThrows(IllegalArgumentException.class, () -> Match.inInterface("a*b"));
        assertThrows(IllegalArgumentException.class, () -> Chain.regular("my chain"));
        assertThrows(IllegalArgumentException.class, () -> new Verdict.Jump("-x"));
        assertThrows(IllegalArgumentException.class, () -> new Match.Limit(5, "fortnight", 5));
        assertThrows(IllegalArgumentException.class, () -> new Match.Port("icmp", true, List.of(PortRange.of(1)), false, false));
        assertThrows(IllegalArgumentException.class, () -> new PortRange(10, 5));
        Table unsupported = new Table(Family.IP, "t", List.of(Chain.regular("c")
                .withRule(Rule.of(Verdict.DROP, new Match.Unsupported("{\"x\":1}")))));
        assertFalse(unsupported.writable());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NftScript.replaceRuleset(Ruleset.of(unsupported)));
        assertTrue(e.getMessage().contains("cannot write back"), e.getMessage());
    }
}
