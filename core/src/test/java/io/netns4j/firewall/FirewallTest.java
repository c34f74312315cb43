package io.netns4j.firewall;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.internal.sys.Errno;
import io.netns4j.testing.Ip;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library against the kernel, each test in a namespace of its own; {@code nft} run
 * with {@code ip netns exec} is the oracle. The root namespace's ruleset is only read,
 * to check that it did not change.
 */
@RequiresRoot
class FirewallTest {
    private final Scratch scratch = new Scratch();
    private final NetnsRegistry registry = NetnsRegistry.system();
    private String name;
    private Netns ns;
    private Firewall fw;
    private String rootBefore;

    @BeforeEach
    void namespace() throws Exception {
        rootBefore = nftInRoot();
        name = scratch.name("fw");
        ns = registry.add(name);
        fw = Firewall.in(ns);
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

    /** Reads (never changes) the root namespace's ruleset. */
    private static String nftInRoot() {
        return Ip.run(Map.of(), "nft", "list", "ruleset").ok().out();
    }

    private String nft(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name, "nft"));
        cmd.addAll(List.of(args));
        return Ip.run(Map.of(), cmd.toArray(String[]::new)).ok().out();
    }

    static Ruleset sample() {
        Table filter = new Table(Family.IP, "filter", List.of(
                Chain.base("INPUT", Hook.filter("input", Policy.DROP))
                        .withRule(Rule.of(Verdict.ACCEPT, Match.inInterface("veth1"), Match.destinationPort("tcp", 80),
                                Match.counter()))
                        .withRule(Rule.of(Verdict.ACCEPT, Match.ctState(ConnState.ESTABLISHED, ConnState.RELATED),
                                Match.counter()).withComment("replies"))
                        .withRule(Rule.of(new Verdict.Jump("services"), Match.source("10.0.0.0/8"),
                                Match.destination("10.1.2.3").negate(), Match.counter()))
                        .withRule(Rule.of(new Verdict.Log("dropped: ", "info"), new Match.Limit(5, "minute", 5),
                                Match.counter()))
                        .withRule(Rule.of(Verdict.Reject.TCP_RESET, Match.protocol("tcp"), Match.counter())),
                Chain.base("FORWARD", Hook.filter("forward", Policy.ACCEPT)),
                Chain.regular("services")
                        .withRule(Rule.of(Verdict.ACCEPT, Match.destinationPorts("udp", PortRange.of(53),
                                new PortRange(1000, 2000)), Match.counter()))
                        .withRule(Rule.of(Verdict.Reject.icmp("icmp", "host-unreachable"), Match.protocol("icmp")))
                        .withRule(Rule.of(Verdict.RETURN, Match.raw("ip protocol gre")))
                        .withRule(Rule.of(Verdict.DROP, Match.protocol("tcp"), TcpFlags.syn().negate(),
                                Match.destinationPort("tcp", 22)))
                        .withRule(Rule.of(Verdict.DROP, TcpFlags.of(EnumSet.range(TcpFlag.FIN, TcpFlag.URG), Set.of())))
                        .withRule(Rule.of(Verdict.DROP, TcpFlags.of(EnumSet.of(TcpFlag.SYN, TcpFlag.ACK), Set.of())
                                .negate()))
                        .withRule(Rule.of(Verdict.ACCEPT, Mark.of(5), Mark.of(1).withMask(0xff).negate()))
                        .withRule(Rule.of(Verdict.DROP, TcpFlags.of(EnumSet.of(TcpFlag.ECE, TcpFlag.CWR),
                                EnumSet.of(TcpFlag.ECE))))));
        Table nat = new Table(Family.IP, "nat", List.of(
                Chain.base("PREROUTING", Hook.nat("prerouting"))
                        .withRule(Rule.of(new Verdict.Nat(false, "10.0.0.1", PortRange.of(8080)),
                                Match.destinationPort("tcp", 80), Match.counter())),
                Chain.base("POSTROUTING", Hook.nat("postrouting"))
                        .withRule(Rule.of(new Verdict.Masquerade(), Match.outInterface("veth*"),
                                Match.source("10.1.0.0/24"), Match.counter()))));
        Table six = new Table(Family.IP6, "filter", List.of(
                Chain.base("INPUT", Hook.filter("input", Policy.ACCEPT))
                        .withRule(Rule.of(Verdict.ACCEPT, Match.protocol("icmpv6")))
                        .withRule(Rule.of(Verdict.Reject.DEFAULT, Match.source("2001:db8::/64")))));
        return Ruleset.of(filter, nat, six);
    }

    @Test
    void anAppliedRulesetReadsBackAsTheSameModel() throws Exception {
        Ruleset sample = sample();
        fw.apply(sample);
        assertEquals(sample, fw.read());
        assertEquals(sample, RulesetJson.parse(nft("-j", "list", "ruleset")).ruleset(),
                "the JSON of the nft binary parses back into the same model");
        assertEquals(nft("list", "ruleset"), fw.run("list ruleset").output(), "text as nft prints it");
        assertEquals(sample.table(Family.IP, "nat"), fw.read(Family.IP, "nat"));
        assertTrue(fw.read(Family.INET, "absent").isEmpty());
    }

    @Test
    void aFailedApplyLeavesThePreviousRulesetInPlace() throws Exception {
        Ruleset sample = sample();
        fw.apply(sample);
        String before = nft("list", "ruleset");
        Table broken = new Table(Family.IP, "filter", List.of(Chain.base("INPUT", Hook.filter("input", Policy.ACCEPT))
                .withRule(Rule.of(Verdict.ACCEPT, Match.destinationPort("tcp", 22)))
                .withRule(Rule.of(new Verdict.Jump("nothere")))));
        NftablesException e = assertThrows(NftablesException.class, () -> fw.apply(Ruleset.of(broken)));
        assertTrue(e.getMessage().startsWith("<script>:6:8-14: Error: Could not process rule: No such file or directory"),
                "the kernel refused the jump, on line 6: " + e.getMessage());
        assertTrue(e.getMessage().contains("\t\tjump nothere\n"), "the failing line is quoted: " + e.getMessage());
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals(before, nft("list", "ruleset"), "nothing changed: flush ruleset was part of the same batch");
        assertEquals(sample, fw.read());
    }

    @Test
    void replacingOneTableLeavesTheOthers() throws Exception {
        Ruleset sample = sample();
        fw.apply(sample);
        Table nat = new Table(Family.IP, "nat", List.of(Chain.base("POSTROUTING", Hook.nat("postrouting"))
                .withRule(Rule.of(new Verdict.Nat(true, "192.0.2.1", null), Match.counter()))));
        fw.replace(nat);
        Ruleset now = fw.read();
        assertEquals(nat, now.table(Family.IP, "nat").orElseThrow());
        assertEquals(sample.table(Family.IP, "filter"), now.table(Family.IP, "filter"));
        assertEquals(sample.table(Family.IP6, "filter"), now.table(Family.IP6, "filter"));
        fw.delete(Family.IP, "nat");
        assertTrue(fw.read(Family.IP, "nat").isEmpty());
        fw.clear();
        assertEquals(Ruleset.EMPTY, fw.read());
        assertEquals("", nft("list", "ruleset"));
    }

    @Test
    void errorsCarryLibnftablesOwnText() throws Exception {
        NftablesException kernel = assertThrows(NftablesException.class, () -> fw.run("add rule ip nope c accept"));
        assertTrue(kernel.getMessage().startsWith("Error: Could not process rule: No such file or directory\n"
                + "add rule ip nope c accept\n"), kernel.getMessage());
        assertTrue(kernel.getMessage().endsWith("^^^^"), "points at the table: " + kernel.getMessage());
        fw.run("add table ip t\nadd chain ip t c");
        NftablesException syntax = assertThrows(NftablesException.class,
                () -> fw.run("add rule ip t c tcp dport 80 acept"));
        assertTrue(syntax.getMessage().startsWith("Error: syntax error"), syntax.getMessage());
        assertTrue(syntax.getMessage().contains("^"), syntax.getMessage());
        NftResult checked = fw.run("add rule ip t c tcp dport 80 accept", NftOption.DRY_RUN);
        assertEquals("", checked.output());
        assertTrue(fw.read(Family.IP, "t").orElseThrow().chain("c").orElseThrow().rules().isEmpty(), "-c changes nothing");
        assertTrue(fw.run("add rule ip t c tcp dport 80 accept", NftOption.ECHO, NftOption.HANDLE).output()
                .contains("# handle"));
    }

    @Test
    void partsNetns4jDoesNotModelAreReadButNotWrittenBack() throws Exception {
        fw.run("add table ip t\nadd set ip t blocked { type ipv4_addr; }\nadd chain ip t c\n"
                + "add rule ip t c ip saddr @blocked drop\nadd rule ip t c ct state != established | related drop");
        Ruleset read = fw.read();
        Table t = read.table(Family.IP, "t").orElseThrow();
        assertFalse(t.writable());
        assertEquals(1, t.unsupported().size());
        assertEquals(Match.raw("ip saddr @blocked"), t.chain("c").orElseThrow().rules().getFirst().matches().getFirst());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fw.apply(read));
        assertTrue(e.getMessage().contains("does not model"), e.getMessage());
        assertEquals(2, fw.read().table(Family.IP, "t").orElseThrow().chain("c").orElseThrow().rules().size());
    }

    @Test
    void manyThreadsAndNamespacesAtOnceEachGetTheirOwnRuleset() throws Exception {
        List<Netns> handles = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 3; i++) {
                String n = scratch.name("fwc" + i);
                handles.add(registry.add(n));
            }
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < handles.size(); i++) {
                Firewall f = Firewall.in(handles.get(i));
                int me = i;
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 10; round++) {
                        Ruleset mine = Ruleset.of(new Table(Family.INET, "t" + me, List.of(Chain.regular("c")
                                .withRule(Rule.of(Verdict.ACCEPT, Match.destinationPort("tcp", 1000 + round))))));
                        f.apply(mine);
                        assertEquals(mine, f.read());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            handles.forEach(Netns::close);
        }
        assertEquals("", nft("list", "ruleset"), "this test's own namespace saw none of it");
    }
}
