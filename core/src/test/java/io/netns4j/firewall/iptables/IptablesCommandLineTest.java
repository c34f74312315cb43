package io.netns4j.firewall.iptables;

import io.netns4j.error.InvalidRequestException;
import io.netns4j.firewall.ConnState;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Match;
import io.netns4j.firewall.Policy;
import io.netns4j.firewall.PortRange;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.Verdict;
import io.netns4j.internal.sys.Errno;
import io.netns4j.internal.text.ShellWords;
import io.netns4j.types.InetPrefix;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library's iptables parser ({@link IptablesCommandLine}): lines to the command, table,
 * chain, number and {@link Rule} they mean, and bad lines to their exact messages. Parsing
 * only, no root: applying is tested in {@code IptablesCommandLineApplyTest}.
 */
class IptablesCommandLineTest {
    private static final IptablesText.Format PLAIN = new IptablesText.Format(false, false, false, false);

    private static IptablesCommandLine expected(Family family, IptablesCommandLine.Command command, String table,
                                                String chain, Integer number, Policy policy, Rule rule,
                                                IptablesText.Format format) {
        return new IptablesCommandLine(family, command, table, chain, number, policy, rule, format);
    }

    private static IptablesCommandLine ip(IptablesCommandLine.Command command, String chain, Integer number, Rule rule) {
        return expected(Family.IP, command, "filter", chain, number, null, rule, PLAIN);
    }

    private static Rule rule(Verdict verdict, Match... matches) {
        List<Match> all = new java.util.ArrayList<>(List.of(matches));
        all.add(Match.counter()); // iptables-nft puts a counter in every rule
        return new Rule(all, verdict, null);
    }

    /** Each line, its parsed form built by hand, and its canonical words (toString). */
    private static final Object[][] VALID = {
            {"-A INPUT -i veth1 -p tcp --dport 80 -j ACCEPT",
                    ip(IptablesCommandLine.Command.APPEND, "INPUT", null,
                            rule(Verdict.ACCEPT, Match.inInterface("veth1"), Match.destinationPort("tcp", 80))),
                    "iptables -A INPUT -i veth1 -p tcp -m tcp --dport 80 -j ACCEPT"},
            {"-I INPUT 2 -s 10.0.0.0/8 ! -d 10.9.9.9 -j DROP",
                    ip(IptablesCommandLine.Command.INSERT, "INPUT", 2, rule(Verdict.DROP, Match.source("10.0.0.0/8"),
                            Match.destination("10.9.9.9").negate())),
                    "iptables -I INPUT 2 -s 10.0.0.0/8 ! -d 10.9.9.9/32 -j DROP"},
            {"--insert FORWARD --jump=ACCEPT",
                    ip(IptablesCommandLine.Command.INSERT, "FORWARD", 1, rule(Verdict.ACCEPT)),
                    "iptables -I FORWARD 1 -j ACCEPT"},
            {"-R INPUT 1 -p udp -m multiport --dports 53,1000:2000 -j ACCEPT",
                    ip(IptablesCommandLine.Command.REPLACE, "INPUT", 1, rule(Verdict.ACCEPT,
                            Match.destinationPorts("udp", PortRange.of(53), new PortRange(1000, 2000)))),
                    "iptables -R INPUT 1 -p udp -m multiport --dports 53,1000:2000 -j ACCEPT"},
            {"-D INPUT 3", ip(IptablesCommandLine.Command.DELETE, "INPUT", 3, null), "iptables -D INPUT 3"},
            {"-D INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT",
                    ip(IptablesCommandLine.Command.DELETE, "INPUT", null, rule(Verdict.ACCEPT,
                            Match.ctState(ConnState.ESTABLISHED, ConnState.RELATED))),
                    "iptables -D INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"},
            {"-C INPUT -j web", ip(IptablesCommandLine.Command.CHECK, "INPUT", null, rule(new Verdict.Jump("web"))),
                    "iptables -C INPUT -j web"},
            {"-t nat -A POSTROUTING -s 10.1.0.0/24 -o veth2 -j MASQUERADE",
                    expected(Family.IP, IptablesCommandLine.Command.APPEND, "nat", "POSTROUTING", null, null,
                            rule(new Verdict.Masquerade(), Match.outInterface("veth2"), Match.source("10.1.0.0/24")),
                            PLAIN),
                    "iptables -t nat -A POSTROUTING -s 10.1.0.0/24 -o veth2 -j MASQUERADE"},
            {"-t nat -A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 10.1.0.5:80",
                    expected(Family.IP, IptablesCommandLine.Command.APPEND, "nat", "PREROUTING", null, null,
                            rule(new Verdict.Nat(false, "10.1.0.5", PortRange.of(80)),
                                    Match.destinationPort("tcp", 8080)), PLAIN),
                    "iptables -t nat -A PREROUTING -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.1.0.5:80"},
            {"-P INPUT DROP", expected(Family.IP, IptablesCommandLine.Command.POLICY, "filter", "INPUT", null,
                    Policy.DROP, null, PLAIN), "iptables -P INPUT DROP"},
            {"-N web", ip(IptablesCommandLine.Command.NEW_CHAIN, "web", null, null), "iptables -N web"},
            {"-X", ip(IptablesCommandLine.Command.DELETE_CHAIN, null, null, null), "iptables -X"},
            {"-F web", ip(IptablesCommandLine.Command.FLUSH, "web", null, null), "iptables -F web"},
            {"-t nat -Z", expected(Family.IP, IptablesCommandLine.Command.ZERO, "nat", null, null, null, null, PLAIN),
                    "iptables -t nat -Z"},
            {"-nvL INPUT --line-numbers", expected(Family.IP, IptablesCommandLine.Command.LIST, "filter", "INPUT", null,
                    null, null, new IptablesText.Format(true, true, false, true)),
                    "iptables -L INPUT -n -v --line-numbers"},
            {"-S INPUT 2", ip(IptablesCommandLine.Command.LIST_RULES, "INPUT", 2, null), "iptables -S INPUT 2"},
            {"-A INPUT -m comment --comment 'web in' -p tcp --dport 443 -j ACCEPT  # a trailing comment",
                    ip(IptablesCommandLine.Command.APPEND, "INPUT", null, rule(Verdict.ACCEPT,
                            Match.destinationPort("tcp", 443)).withComment("web in")),
                    "iptables -A INPUT -p tcp -m tcp --dport 443 -m comment --comment \"web in\" -j ACCEPT"},
            {"-A INPUT -m limit --limit 5/min -j LOG --log-prefix \"in: \" --log-level 6",
                    ip(IptablesCommandLine.Command.APPEND, "INPUT", null, rule(new Verdict.Log("in: ", "info"),
                            new Match.Limit(5, "minute", 5))),
                    "iptables -A INPUT -m limit --limit 5/min -j LOG --log-prefix \"in: \" --log-level 6"},
    };

