package io.netns4j.lab.plan;

import io.netns4j.lab.file.TopologyException;
import io.netns4j.lab.file.TopologyFile;
import io.netns4j.lab.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Reconcile#changes}: the steps a second {@code lab up} runs, as command lines. No system call. */
public class ReconcileTest {
    public static final String BASE = """
            name: r
            nodes:
              a: {}
              b: {}
              gw:
                kind: router
            links:
              - endpoints:
                  - {endpoint: "a:eth1", addresses: [10.0.1.2/24]}
                  - {endpoint: "gw:eth1", addresses: [10.0.1.1/24]}
              - endpoints:
                  - {endpoint: "b:eth1", addresses: [10.0.2.2/24]}
                  - {endpoint: "gw:eth2", addresses: [10.0.2.1/24]}
            """;

    static Topology parse(String text) throws TopologyException {
        return TopologyFile.parse("test.yaml", text);
    }

    static List<String> changes(String before, String after) throws TopologyException {
        Topology old = parse(before);
        Set<String> present = new LinkedHashSet<>();
        old.nodes().forEach(n -> present.add(old.namespace(n.name())));
        return Reconcile.changes(old, parse(after), present).steps().stream().map(Step::command).toList();
    }

    @Test
    void theSameFileChangesNothing() throws Exception {
        assertEquals(List.of(), changes(BASE, BASE));
    }

    @Test
    void aNewNodeWithItsLinkIsAddedAndNothingElse() throws Exception {
        String after = BASE.replace("  gw:\n", "  c: {}\n  gw:\n") + """
                  - endpoints:
                      - {endpoint: "c:eth1", addresses: [10.0.3.2/24]}
                      - {endpoint: "gw:eth3", addresses: [10.0.3.1/24]}
                """;
        assertEquals(List.of(
                "netns4j netns add r-c",
                "netns4j -n r-c link set lo up",
                "netns4j -n r-c link add eth1 type veth peer name eth3 netns r-gw",
                "netns4j -n r-c link set eth1 up",
                "netns4j -n r-gw link set eth3 up",
                "netns4j -n r-c address add 10.0.3.2/24 dev eth1",
                "netns4j -n r-gw address add 10.0.3.1/24 dev eth3",
                "netns4j -n r-c route add default via 10.0.3.1"), changes(BASE, after));
    }

    @Test
    void aRemovedLinkIsDeletedAndTheHostLosesItsDefaultRoute() throws Exception {
        String after = BASE.substring(0, BASE.indexOf("  - endpoints:\n      - {endpoint: \"b:eth1\""));
        assertEquals(List.of(
                "netns4j -n r-b link del eth1",
                "netns4j -n r-b route del default via 10.0.2.1"), changes(BASE, after));
    }

    @Test
    void aChangedAddressIsReplacedAndTheNodesRoutesRewritten() throws Exception {
        String after = BASE.replace("10.0.1.2/24", "10.0.1.5/24");
        assertEquals(List.of(
                "netns4j -n r-a address del 10.0.1.2/24 dev eth1",
                "netns4j -n r-a address add 10.0.1.5/24 dev eth1",
                "netns4j -n r-a route replace default via 10.0.1.1"), changes(BASE, after));
    }

    @Test
    void aRemovedNodeIsDeletedWithItsLinks() throws Exception {
        String after = BASE.replace("  b: {}\n", "")
                .substring(0, BASE.replace("  b: {}\n", "").indexOf("  - endpoints:\n      - {endpoint: \"b:eth1\""));
        assertEquals(List.of("netns4j netns delete r-b"), changes(BASE, after));
    }

    @Test
    void aChangedFirewallIsWrittenAnewAndChangedCommandsRestarted() throws Exception {
        String before = BASE.replace("  b: {}\n", "  b:\n    firewall:\n      iptables: [\"-P INPUT DROP\"]\n"
                + "    exec: [\"sleep 100\"]\n");
        String after = BASE.replace("  b: {}\n", "  b:\n    firewall:\n      iptables: [\"-P INPUT DROP\","
                + " \"-A INPUT -p tcp --dport 80 -j ACCEPT\"]\n    exec: [\"sleep 200\"]\n");
        assertEquals(List.of(
                "netns4j lab stop r b/sleep",
                "netns4j -n r-b nft delete table ...   # every table but netns4j_*",
                "netns4j -n r-b iptables -P INPUT DROP",
                "netns4j -n r-b iptables -A INPUT -p tcp --dport 80 -j ACCEPT",
                "netns4j netns exec r-b sh -c 'sleep 200' &  # service b/sleep"), changes(before, after));
    }

