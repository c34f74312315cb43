package io.netns4j.cli;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.firewall.Chain;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.Table;
import io.netns4j.firewall.iptables.Iptables;
import io.netns4j.firewall.iptables.IptablesCommandLine;
import io.netns4j.testing.Ip;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code netns4j -n NS iptables ...} in a namespace of the test's own, with {@code nft}
 * (through {@code ip netns exec}) as the oracle of what landed in the kernel.
 */
@RequiresRoot
class IptablesCliTest {
    private final Scratch scratch = new Scratch();
    private String ns;

    @BeforeEach
    void namespace() throws Exception {
        ns = scratch.name("ipt");
        NetnsRegistry.system().add(ns).close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        scratch.close();
    }

    private CliRun iptables(int expectedExit, String line) {
        List<String> args = new ArrayList<>(List.of("-n", ns));
        args.addAll(IptablesSyntaxTest.words(line));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(expectedExit, r.exit(), line + ": " + r.err() + r.out());
        return r;
    }

    private String nft(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, "nft"));
        cmd.addAll(List.of(args));
        return Ip.run(Map.of(), cmd.toArray(String[]::new)).ok().out();
    }

    private static final List<String> COMMANDS = List.of(
            "iptables -P INPUT DROP",
            "iptables -N services",
            "iptables -A INPUT -i veth1 -p tcp --dport 80 -j ACCEPT",
            "iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT",
            "iptables -A INPUT -s 10.0.0.0/8 ! -d 10.9.9.9 -j services",
            "iptables -A INPUT -m limit --limit 5/min -j LOG --log-prefix \"in: \"",
            "iptables -A services -p udp -m multiport --dports 53,1000:2000 -m comment --comment \"dns and more\" -j ACCEPT",
            "iptables -A services -p icmp -j REJECT --reject-with icmp-host-unreachable",
            "iptables -A services -p tcp -j REJECT --reject-with tcp-reset",
            "iptables -t nat -A POSTROUTING -s 10.1.0.0/24 -o veth2 -j MASQUERADE",
            "iptables -t nat -A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 10.1.0.5:80",
            "ip6tables -A INPUT -s 2001:db8::/64 -p icmpv6 -j ACCEPT");

    private void applyAll() {
        for (String c : COMMANDS) {
            iptables(0, c);
        }
    }

    @Test
    void iptablesRulesAreOrdinaryNftRulesAndListTheSameEverywhere() throws Exception {
        applyAll();
        String listed = nft("list", "ruleset");
        assertEquals(listed, CliRun.of("-n", ns, "nft", "list", "ruleset").out(), "netns4j nft prints what nft prints");
        for (String line : List.of(
                "type filter hook input priority filter; policy drop;",
                "iifname \"veth1\" tcp dport 80 counter packets 0 bytes 0 accept",
                "ct state related,established counter packets 0 bytes 0 accept", // xtables conntrack, as nft translates it
                "ip saddr 10.0.0.0/8 ip daddr != 10.9.9.9 counter packets 0 bytes 0 jump services",
                "limit rate 5/minute counter packets 0 bytes 0 log prefix \"in: \"",
                // iptables-nft's xtables multiport and comment: nft 1.0.6 translates the first, not the second
                "meta l4proto udp udp dport { 53, 1000-2000 }  counter packets 0 bytes 0 accept",
                "meta l4proto icmp counter packets 0 bytes 0 reject with icmp type host-unreachable",
                "meta l4proto tcp counter packets 0 bytes 0 reject with tcp reset",
                "type nat hook prerouting priority dstnat; policy accept;",
                "type nat hook postrouting priority srcnat; policy accept;",
                "oifname \"veth2\" ip saddr 10.1.0.0/24 counter packets 0 bytes 0 masquerade",
                "tcp dport 8080 counter packets 0 bytes 0 dnat to 10.1.0.5:80",
                "meta l4proto ipv6-icmp ip6 saddr 2001:db8::/64 counter packets 0 bytes 0 accept")) {
            assertTrue(listed.contains("\t\t" + line + "\n"), "nft list ruleset shows: " + line + "\n" + listed);
        }
        assertEquals("""
                -P INPUT DROP
                -P FORWARD ACCEPT
                -P OUTPUT ACCEPT
                -N services
                -A INPUT -i veth1 -p tcp -m tcp --dport 80 -j ACCEPT
                -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
                -A INPUT -s 10.0.0.0/8 ! -d 10.9.9.9/32 -j services
                -A INPUT -m limit --limit 5/min -j LOG --log-prefix "in: "
                -A services -p udp -m multiport --dports 53,1000:2000 -m comment --comment "dns and more" -j ACCEPT
                -A services -p icmp -j REJECT --reject-with icmp-host-unreachable
                -A services -p tcp -j REJECT --reject-with tcp-reset
                """, iptables(0, "iptables -S").out());
        assertEquals("""
                -P PREROUTING ACCEPT
                -P INPUT ACCEPT
                -P OUTPUT ACCEPT
                -P POSTROUTING ACCEPT
                -A PREROUTING -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.1.0.5:80
                -A POSTROUTING -s 10.1.0.0/24 -o veth2 -j MASQUERADE
                """, iptables(0, "iptables -t nat -S").out());
        assertEquals("-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n"
                + "-A INPUT -s 2001:db8::/64 -p ipv6-icmp -j ACCEPT\n", iptables(0, "ip6tables -S").out());
        assertEquals("-A services -p icmp -j REJECT --reject-with icmp-host-unreachable\n",
                iptables(0, "iptables -S services 2").out());
    }

    @Test
    void theJsonListingParsesBackIntoTheRulesTheArgumentsMade() throws Exception {
        applyAll();
        Table filter;
        try (Netns n = NetnsRegistry.system().open(ns)) {
            filter = Iptables.in(n, Family.IP).list("filter"); // nft's JSON has no words for xtables parts
        }
        List<Rule> expected = new ArrayList<>();
        for (String c : COMMANDS) {
            List<String> words = IptablesSyntaxTest.words(c);
            if (words.getFirst().equals("iptables") && words.contains("-A") && !words.contains("nat")) {
                expected.add(IptablesCommandLine.parse(words.subList(1, words.size()), Family.IP).rule().orElseThrow());
            }
        }
        List<Rule> read = filter.chains().stream().flatMap(ch -> ch.rules().stream()).toList();
        assertEquals(expected, read);
        assertEquals(List.of("INPUT", "FORWARD", "OUTPUT", "services"), filter.chains().stream().map(Chain::name).toList());
    }

    @Test
    void positionsReplaceDeleteAndCheck() {
        iptables(0, "iptables -A INPUT -p tcp --dport 1 -j ACCEPT");
        iptables(0, "iptables -A INPUT -p tcp --dport 3 -j ACCEPT");
        iptables(0, "iptables -I INPUT 2 -p tcp --dport 2 -j ACCEPT");
        iptables(0, "iptables -I INPUT -p tcp --dport 0 -j ACCEPT");
        iptables(0, "iptables -I INPUT 5 -p tcp --dport 4 -j ACCEPT");
        assertEquals(List.of("0", "1", "2", "3", "4"), dports());
        iptables(0, "iptables -R INPUT 3 -p udp --dport 22 -j DROP");
        assertEquals("-A INPUT -p udp -m udp --dport 22 -j DROP", iptables(0, "iptables -S INPUT 3").out().strip());
        iptables(0, "iptables -C INPUT -p udp --dport 22 -j DROP");
        CliRun missing = iptables(1, "iptables -C INPUT -p udp --dport 23 -j DROP");
        assertEquals("iptables: Bad rule (does a matching rule exist in that chain?).\n", missing.err());
        iptables(0, "iptables -D INPUT -p udp --dport 22 -j DROP");
        iptables(0, "iptables -D INPUT 1");
        assertEquals(List.of("1", "3", "4"), dports());
        assertTrue(iptables(1, "iptables -D INPUT 4").err().contains("Index of deletion too big"));
        assertTrue(iptables(1, "iptables -I INPUT 5 -j DROP").err().contains("Index of insertion too big"));
        assertTrue(iptables(1, "iptables -D INPUT -p tcp --dport 9 -j ACCEPT").err().contains("Bad rule"));
        iptables(0, "iptables -F INPUT");
        assertEquals(List.of(), dports());
    }

    private List<String> dports() {
        return iptables(0, "iptables -S INPUT").out().lines().filter(l -> l.startsWith("-A"))
                .map(l -> l.replaceAll(".*--dport (\\d+).*", "$1")).toList();
    }

    @Test
    void chainsPoliciesAndCounters() {
        iptables(0, "iptables -N web");
        assertTrue(iptables(1, "iptables -N web").err().contains("Chain already exists"));
        iptables(0, "iptables -A INPUT -j web");
        iptables(0, "iptables -A web -j RETURN");
        assertTrue(iptables(1, "iptables -X web").err().contains("not empty"));
        iptables(0, "iptables -F web");
        assertTrue(iptables(1, "iptables -X web").err().contains("referenced by 1 rules"));
        iptables(0, "iptables -F");
        iptables(0, "iptables -X");
        assertTrue(iptables(1, "iptables -A web -j ACCEPT").err().contains("No chain/target/match by that name"));
        iptables(0, "iptables -P FORWARD DROP");
        assertTrue(nft("list", "chain", "ip", "filter", "FORWARD").contains("policy drop;"));
        iptables(0, "iptables -P FORWARD ACCEPT");
        assertTrue(iptables(2, "iptables -P web DROP").err().contains("Bad built-in chain name"));

        nft("add", "rule", "ip", "filter", "INPUT", "counter", "packets", "5", "bytes", "300", "accept");
        String before = iptables(0, "iptables -L INPUT -v -x -n").out();
        assertTrue(before.contains("       5      300 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0"),
                before);
        iptables(0, "iptables -Z INPUT");
        String after = iptables(0, "iptables -L INPUT -v -x -n").out();
        assertTrue(after.contains("       0        0 ACCEPT     0    --  *"), after);
        assertEquals("-A INPUT -c 0 0 -j ACCEPT", iptables(0, "iptables -S INPUT -v").out().lines().toList().get(1));
    }

    @Test
    void listingAsIptablesPrintsIt() {
        iptables(0, "iptables -P INPUT DROP");
        iptables(0, "iptables -A INPUT -i veth1 -p tcp --dport 80 -j ACCEPT");
        iptables(0, "iptables -N logged");
        iptables(0, "iptables -A INPUT -j logged");
        assertEquals("""
                Chain INPUT (policy DROP 0 packets, 0 bytes)
                 pkts bytes target     prot opt in     out     source               destination        \s
                    0     0 ACCEPT     6    --  veth1  *       0.0.0.0/0            0.0.0.0/0            tcp dpt:80
                    0     0 logged     0    --  *      *       0.0.0.0/0            0.0.0.0/0          \s

                Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)
                 pkts bytes target     prot opt in     out     source               destination        \s

                Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
                 pkts bytes target     prot opt in     out     source               destination        \s

                Chain logged (1 references)
                 pkts bytes target     prot opt in     out     source               destination        \s
                """, iptables(0, "iptables -L -n -v").out());
        assertEquals("""
                Chain INPUT (policy DROP)
                num  target     prot opt source               destination        \s
                1    ACCEPT     tcp  --  anywhere             anywhere             tcp dpt:http
                2    logged     all  --  anywhere             anywhere           \s
                """, iptables(0, "iptables -L INPUT --line-numbers").out());
    }

    @Test
    void usageErrorsChangeNothingAndExitTwo() {
        for (String bad : List.of("iptables -A INPUT --foo 1 -j ACCEPT", "iptables -A INPUT -m recent --set -j DROP",
                "iptables -A INPUT -p tcp --dport 80 -j QUEUE", "iptables -t mangle -A PREROUTING -j ACCEPT",
                "iptables -A INPUT -j MASQUERADE", "iptables -t nat -A PREROUTING -j MASQUERADE",
                "iptables -A INPUT -j INPUT")) {
            CliRun r = iptables(2, bad);
            assertTrue(r.err().startsWith("iptables: "), r.err());
        }
        assertEquals("", nft("list", "ruleset"), "nothing was applied");
        CliRun r = iptables(1, "iptables -A INPUT -j nothere");
        assertTrue(r.err().contains("the target chain nothere does not exist"), r.err());
        assertEquals("", nft("list", "ruleset"), "a failure applies nothing either");
    }
}
