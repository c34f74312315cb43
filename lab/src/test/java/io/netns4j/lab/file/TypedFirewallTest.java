package io.netns4j.lab.file;

import io.netns4j.firewall.Chain;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Table;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.plan.Plan;
import io.netns4j.lab.plan.Step;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The typed firewall form, {@code firewall.rules}: parsed into one inet table and planned as its nft text. No root. */
class TypedFirewallTest {
    static final String LAB = """
            name: t
            nodes:
              a: {}
              gw:
                kind: router
                firewall:
                  iptables: ["-P INPUT DROP"]
                  rules:
                    chains:
                      forward:
                        policy: drop
                        rules:
                          - {ct: [established, related], action: accept}
                          - {iif: eth1, oif: eth2, proto: tcp, dport: 80, action: accept}
                          - {saddr: 10.0.0.0/8, action: drop, comment: "no private sources"}
                          - {proto: tcp, dport: [22, 8000-8080], action: reject}
                          - {action: jump, target: audit}
                      audit:
                        rules:
                          - {daddr: "fd00:1::/64", proto: udp, sport: 53, action: accept}
                          - {proto: icmpv6, action: accept}
                          - {action: return}
              b: {}
            links:
              - endpoints: ["a:eth0", "gw:eth1"]
              - endpoints: ["b:eth0", "gw:eth2"]
            """;

    @Test
    void theTypedFormBecomesOneInetTableWrittenAfterTheIptablesLines() throws Exception {
        Topology t = TopologyFile.parse("t.yaml", LAB);
        Table table = t.node("gw").orElseThrow().firewall().table();
        assertEquals(Family.INET, table.family());
        assertEquals("lab", table.name());
        assertEquals(List.of("forward", "audit"), table.chains().stream().map(Chain::name).toList());
        assertTrue(table.chains().get(0).isBase());
        assertNull(table.chains().get(1).hook());
        List<String> firewall = Plan.of(t).steps().stream()
                .filter(s -> s instanceof Step.IptablesLine || s instanceof Step.FirewallTable)
                .map(Step::command).toList();
        assertEquals(List.of("netns4j -n t-gw iptables -P INPUT DROP", """
                netns4j netns exec t-gw nft -f - <<'EOF'
                table inet lab {
                \tchain forward {
                \t\ttype filter hook forward priority 0; policy drop;
                \t\tct state established,related accept
                \t\tiifname "eth1" oifname "eth2" tcp dport 80 accept
                \t\tip saddr 10.0.0.0/8 drop comment "no private sources"
                \t\ttcp dport { 22, 8000-8080 } reject
                \t\tjump audit
                \t}

                \tchain audit {
                \t\tip6 daddr fd00:1::/64 udp sport 53 accept
                \t\tmeta l4proto ipv6-icmp accept
                \t\treturn
                \t}
                }
                EOF"""), firewall);
    }

    @Test
    void theTableNameAndAGotoAreTaken() throws Exception {
        Topology t = TopologyFile.parse("t.yaml", """
                name: t
                nodes:
                  a:
                    firewall:
                      rules:
                        table: web
                        chains:
                          input:
                            rules:
                              - {iif: "eth*", proto: udp, sport: [53], action: goto, target: dns}
                          dns: {}
                """);
        assertEquals("""
                table inet web {
                \tchain input {
                \t\ttype filter hook input priority 0; policy accept;
                \t\tiifname "eth*" udp sport 53 goto dns
                \t}

                \tchain dns {
                \t}
                }
                """, t.node("a").orElseThrow().firewall().table().toNft());
    }

    @Test
    void everyMistakeOfARuleIsReportedWithItsPlace() {
        TopologyException e = assertThrows(TopologyException.class, () -> TopologyFile.parse("t.yaml", """
                name: t
                nodes:
                  a:
                    firewall:
                      rules:
                        chains:
                          input:
                            rules:
                              - {dprot: 80, action: accept}
                              - {proto: tcp, dport: 0, action: acept}
                              - {ct: [established, neww], action: drop}
                              - {action: jump, target: audti}
                          audit:
                            policy: drop
                """));
        List<String> got = e.problems().stream().map(Problem::toString).toList();
        assertEquals(List.of(
                "t.yaml:9:18: unknown key \"dprot\" in a rule of chain \"input\" (did you mean \"dport\"? known: action,"
                        + " comment, ct, daddr, dport, iif, oif, proto, saddr, sport, target)",
                "t.yaml:10:37: port 0 is out of range (ports go from 1 to 65535)",
                "t.yaml:10:48: unknown action \"acept\" (did you mean \"accept\"? known: accept, drop, goto, jump,"
                        + " reject, return)",
                "t.yaml:11:36: unknown connection state \"neww\" (did you mean \"new\"? known: established, invalid,"
                        + " new, related, untracked)",
                "t.yaml:12:40: chain \"audti\" does not exist (did you mean \"audit\"? known: audit)",
                "t.yaml:14:21: \"policy\" on regular chain \"audit\" (only input, forward and output have one; a regular"
                        + " chain returns to the rule that jumped to it, end it with {action: drop} to drop)"), got);
    }
}
