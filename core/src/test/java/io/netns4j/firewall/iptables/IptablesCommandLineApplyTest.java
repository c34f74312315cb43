package io.netns4j.firewall.iptables;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.InvalidRequestException;
import io.netns4j.error.NotFoundException;
import io.netns4j.firewall.Chain;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Policy;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.Table;
import io.netns4j.testing.Ip;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link IptablesCommandLine#apply} in a namespace of the test's own: lines parsed by the
 * library, applied, and read back through {@link Iptables#list} and with {@code nft} (through
 * {@code ip netns exec}) as the oracle. The root namespace's ruleset is only read, to check
 * that it did not change.
 */
@RequiresRoot
class IptablesCommandLineApplyTest {
    private final Scratch scratch = new Scratch();
    private String name;
    private Netns ns;
    private String rootBefore;

    @BeforeEach
    void namespace() throws Exception {
        rootBefore = nftInRoot();
        name = scratch.name("iptl");
        ns = NetnsRegistry.system().add(name);
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (ns != null) {
                ns.close();
            }
            scratch.close();
        } finally {
            assertEquals(rootBefore, nftInRoot(), "the root namespace's ruleset must not change");
        }
    }

    private static String nftInRoot() {
        return Ip.run(Map.of(), "nft", "list", "ruleset").ok().out();
    }

    private String nft(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip", "netns", "exec", name, "nft"));
        cmd.addAll(List.of(args));
        return Ip.run(Map.of(), cmd.toArray(String[]::new)).ok().out();
    }

    @Test
    void nsIptablesAndNsFirewallReachTheSameNamespace() throws Exception {
        IptablesCommandLine.parse("-A INPUT -p tcp --dport 22 -j ACCEPT", Family.IP).apply(ns.iptables());
        assertTrue(ns.firewall().read().table(Family.IP, "filter").isPresent(),
                "ns.iptables() wrote where ns.firewall() reads");
        assertEquals(Iptables.in(ns, Family.IP).list("filter"), ns.iptables().list("filter"));
        assertTrue(nft("list", "table", "ip", "filter").contains("tcp dport 22"));
    }

    @Test
    void aParsedLineAppliedReadsBackAsTheSameRule() throws Exception {
        Iptables ipt = Iptables.in(ns, Family.IP);
        IptablesCommandLine web = IptablesCommandLine.parse(
                "-A INPUT -i veth1 -p tcp --dport 80 -m comment --comment \"web in\" -j ACCEPT", Family.IP);
        for (String line : List.of("-P INPUT DROP", "-N services")) {
            IptablesCommandLine.parse(line, Family.IP).apply(ipt);
        }
        web.apply(ipt);
        IptablesCommandLine.parse("-I INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT", Family.IP).apply(ipt);
        IptablesCommandLine.parse("-A INPUT -s 10.0.0.0/8 -j services", Family.IP).apply(ipt);
        IptablesCommandLine.parse("-t nat -A POSTROUTING -s 10.1.0.0/24 -o veth2 -j MASQUERADE", Family.IP).apply(ipt);

        Table filter = ipt.list("filter");
        Chain input = filter.chain("INPUT").orElseThrow();
        assertEquals(Policy.DROP, input.hook().policy());
        assertEquals(3, input.rules().size(), input.rules().toString());
        assertEquals(web.rule().orElseThrow(), input.rules().get(1), "the rule read back equals the rule parsed");
        assertTrue(filter.chain("services").isPresent());
        assertEquals("""
                -P INPUT DROP
                -P FORWARD ACCEPT
                -P OUTPUT ACCEPT
                -N services
                -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
                -A INPUT -i veth1 -p tcp -m tcp --dport 80 -m comment --comment "web in" -j ACCEPT
                -A INPUT -s 10.0.0.0/8 -j services
                """, save(filter));
        String listed = nft("list", "ruleset");
        // the comment is iptables-nft's xtables "comment" match, which nft 1.0.6 prints as nothing
        assertTrue(listed.contains("\t\tiifname \"veth1\" tcp dport 80  counter packets 0 bytes 0 accept\n"), listed);
        assertTrue(listed.contains("\t\toifname \"veth2\" ip saddr 10.1.0.0/24 counter packets 0 bytes 0 masquerade\n"),
                listed);

        IptablesCommandLine.parse("-D INPUT -i veth1 -p tcp --dport 80 -m comment --comment 'web in' -j ACCEPT",
                Family.IP).apply(ipt);
        IptablesCommandLine.parse("-R INPUT 1 -p udp --dport 53 -j ACCEPT", Family.IP).apply(ipt);
        assertEquals(List.of("udp dport 53 counter accept", "ip saddr 10.0.0.0/8 counter jump services"),
                ipt.list("filter").chain("INPUT").orElseThrow().rules().stream().map(Rule::toNft).toList());
        IptablesCommandLine.parse("-F", Family.IP).apply(ipt);
        IptablesCommandLine.parse("-X services", Family.IP).apply(ipt);
        assertEquals("-P INPUT DROP\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n", save(ipt.list("filter")));
    }

    @Test
    void applyRefusesWhatItCannotCarryOut() throws Exception {
        Iptables ipt = Iptables.in(ns, Family.IP);
        InvalidRequestException listing = assertThrows(InvalidRequestException.class,
                () -> IptablesCommandLine.parse("-L INPUT", Family.IP).apply(ipt));
        assertEquals("iptables -L changes nothing, so there is nothing to apply: only -A, -I, -R, -D, -F, -Z, -N, -X"
                + " and -P are", listing.getMessage());
        IllegalArgumentException family = assertThrows(IllegalArgumentException.class,
                () -> IptablesCommandLine.parse("-A INPUT -j ACCEPT", Family.IP6).apply(ipt));
        assertTrue(family.getMessage().contains("ip6tables line cannot be applied through iptables"), family.getMessage());
        NotFoundException missing = assertThrows(NotFoundException.class,
                () -> IptablesCommandLine.parse("-A INPUT -j nothere", Family.IP).apply(ipt));
        assertTrue(missing.getMessage().contains("the target chain nothere does not exist"), missing.getMessage());
        assertEquals("", nft("list", "ruleset"), "nothing was applied");
    }

    private static String save(Table table) {
        IptablesText text = new IptablesText(table.family());
        StringBuilder sb = new StringBuilder();
        for (Chain c : table.chains()) {
            sb.append(text.saveChain(c, false)).append('\n');
        }
        for (Chain c : table.chains()) {
            for (Rule r : c.rules()) {
                sb.append(text.saveRule(c.name(), r, false)).append('\n');
            }
        }
        return sb.toString();
    }
}