    @Test
    void validLinesBecomeTheirCommandAndRule() throws IptablesSyntaxException {
        for (Object[] v : VALID) {
            String line = (String) v[0];
            IptablesCommandLine parsed = IptablesCommandLine.parse(line, Family.IP);
            assertEquals(v[1], parsed, line);
            assertEquals(v[2], parsed.toString(), line);
            assertEquals(parsed, IptablesCommandLine.parse(ShellWords.split(line), Family.IP), "words and line agree");
            String canonical = ((String) v[2]).substring("iptables ".length());
            assertEquals(parsed, IptablesCommandLine.parse(canonical, Family.IP), "toString parses back: " + line);
        }
    }

    @Test
    void accessorsSayWhatTheCallerNeeds() throws IptablesSyntaxException {
        IptablesCommandLine append = IptablesCommandLine.parse("-A INPUT -p tcp --dport 22 -j ACCEPT", Family.IP);
        assertEquals(IptablesCommandLine.Command.APPEND, append.command());
        assertEquals("-A", append.command().option());
        assertTrue(append.changesState());
        assertEquals("filter", append.table());
        assertEquals("INPUT", append.chain().orElseThrow());
        assertTrue(append.number().isEmpty());
        assertTrue(append.policy().isEmpty());
        assertEquals("tcp dport 22 counter accept", append.rule().orElseThrow().toNft());
        assertEquals("iptables", append.program());
        for (String readOnly : List.of("-L", "-S", "-C INPUT -j ACCEPT", "-h", "-V")) {
            assertFalse(IptablesCommandLine.parse(readOnly, Family.IP).changesState(), readOnly);
        }
        for (String changes : List.of("-A INPUT", "-I INPUT", "-R INPUT 1", "-D INPUT 1", "-F", "-Z", "-N x", "-X",
                "-P INPUT ACCEPT")) {
            assertTrue(IptablesCommandLine.parse(changes, Family.IP).changesState(), changes);
        }
        assertEquals(IptablesCommandLine.Command.HELP, IptablesCommandLine.parse("--help", Family.IP).command());
        assertTrue(IptablesCommandLine.supportedRuleOptions().contains("--dport"));
    }

