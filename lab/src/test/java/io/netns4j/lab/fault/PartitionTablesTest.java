package io.netns4j.lab.fault;

import io.netns4j.firewall.Chain;
import io.netns4j.firewall.Match;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.Table;
import io.netns4j.firewall.Verdict;
import io.netns4j.lab.model.LabNode;
import io.netns4j.types.InetPrefix;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The nftables tables that carry a partition, and reading a partition back from them. No root. */
class PartitionTablesTest {
    private static final List<String> FIVE = List.of("a", "b", "c", "d", "e");

    private static InetAddress ip(String text) {
        return InetPrefix.parseAddress(text);
    }

    private static Map<String, List<InetAddress>> senders(List<String> nodes) {
        Map<String, List<InetAddress>> out = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            out.put(nodes.get(i), List.of(ip("10.30.0." + (i + 1)), ip("fd00:30::" + (i + 1))));
        }
        return out;
    }

    @Test
    void theTableAsNftWritesIt() {
        Map<String, List<InetAddress>> from = new LinkedHashMap<>();
        from.put("a", List.of(ip("10.30.0.1"), ip("fd00:30::1"), ip("fe80::1c2d:3eff:fe4f:5a6b")));
        from.put("b", List.of(ip("10.30.0.2")));
        Table t = Partitions.table(from);
        assertEquals("""
                table inet netns4j_partition {
                \tchain input {
                \t\ttype filter hook input priority -10; policy accept;
                \t\ticmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, nd-redirect } accept comment "neighbour discovery"
                \t\tip saddr 10.30.0.1 counter drop comment "from a"
                \t\tip6 saddr fd00:30::1 counter drop comment "from a"
                \t\tip6 saddr fe80::1c2d:3eff:fe4f:5a6b counter drop comment "from a"
                \t\tip saddr 10.30.0.2 counter drop comment "from b"
                \t}
                }
                """, t.toNft());
        assertTrue(t.writable());
    }

    @Test
    void everySchemeReadsBackFromItsTables() {
        List<Partition> all = List.of(Partition.isolate("c", FIVE), Partition.halves(FIVE), Partition.majority(FIVE),
                Partition.ring(FIVE), Partition.ring(List.of("a", "b", "c")), Partition.bridge(FIVE),
                Partition.groups(List.of(PartitionTest.set("a", "b"), PartitionTest.set("e")), true));
        for (Partition p : all) {
            Map<String, Table> tables = Partitions.tablesFor(p, senders(FIVE));
            assertEquals(p, Partitions.partitionOf(tables), p.describe());
            // only receivers get a table: the bridge's middle node and one-way senders get none
            for (String n : FIVE) {
                assertEquals(!p.dropsAt(n).isEmpty(), tables.containsKey(n), n + " in " + p.describe());
            }
        }
        assertEquals(Partition.none(), Partitions.partitionOf(Map.of()));
    }

    @Test
    void onlyFromCommentsNamingAnotherNodeAreCuts() {
        Map<String, Table> tables = new LinkedHashMap<>(Partitions.tablesFor(Partition.isolate("a", List.of("a", "b")),
                senders(List.of("a", "b"))));
        Table b = tables.get("b");
        Chain input = b.chain("input").orElseThrow()
                .withRule(Rule.of(Verdict.DROP, Match.source("10.9.9.9")).withComment("from b"))
                .withRule(Rule.of(Verdict.DROP, Match.source("10.9.9.8")).withComment("someone else's"))
                .withRule(Rule.of(Verdict.DROP, Match.source("10.9.9.7")));
        tables.put("b", new Table(b.family(), b.name(), List.of(input)));
        assertEquals(Partition.isolate("a", List.of("a", "b")), Partitions.partitionOf(tables));
    }

    @Test
    void addressesOfANodeComeFromAllItsInterfacesOnce() {
        LabNode n = new LabNode("a", "lab-a", List.of(
                new LabNode.Interface("eth0", "veth", true, 1500, null, List.of("10.0.0.1/24", "fe80::1/64")),
                new LabNode.Interface("eth1", "veth", true, 1500, null, List.of("10.0.1.1/30", "10.0.0.1/24"))));
        assertEquals(List.of(ip("10.0.0.1"), ip("fe80::1"), ip("10.0.1.1")), Partitions.addresses(n));
    }
}
