package io.netns4j.firewall.iptables;

import io.netns4j.firewall.Chain;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Hook;
import io.netns4j.firewall.Match;
import io.netns4j.firewall.Policy;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.Table;
import io.netns4j.firewall.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * iptables arguments to the model to nft text, and the model back to iptables' {@code -S}
 * and {@code -L} lines ({@link IptablesText}). Parsing only: nothing here touches a namespace,
 * so no root needed. The lines are split by {@link IptablesCommandLine#parse(String, Family)}.
 */
class IptablesSyntaxTest {
    private static IptablesCommandLine parse(Family family, String line) throws IptablesSyntaxException {
        return IptablesCommandLine.parse(line, family);
    }

    private static Rule rule(Family family, String line) throws IptablesSyntaxException {
        return parse(family, line).rule().orElseThrow();
    }

    /** iptables args, the nft text, the -S line (chain, then the rule as iptables saves it). */
    private static final String[][] CASES = {
            {"-A INPUT -i veth1 -p tcp --dport 80 -j ACCEPT",
                    "iifname \"veth1\" tcp dport 80 counter accept",
                    "-A INPUT -i veth1 -p tcp -m tcp --dport 80 -j ACCEPT"},
            {"-A INPUT -s 10.0.0.0/8 ! -d 1.2.3.4 -j DROP",
                    "ip saddr 10.0.0.0/8 ip daddr != 1.2.3.4 counter drop",
                    "-A INPUT -s 10.0.0.0/8 ! -d 1.2.3.4/32 -j DROP"},
            {"-A INPUT -s 10.9.8.7/255.255.0.0 -j DROP",
                    "ip saddr 10.9.0.0/16 counter drop",
                    "-A INPUT -s 10.9.0.0/16 -j DROP"},
            {"-A INPUT -p udp -m multiport --dports 53,1000:2000 -j ACCEPT",
                    "udp dport { 53, 1000-2000 } counter accept",
                    "-A INPUT -p udp -m multiport --dports 53,1000:2000 -j ACCEPT"},
            {"-A INPUT -p tcp -m multiport ! --sports 443,80 -j ACCEPT",
                    "tcp sport != { 80, 443 } counter accept",
                    "-A INPUT -p tcp -m multiport ! --sports 80,443 -j ACCEPT"},
            {"-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT",
                    "ct state established,related counter accept",
                    "-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"},
            {"-A INPUT -m conntrack ! --ctstate NEW,INVALID -j DROP",
                    "ct state != { invalid, new } counter drop",
                    "-A INPUT -m conntrack ! --ctstate INVALID,NEW -j DROP"},
            {"-A INPUT -m state --state NEW -p tcp --dport 22 -j ACCEPT",
                    "ct state new tcp dport 22 counter accept",
                    "-A INPUT -p tcp -m state --state NEW -m tcp --dport 22 -j ACCEPT"},
            {"-A INPUT -p tcp -m tcp --sport 1024: --dport ssh -j ACCEPT",
                    "tcp sport 1024-65535 tcp dport 22 counter accept",
                    "-A INPUT -p tcp -m tcp --sport 1024:65535 --dport 22 -j ACCEPT"},
            {"-A FORWARD -i eth+ ! -o lo -p udp --dport 53 ! --sport :1023 -j RETURN",
                    "iifname \"eth*\" oifname != \"lo\" udp sport != 0-1023 udp dport 53 counter return",
                    "-A FORWARD -i eth+ ! -o lo -p udp -m udp --sport 1024:65535 --dport 53 -j RETURN"},
            {"-A INPUT -p tcp ! --dport :65534 -j ACCEPT",
                    "tcp dport != 0-65534 counter accept",
                    "-A INPUT -p tcp -m tcp --dport 65535 -j ACCEPT"},
            {"-A INPUT -i + -j DROP", "iifname \"*\" counter drop", "-A INPUT -j DROP"},
            {"-A INPUT -p tcp --syn -j DROP",
                    "tcp flags & (fin | syn | rst | ack) == syn counter drop",
                    "-A INPUT -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j DROP"},
            {"-A INPUT -p tcp ! --syn --dport 22 -j DROP",
                    "tcp flags & (fin | syn | rst | ack) != syn tcp dport 22 counter drop",
                    "-A INPUT -p tcp -m tcp --dport 22 ! --tcp-flags FIN,SYN,RST,ACK SYN -j DROP"},
            {"-A INPUT -p tcp -m tcp --dport 80 --tcp-flags all none -j DROP",
                    "tcp flags & (fin | syn | rst | psh | ack | urg) == 0 tcp dport 80 counter drop",
                    "-A INPUT -p tcp -m tcp --dport 80 --tcp-flags FIN,SYN,RST,PSH,ACK,URG NONE -j DROP"},
            {"-A INPUT -p icmp --icmp-type echo-request -j ACCEPT",
                    "icmp type 8 counter accept",
                    "-A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT"},
            {"-A INPUT -p icmp ! --icmp-type frag -j DROP",
                    "icmp type . icmp code != { 3 . 4 } counter drop",
                    "-A INPUT -p icmp -m icmp ! --icmp-type 3/4 -j DROP"},
            {"-A INPUT -p icmp -m icmp --icmp-type 0x3/0 -s 10.0.0.0/8 -j DROP",
                    "ip saddr 10.0.0.0/8 icmp type 3 icmp code 0 counter drop",
                    "-A INPUT -s 10.0.0.0/8 -p icmp -m icmp --icmp-type 3/0 -j DROP"},
            {"-A INPUT -m mark ! --mark 0x1/255 -j ACCEPT",
                    "meta mark & 0x000000ff != 0x00000001 counter accept",
                    "-A INPUT -m mark ! --mark 0x1/0xff -j ACCEPT"},
            {"-A INPUT -m mark --mark 010 -j ACCEPT",
                    "meta mark 0x00000008 counter accept",
                    "-A INPUT -m mark --mark 0x8 -j ACCEPT"},
            {"-A INPUT -j MARK --set-mark 0x1/0xfe",
                    "counter meta mark set meta mark & 0xffffff00 ^ 0x00000001",
                    "-A INPUT -j MARK --set-xmark 0x1/0xff"},
            {"-A INPUT -j MARK --and-mark 0xf",
                    "counter meta mark set meta mark & 0x0000000f ^ 0x00000000",
                    "-A INPUT -j MARK --set-xmark 0x0/0xfffffff0"},
            {"-A INPUT -p tcp --tcp-flags SYN ACK,SYN, -j DROP",
                    "tcp flags & syn == (syn | ack) counter drop",
                    "-A INPUT -p tcp -m tcp --tcp-flags SYN SYN,ACK -j DROP"},
            {"-A INPUT -m comment --comment \"web in\" -p tcp --dport 80 -j ACCEPT",
                    "tcp dport 80 counter accept comment \"web in\"",
                    "-A INPUT -p tcp -m tcp --dport 80 -m comment --comment \"web in\" -j ACCEPT"},
            {"-A INPUT -m comment --comment plain -j ACCEPT",
                    "counter accept comment \"plain\"",
                    "-A INPUT -m comment --comment plain -j ACCEPT"},
            {"-A INPUT -m limit --limit 5/min --limit-burst 10 -j LOG --log-prefix \"x: \" --log-level 6",
                    "limit rate 5/minute burst 10 packets counter log prefix \"x: \" level info",
                    "-A INPUT -m limit --limit 5/min --limit-burst 10 -j LOG --log-prefix \"x: \" --log-level 6"},
            {"-A INPUT -m limit --limit 60/minute -j LOG",
                    "limit rate 1/second burst 5 packets counter log",
                    "-A INPUT -m limit --limit 1/sec -j LOG"},
            {"-A INPUT -p icmp -j REJECT --reject-with icmp-host-unreachable",
                    "meta l4proto icmp counter reject with icmp type host-unreachable",
                    "-A INPUT -p icmp -j REJECT --reject-with icmp-host-unreachable"},
            {"-A INPUT -p tcp -j REJECT --reject-with tcp-reset",
                    "meta l4proto tcp counter reject with tcp reset",
                    "-A INPUT -p tcp -j REJECT --reject-with tcp-reset"},
            {"-A INPUT -j REJECT",
                    "counter reject",
                    "-A INPUT -j REJECT --reject-with icmp-port-unreachable"},
            {"-A INPUT -j mychain", "counter jump mychain", "-A INPUT -j mychain"},
            {"-A INPUT -g other", "counter goto other", "-A INPUT -g other"},
            {"-A INPUT -p all -s 1.2.3.4", "ip saddr 1.2.3.4 counter", "-A INPUT -s 1.2.3.4/32"},
            {"-t nat -A POSTROUTING -s 10.1.0.0/24 -o veth2 -j MASQUERADE",
                    "oifname \"veth2\" ip saddr 10.1.0.0/24 counter masquerade",
                    "-A POSTROUTING -s 10.1.0.0/24 -o veth2 -j MASQUERADE"},
            {"-t nat -A POSTROUTING -j SNAT --to-source 1.2.3.4",
                    "counter snat to 1.2.3.4",
                    "-A POSTROUTING -j SNAT --to-source 1.2.3.4"},
            {"-t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 10.0.0.1:8080",
                    "tcp dport 80 counter dnat to 10.0.0.1:8080",
                    "-A PREROUTING -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.0.0.1:8080"},
    };

    @Test
    void argumentsBecomeTheRulesIptablesNftWrites() throws IptablesSyntaxException {
        for (String[] c : CASES) {
            assertEquals(c[1], rule(Family.IP, c[0]).toNft(), c[0]);
        }
    }

    @Test
    void rulesAreSavedAsIptablesPrintsThemAndParseBackToTheSameRule() throws IptablesSyntaxException {
        IptablesText text = new IptablesText(Family.IP);
        for (String[] c : CASES) {
            IptablesCommandLine p = parse(Family.IP, c[0]);
            String saved = text.saveRule(p.chain().orElseThrow(), p.rule().orElseThrow(), false);
            assertEquals(c[2], saved, c[0]);
            String again = (p.table().equals("nat") ? "-t nat " : "") + saved;
            // iptables keeps a limit as a period (60/minute comes back as 1/sec), stores "! --dport :N" as
            // "greater than N" and lists it as N+1:65535, and lists no -i for "-i +"
            if (!c[0].matches(".*(60/minute|! --[sd]port :|-i \\+).*")) {
                assertEquals(p.rule(), parse(Family.IP, again).rule(), "round trip of " + saved);
            }
        }
    }

    @Test
    void ip6tables() throws IptablesSyntaxException {
        Rule r = rule(Family.IP6, "-A INPUT -s 2001:db8:0::1/64 -p icmpv6 -j REJECT");
        assertEquals("ip6 saddr 2001:db8::/64 meta l4proto ipv6-icmp counter reject", r.toNft());
        assertEquals("-A INPUT -s 2001:db8::/64 -p ipv6-icmp -j REJECT --reject-with icmp6-port-unreachable",
                new IptablesText(Family.IP6).saveRule("INPUT", r, false));
        assertEquals("reject with icmpv6 type admin-prohibited",
                rule(Family.IP6, "-A INPUT -j REJECT --reject-with icmp6-adm-prohibited").verdict().toNft());
        assertEquals("ip6 daddr ::1", rule(Family.IP6, "-A OUTPUT -d ::1").matches().getFirst().toNft());
    }

    @Test
    void commandsAndTheirArguments() throws IptablesSyntaxException {
        IptablesCommandLine p = parse(Family.IP, "-I INPUT 3 -j DROP");
        assertEquals("-I", p.command().option());
        assertEquals(3, p.number().getAsInt());
        assertEquals(1, parse(Family.IP, "-I INPUT -j DROP").number().getAsInt(), "-I inserts first by default");
        p = parse(Family.IP, "-D INPUT 2");
        assertEquals(2, p.number().getAsInt());
        assertTrue(p.rule().isEmpty());
        p = parse(Family.IP, "-nvL INPUT --line-numbers -x");
        assertEquals("-L", p.command().option());
        assertEquals("INPUT", p.chain().orElseThrow());
        assertEquals(new IptablesText.Format(true, true, true, true), p.listFormat());
        p = parse(Family.IP, "-t nat -S");
        assertEquals("nat", p.table());
        assertTrue(p.chain().isEmpty());
        p = parse(Family.IP, "--policy FORWARD DROP");
        assertEquals("FORWARD", p.chain().orElseThrow());
        assertEquals(Policy.DROP, p.policy().orElseThrow());
        IptablesTokens t = new IptablesTokens(List.of("--dport=80", "-nvL"), "iptables");
        assertEquals(List.of("--dport", "80", "-n", "-v", "-L"), List.of(t.next(), t.next(), t.next(), t.next(), t.next()));
        assertEquals("ACCEPT", rule(Family.IP, "-A INPUT --jump=ACCEPT -w 5").verdict().toNft().toUpperCase());
    }

    @Test
    void optionsOutsideTheSubsetAreRefusedByName() {
        String[][] bad = {
                {"-A INPUT --foo 1 -j ACCEPT", "\"--foo\""},
                {"-A INPUT -p tcp --tcp-option 2 -j ACCEPT", "\"--tcp-option\""},
                {"-A INPUT -p udp --syn -j ACCEPT", "\"-p tcp\""},
                {"-A INPUT ! -p tcp --syn -j ACCEPT", "not \"! -p tcp\""},
                {"-A INPUT -p tcp --syn --tcp-flags SYN SYN", "only one of --syn or --tcp-flags"},
                {"-A INPUT -p tcp --syn -m tcp --syn", "only one of --syn or --tcp-flags"},
                {"-A INPUT -p tcp --tcp-flags SYN -j DROP", "requires an argument"},
                {"-A INPUT -p tcp --tcp-flags ECE ECE", "Unknown TCP flag \"ECE\""},
                {"-A INPUT -p tcp --tcp-flags NONE SYN", "examines no flag"},
                {"-A INPUT -p icmp --icmp-type any", "matches every ICMP packet"},
                {"-A INPUT -m mark --mark 0x100000000", "bad integer value"},
                {"-A INPUT -j MARK", "One of the --set-xmark"},
                {"-A INPUT -j MARK --set-mark 1 --or-mark 2", "cannot be used together"},
                {"-A INPUT -j MARK --or-mark 1/2", "without a mask"},
                {"-A INPUT -j DROP --set-mark 1", "\"-j MARK\" before it"},
                {"-A INPUT -m mark --mark 1 --mark 2", "can only be used once"},
                {"-A INPUT -m mark -j DROP", "-m mark needs --mark"},
                {"-A INPUT --mark 1", "\"-m mark\" before it"},
                {"-A INPUT -p icmp --icmp-type 255/0", "matches every ICMP packet"},
                {"-A INPUT -p icmp --icmp-type host", "Ambiguous ICMP type \"host\": \"host-unreachable\" or"},
                {"-A INPUT -p icmp --icmp-type 3/256", "Unknown ICMP code in --icmp-type \"3/256\""},
                {"-A INPUT -p icmp --icmp-type nope", "Unknown ICMP type in --icmp-type \"nope\""},
                {"-A INPUT -p udp --icmp-type 8", "needs \"-p icmp\""},
                {"-A INPUT -p icmp --icmpv6-type 128", "ip6tables has it"},
                {"-A INPUT -p icmp -m icmp -j DROP", "-m icmp needs --icmp-type TYPE"},
                {"-A INPUT -p icmp --icmp-type 8 -m icmp --icmp-type 0", "given twice"},
                {"-A INPUT -m recent --set", "\"recent\""},
                {"-A INPUT --dport 80 -j ACCEPT", "\"--dport\""},
                {"-A INPUT -p icmp --dport 80", "\"--dport\""},
                {"-A INPUT --ctstate NEW", "-m conntrack"},
                {"-A INPUT -j QUEUE", "\"QUEUE\""},
                {"-A INPUT -p tcp --dport 99999", "\"99999\""},
                {"-A INPUT -s db.example.org", "host names"},
                {"-A INPUT -s 10.0.0.1,10.0.0.2", "one rule per address"},
                {"-A INPUT -s 2001:db8::1", "IPv4"},
                {"-A", "\"-A\" requires an argument"},
                {"-A INPUT ! -m tcp", "!"},
                {"-L -s 1.2.3.4", "Illegal option \"-s\""},
                {"-P INPUT REJECT", "Bad policy name"},
                {"-t mangle -A PREROUTING -j ACCEPT", "mangle"},
                {"-A INPUT -D INPUT 1", "only one command"},
                {"-A INPUT -m conntrack --ctstate BOGUS", "\"BOGUS\""},
                {"-A INPUT -m conntrack -j ACCEPT", "--ctstate"},
                {"-A INPUT -j LOG --reject-with tcp-reset", "\"--reject-with\""},
                {"-A INPUT -j LOG --log-prefix 123456789012345678901234567890", "too long"},
                {"-t nat -A PREROUTING -j DNAT --to-destination 10.0.0.1:80", "Need TCP"},
                {"-t nat -A POSTROUTING -j SNAT", "--to-source"},
                {"-A INPUT -m limit --limit 5/fortnight", "bad rate"},
                {"-E old new", "-E"},
                {"-A INPUT -j ACCEPT -j DROP", "only one target"},
                {"-R INPUT -j DROP", "rule number"},
                {"-A INPUT bogus", "Bad argument \"bogus\""},
        };
        for (String[] b : bad) {
            IptablesSyntaxException e = assertThrows(IptablesSyntaxException.class, () -> parse(Family.IP, b[0]), b[0]);
            assertTrue(e.getMessage().contains(b[1]), b[0] + " -> " + e.getMessage());
            assertTrue(e.getMessage().startsWith("iptables: "), e.getMessage());
        }
        IptablesSyntaxException quote = assertThrows(IptablesSyntaxException.class, () -> IptablesCommandLine.parse(
                List.of("-A", "INPUT", "-m", "comment", "--comment", "say \"hi\""), Family.IP));
        assertTrue(quote.getMessage().contains("double quote"), quote.getMessage());
    }

    @Test
    void listingLinesAreIptables189s() throws IptablesSyntaxException {
        IptablesText text = new IptablesText(Family.IP);
        Rule seed = rule(Family.IP, "-A INPUT -i veth1 -p tcp --dport 80 -j ACCEPT");
        Rule nat = rule(Family.IP, "-t nat -A POSTROUTING -s 10.1.0.0/24 -j MASQUERADE");
        Table t = new Table(Family.IP, "filter", List.of(
                Chain.base("INPUT", Hook.filter("input", Policy.DROP)).withRule(seed),
                Chain.regular("mychain")));
        IptablesText.Format nv = new IptablesText.Format(true, true, false, false);
        assertEquals("Chain INPUT (policy DROP 0 packets, 0 bytes)\n"
                + " pkts bytes target     prot opt in     out     source               destination         ",
                text.header(t.chains().getFirst(), t, nv));
        assertEquals("    0     0 ACCEPT     6    --  veth1  *       0.0.0.0/0            0.0.0.0/0            tcp dpt:80",
                text.listRule(1, seed, nv));
        assertEquals("MASQUERADE  0    --  10.1.0.0/24          0.0.0.0/0           ",
                text.listRule(1, nat, new IptablesText.Format(true, false, false, false)));
        assertEquals("Chain mychain (0 references)\ntarget     prot opt source               destination         ",
                text.header(t.chains().get(1), t, new IptablesText.Format(false, false, false, false)));
        assertEquals("1    ACCEPT     tcp  --  anywhere             anywhere             tcp dpt:http",
                text.listRule(1, seed, new IptablesText.Format(false, false, false, true)));
        assertEquals(" 123K  100M LOG        0    --  *      *       0.0.0.0/0            0.0.0.0/0            "
                        + "limit: avg 5/min burst 5 LOG flags 0 level 4 prefix \"x\"",
                text.listRule(1, new Rule(List.of(new Match.Limit(5, "minute", 5), new Match.Counter(123_456, 99_999_999)),
                        new Verdict.Log("x", null), null), nv));
        assertEquals("    0     0 DROP       6    --  *      *       0.0.0.0/0            0.0.0.0/0            "
                + "tcp dpts:1001:65535", text.listRule(1, rule(Family.IP, "-A INPUT -i + -p tcp ! --dport :1000 -j DROP"), nv));
        assertEquals("ACCEPT     tcp  --  anywhere             anywhere             tcp dpt:ssh flags:!0x17/0x02",
                text.listRule(1, rule(Family.IP, "-A INPUT -p tcp ! --syn --dport 22 -j ACCEPT"),
                        new IptablesText.Format(false, false, false, false)));
        assertEquals("ACCEPT     6    --  0.0.0.0/0            0.0.0.0/0            tcp flags:0x3F/0x00",
                text.listRule(1, rule(Family.IP, "-A INPUT -p tcp --tcp-flags ALL NONE -j ACCEPT"),
                        new IptablesText.Format(true, false, false, false)));
        IptablesText.Format names = new IptablesText.Format(false, false, false, false);
        IptablesText.Format numbers = new IptablesText.Format(true, false, false, false);
        String[][] icmp = { // iptables -L and -L -n of iptables-nft 1.8.9, by hand
                {"-p icmp --icmp-type 8", "icmp echo-request", "icmptype 8"},
                {"-p icmp ! --icmp-type ping", "icmp !echo-request", "icmp !type 8"},
                {"-p icmp --icmp-type 8/0", "icmptype 8 code 0", "icmptype 8 code 0"},
                {"-p icmp ! --icmp-type 3/4", "icmp !fragmentation-needed", "icmp !type 3 code 4"},
                {"-p icmp --icmp-type 200", "icmptype 200", "icmptype 200"}};
        for (String[] c : icmp) {
            Rule r = rule(Family.IP, "-A INPUT " + c[0] + " -j ACCEPT");
            assertEquals("ACCEPT     icmp --  anywhere             anywhere             " + c[1], text.listRule(1, r, names));
            assertEquals("ACCEPT     1    --  0.0.0.0/0            0.0.0.0/0            " + c[2], text.listRule(1, r, numbers));
        }
        IptablesText six = new IptablesText(Family.IP6);
        assertEquals("ACCEPT     ipv6-icmp --  anywhere             anywhere             ipv6-icmp neighbour-solicitation",
                six.listRule(1, rule(Family.IP6, "-A INPUT -p icmpv6 --icmpv6-type neighbor-s -j ACCEPT"), names));
        assertEquals("ACCEPT     58   --  ::/0                 ::/0                 ipv6-icmp !type 1 code 3",
                six.listRule(1, rule(Family.IP6, "-A INPUT -p icmpv6 ! --icmpv6-type 1/3 -j ACCEPT"), numbers));
        assertEquals("-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type 128/0 -j ACCEPT",
                six.saveRule("INPUT", rule(Family.IP6, "-A INPUT -p icmpv6 --icmpv6-type 128/0 -j ACCEPT"), false));
        assertEquals("ACCEPT     0    --  0.0.0.0/0            0.0.0.0/0            mark match ! 0x1/0xff",
                text.listRule(1, rule(Family.IP, "-A INPUT -m mark ! --mark 1/0xff -j ACCEPT"), numbers));
        String[][] marks = {{"--set-mark 5", "MARK set 0x5"}, {"--set-mark 1/0xff", "MARK xset 0x1/0xff"},
                {"--and-mark 0xf", "MARK and 0xf"}, {"--or-mark 0x10", "MARK or 0x10"}, {"--xor-mark 3", "MARK xor 0x3"}};
        for (String[] m : marks) {
            assertEquals("MARK       0    --  0.0.0.0/0            0.0.0.0/0            " + m[1],
                    text.listRule(1, rule(Family.IP, "-A INPUT -j MARK " + m[0]), numbers));
        }
        assertEquals("-P INPUT DROP", text.saveChain(t.chains().getFirst(), false));
        assertEquals("-N mychain", text.saveChain(t.chains().get(1), false));
        assertEquals("-A INPUT -i veth1 -p tcp -m tcp --dport 80 -c 0 0 -j ACCEPT", text.saveRule("INPUT", seed, true));
    }

    @Test
    void saveStringQuotesLikeXtables() {
        assertEquals(" plain-word_1", IptablesText.saveString("plain-word_1"));
        assertEquals(" \"two words\"", IptablesText.saveString("two words"));
        assertEquals(" \"it\\'s\"", IptablesText.saveString("it's"));
        assertEquals(" \"\"", IptablesText.saveString(""));
    }
}