    static String typed(String iptables, String dport) {
        return BASE.replace("    kind: router\n", "    kind: router\n    firewall:\n" + iptables
                + "      rules:\n        chains:\n          forward:\n            policy: drop\n"
                + "            rules:\n              - {proto: tcp, dport: " + dport + ", action: accept}\n");
    }

    @Test
    void aChangedTypedRuleResetsTheFirewallAndWritesTheNewTable() throws Exception {
        assertEquals(List.of(), changes(typed("", "80"), typed("", "80")));
        assertEquals(List.of(
                "netns4j -n r-gw nft delete table ...   # every table but netns4j_*",
                """
                netns4j netns exec r-gw nft -f - <<'EOF'
                table inet lab {
                \tchain forward {
                \t\ttype filter hook forward priority 0; policy drop;
                \t\ttcp dport 443 accept
                \t}
                }
                EOF"""), changes(typed("", "80"), typed("", "443")));
    }

    @Test
    void anUnchangedTypedTableIsWrittenAgainWhenTheRestOfTheFirewallChanged() throws Exception {
        List<String> steps = changes(typed("", "80"), typed("      iptables: [\"-P INPUT DROP\"]\n", "80"));
        assertEquals(3, steps.size(), steps.toString());
        assertEquals("netns4j -n r-gw nft delete table ...   # every table but netns4j_*", steps.get(0));
        assertEquals("netns4j -n r-gw iptables -P INPUT DROP", steps.get(1));
        assertTrue(steps.get(2).contains("tcp dport 80 accept"), steps.get(2));
    }

    @Test
    void aMissingNamespaceIsCreatedAgainWithItsLinks() throws Exception {
        Topology t = parse(BASE);
        Set<String> present = new LinkedHashSet<>(List.of("r-a", "r-gw"));
        List<String> steps = Reconcile.changes(t, t, present).steps().stream().map(Step::command).toList();
        assertEquals(List.of(
                "netns4j netns add r-b",
                "netns4j -n r-b link set lo up",
                "netns4j -n r-b link add eth1 type veth peer name eth2 netns r-gw",
                "netns4j -n r-b link set eth1 up",
                "netns4j -n r-gw link set eth2 up",
                "netns4j -n r-b address add 10.0.2.2/24 dev eth1",
                "netns4j -n r-gw address add 10.0.2.1/24 dev eth2",
                "netns4j -n r-b route add default via 10.0.2.1"), steps);
    }

    @Test
    void anMtuNoLongerSetGoesBackToTheDefault() throws Exception {
        String before = BASE.replace("{endpoint: \"a:eth1\", addresses: [10.0.1.2/24]}",
                "{endpoint: \"a:eth1\", addresses: [10.0.1.2/24], mtu: 9000}");
        assertEquals(List.of("netns4j -n r-a link set eth1 mtu 1500 up"), changes(before, BASE));
        assertEquals(List.of("netns4j -n r-a link set eth1 mtu 9000 up"), changes(BASE, before));
    }

    @Test
    void aHostTurnedRouterGetsForwardingWithoutBeingRecreated() throws Exception {
        String after = BASE.replace("  a: {}\n", "  a:\n    kind: router\n");
        List<String> c = changes(BASE, after);
        assertEquals(List.of(
                "netns4j -n r-a route del default via 10.0.1.1",
                "netns4j netns exec r-a sysctl -w net.ipv4.ip_forward=1",
                "netns4j netns exec r-a sysctl -w net.ipv6.conf.all.forwarding=1"), c);
    }

    @Test
    void aRouterTurnedHostStopsForwarding() throws Exception {
        String router = BASE.replace("  a: {}\n", "  a:\n    kind: router\n");
        assertEquals(List.of(
                "netns4j netns exec r-a sysctl -w net.ipv6.conf.all.forwarding=0",
                "netns4j netns exec r-a sysctl -w net.ipv4.ip_forward=0",
                "netns4j -n r-a route add default via 10.0.1.1"), changes(router, BASE));
    }

    @Test
    void aRemovedNodesHostsFileGoesAndRunningCommandsSeeChangedHosts() throws Exception {
        String before = BASE.replace("name: r\n", "name: r\ndefaults: {hosts: true}\n")
                .replace("  a: {}\n", "  a:\n    exec: [\"sleep 100\"]\n");
        String after = before.replace("  b: {}\n", "");
        after = after.substring(0, after.indexOf("  - endpoints:\n      - {endpoint: \"b:eth1\""));
        List<String> c = changes(before, after);
        assertEquals("netns4j lab stop r a/sleep", c.getFirst(), "a's service restarts to see the new hosts file");
        assertEquals(List.of("netns4j netns delete r-b", "rm /etc/netns/r-b/hosts"), c.subList(1, 3));
        assertEquals("netns4j netns exec r-a sh -c 'sleep 100' &  # service a/sleep", c.getLast());
    }
}
