package io.netns4j.firewall;

import io.netns4j.types.InetPrefix;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code nft -j list ruleset} output captured from nftables 1.0.6 (Debian 12) on kernel 6.x
 * (src/test/resources/firewall/nft-1.0.6-ruleset.json, with the text listing of the same
 * ruleset beside it) read into the model. No root needed.
 */
class RulesetJsonTest {
    static String resource(String name) throws IOException {
        try (InputStream in = RulesetJsonTest.class.getResourceAsStream("/firewall/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static RulesetJson.Listing golden() throws IOException {
        return RulesetJson.parse(resource("nft-1.0.6-ruleset.json"));
    }

    @Test
    void tablesChainsAndHooks() throws IOException {
        Ruleset r = golden().ruleset();
        assertEquals(List.of("ip filter", "ip nat", "ip6 filter"),
                r.tables().stream().map(t -> t.family() + " " + t.name()).toList());
        Table filter = r.table(Family.IP, "filter").orElseThrow();
        assertEquals(List.of("INPUT", "mychain", "other"), filter.chains().stream().map(Chain::name).toList());
        assertEquals(new Hook("filter", "input", 0, Policy.DROP, null), filter.chain("INPUT").orElseThrow().hook());
        assertFalse(filter.chain("mychain").orElseThrow().isBase());
        assertEquals(1, filter.unsupported().size(), "the set is kept as JSON");
        assertTrue(filter.unsupported().getFirst().contains("\"blocked\""));
        assertFalse(filter.writable());
        assertEquals(Hook.nat("prerouting"), r.table(Family.IP, "nat").orElseThrow().chain("PREROUTING").orElseThrow().hook());
        assertEquals(Hook.nat("postrouting"), r.table(Family.IP, "nat").orElseThrow().chain("POSTROUTING").orElseThrow().hook());
    }

    @Test
    void rulesBecomeTypedMatchesAndVerdicts() throws IOException {
        RulesetJson.Listing l = golden();
        List<Rule> input = l.ruleset().table(Family.IP, "filter").orElseThrow().chain("INPUT").orElseThrow().rules();
        assertEquals(List.of(5L, 6L, 8L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L), l.handles(Family.IP, "filter", "INPUT"));
        assertEquals(Rule.of(Verdict.ACCEPT, Match.inInterface("veth1"), Match.destinationPort("tcp", 80),
                new Match.Counter(3, 180)), input.get(0));
        assertEquals(Rule.of(Verdict.DROP, Match.source("10.0.0.0/8").negate(), Match.destination("1.2.3.4"),
                Match.outInterface("eth*").negate(),
                new Match.Port("udp", false, List.of(new PortRange(1000, 2000)), false, false), Match.counter()),
                input.get(1));
        assertEquals(Rule.of(Verdict.ACCEPT, Match.destinationPorts("tcp", PortRange.of(443), PortRange.of(80),
                new PortRange(8000, 8080)), Match.ctState(ConnState.RELATED, ConnState.ESTABLISHED), Match.counter())
                .withComment("web in"), input.get(2));
        assertEquals(Rule.of(new Verdict.Log("pfx: ", "info"), new Match.CtState(EnumSet.of(ConnState.NEW,
                ConnState.INVALID), true), new Match.Limit(5, "minute", 5), Match.counter()), input.get(3));
        assertEquals(Rule.of(Verdict.Reject.icmp("icmp", "host-unreachable"), Match.protocol("icmp"), Match.counter()),
                input.get(4));
        assertEquals(Rule.of(Verdict.Reject.DEFAULT, Match.counter()), input.get(5), "icmp port-unreachable is the default");
        assertEquals(Rule.of(Verdict.Reject.TCP_RESET, Match.protocol("tcp"), Match.counter()), input.get(6));
        assertEquals(Rule.of(new Verdict.Jump("mychain"), Match.counter()), input.get(7));
    }

    @Test
    void otherComparisonsStayAsNftTextAndTheRestAsJson() throws IOException {
        List<Rule> input = golden().ruleset().table(Family.IP, "filter").orElseThrow().chain("INPUT").orElseThrow().rules();
        Match bitwise = input.get(8).matches().getFirst();
        assertInstanceOf(Match.Unsupported.class, bitwise, "ct state != a | b is a bit test, not a list");
        assertFalse(input.get(8).writable());
        assertEquals(Rule.of(Verdict.ACCEPT, Match.raw("ip protocol gre")), input.get(9));
        assertEquals(Rule.of(Verdict.ACCEPT, Mark.of(1)), input.get(10), "meta mark is typed now");
        assertEquals(Rule.of(Verdict.DROP, Match.raw("ip saddr @blocked")), input.get(11));
        List<Rule> mychain = golden().ruleset().table(Family.IP, "filter").orElseThrow().chain("mychain").orElseThrow().rules();
        assertEquals(Rule.of(new Verdict.Goto("other"), Match.inInterface("lo")), mychain.get(1));
    }

    @Test
    void natAndIpv6() throws IOException {
        Ruleset r = golden().ruleset();
        Table nat = r.table(Family.IP, "nat").orElseThrow();
        assertEquals(Rule.of(new Verdict.Nat(false, "10.0.0.1", PortRange.of(8080)), Match.destinationPort("tcp", 80),
                Match.counter()), nat.chain("PREROUTING").orElseThrow().rules().getFirst());
        assertEquals(List.of(
                Rule.of(new Verdict.Masquerade(), Match.outInterface("v1"), Match.source("10.1.0.0/24"), Match.counter()),
                Rule.of(new Verdict.Nat(true, "1.2.3.4-1.2.3.10", new PortRange(1000, 2000)), Match.protocol("udp"),
                        Match.counter())), nat.chain("POSTROUTING").orElseThrow().rules());
        assertTrue(nat.writable());
        List<Rule> six = r.table(Family.IP6, "filter").orElseThrow().chain("INPUT").orElseThrow().rules();
        assertEquals(Rule.of(Verdict.ACCEPT, Match.protocol("icmpv6")), six.get(0), "icmpv6 is ipv6-icmp in nft");
        assertEquals(Rule.of(Verdict.Reject.icmp("icmpv6", "admin-prohibited"), Match.source("2001:db8::1/64"),
                new Match.Address(true, InetPrefix.parse("::1"), false)), six.get(1));
    }

    @Test
    void theModelWritesTheSameTextNftPrints() throws IOException {
        String listed = resource("nft-1.0.6-ruleset.txt");
        for (Table t : golden().ruleset().tables()) {
            for (Chain c : t.chains()) {
                for (Rule rule : c.rules()) {
                    if (rule.writable()) {
                        String text = rule.toNft();
                        assertTrue(listed.contains(nftPrinted(text)), "nft printed: " + text);
                    }
                }
            }
        }
    }

    /** What nft prints for what we write: counters with values, its short forms for defaults. */
    private static String nftPrinted(String ours) {
        return ours.replace("counter", "counter packets 0 bytes 0").replace(" burst 5 packets", "")
                .replace("reject with icmp type", "reject with icmp").replace("reject with icmpv6 type", "reject with icmpv6")
                .replace("counter packets 0 bytes 0 packets 3 bytes 180", "counter packets 3 bytes 180")
                .replace("meta mark 1", "meta mark 0x00000001");
    }

    @Test
    void notAListingIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> RulesetJson.parse("{\"nftables\": 3}"));
        assertThrows(IllegalArgumentException.class, () -> RulesetJson.parse("[1]"));
        assertEquals(Ruleset.EMPTY, RulesetJson.parse("{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\"}}]}").ruleset());
    }
}