    @Test
    void ip6tablesLines() throws IptablesSyntaxException {
        IptablesCommandLine l = IptablesCommandLine.parse("-A INPUT -s 2001:db8::1/64 -p icmpv6 -j REJECT", Family.IP6);
        assertEquals(Family.IP6, l.family());
        assertEquals("ip6tables", l.program());
        assertEquals(rule(Verdict.Reject.DEFAULT, new Match.Address(false, InetPrefix.parse("2001:db8::/64"), false),
                new Match.Protocol("ipv6-icmp", false)), l.rule().orElseThrow());
        assertEquals("ip6tables -A INPUT -s 2001:db8::/64 -p ipv6-icmp -j REJECT --reject-with icmp6-port-unreachable",
                l.toString());
        assertEquals(new Match.CtState(EnumSet.of(ConnState.NEW), true), IptablesCommandLine.parse(
                "-A INPUT -m conntrack ! --ctstate NEW", Family.IP6).rule().orElseThrow().matches().getFirst());
    }

    @Test
    void badLinesGiveTheMessagesTheCliPrints() {
        String commands = "-A -C -D -I -R -L -S -F -Z -N -X -P";
        String[][] bad = {
                {"", "iptables: no command specified (" + commands + "); try \"netns4j iptables -h\""},
                {"-A INPUT bogus", "iptables: Bad argument \"bogus\" (commands: " + commands + ")"},
                {"-A INPUT --foo 1 -j ACCEPT", "iptables: option \"--foo\" is not supported by netns4j's iptables;"
                        + " supported: " + IptablesCommandLine.supportedRuleOptions()},
                {"-A INPUT -m comment --comment 'open", "iptables: unterminated quoted string"},
                {"-P INPUT REJECT", "iptables: Bad policy name \"REJECT\": ACCEPT or DROP"},
                {"-t mangle -A PREROUTING -j ACCEPT", "iptables: Table \"mangle\" is not supported by netns4j's"
                        + " iptables: use filter or nat (or the nft command for anything else)"},
                {"-R INPUT -j DROP", "iptables: -R needs a rule number: -R CHAIN NUMBER RULE"},
                {"-I INPUT 0 -j DROP", "iptables: Invalid rule number \"0\": rules count from 1"},
                {"-A INPUT -p tcp --dport 99999", "iptables: invalid port/service \"99999\" specified (a number"
                        + " 0-65535, a service name, or FIRST:LAST)"},
                {"-A INPUT -p tcp --tcp-option 2", "iptables: option \"--tcp-option\" is not supported by netns4j's iptables;"
                        + " supported: " + IptablesCommandLine.supportedRuleOptions()},
                {"-E old new", "iptables: renaming chains (-E) is not supported by netns4j"},
                {"-L -s 1.2.3.4", "iptables: Illegal option \"-s\" with this command (-L)"},
                {"-A INPUT -j ACCEPT -j DROP", "iptables: only one target (-j or -g) per rule, \"-j\" is a second"},
                {"-A INPUT -6 -j ACCEPT", "iptables: -6 does not fit iptables"},
                {"-A", "iptables: option \"-A\" requires an argument (a chain)"},
                {"-A INPUT -j QUEUE", "iptables: target \"QUEUE\" is not supported by netns4j's iptables; supported:"
                        + " ACCEPT, DROP, RETURN, REJECT, LOG, MARK, CONNMARK, MASQUERADE, SNAT, DNAT, REDIRECT,"
                        + " a chain"},
        };
        for (String[] b : bad) {
            IptablesSyntaxException e = assertThrows(IptablesSyntaxException.class,
                    () -> IptablesCommandLine.parse(b[0], Family.IP), b[0]);
            assertEquals(b[1], e.getMessage(), b[0]);
            assertInstanceOf(InvalidRequestException.class, e);
            assertEquals(Errno.EINVAL, e.errno());
        }
        IptablesSyntaxException v6 = assertThrows(IptablesSyntaxException.class,
                () -> IptablesCommandLine.parse(List.of("-A", "INPUT", "-s", "10.0.0.1"), Family.IP6));
        assertEquals("ip6tables: \"10.0.0.1\" is not an IPv6 address", v6.getMessage());
    }

    @Test
    void onlyIpAndIp6HaveIptables() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IptablesCommandLine.parse("-L", Family.INET));
        assertTrue(e.getMessage().contains("ip6"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IptablesText(Family.BRIDGE));
    }
}
