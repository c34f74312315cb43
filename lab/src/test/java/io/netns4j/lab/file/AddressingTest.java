package io.netns4j.lab.file;

import io.netns4j.lab.model.Topology;
import io.netns4j.lab.plan.Plan;
import io.netns4j.lab.plan.Step;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressingTest {
    private static List<String> addresses(Topology t) {
        return Plan.of(t).steps().stream().filter(s -> s instanceof Step.AddAddress || s instanceof Step.AddRoute)
                .map(Step::command).toList();
    }

    @Test
    void sameFileGivesSameAddresses() throws Exception {
        String text = Files.readString(Path.of("examples/router-firewall/lab.yaml"));
        assertEquals(Plan.of(TopologyFile.parse("a.yaml", text)), Plan.of(TopologyFile.parse("b.yaml", text)));
        assertEquals(List.of(
                "netns4j -n rfw-client address add 10.10.0.1/30 dev eth0",
                "netns4j -n rfw-client address add fd00:10::1/64 dev eth0",
                "netns4j -n rfw-router address add 10.10.0.2/30 dev eth1",
                "netns4j -n rfw-router address add fd00:10::2/64 dev eth1",
                "netns4j -n rfw-server address add 10.10.0.5/30 dev eth0",
                "netns4j -n rfw-server address add fd00:10:0:1::1/64 dev eth0",
                "netns4j -n rfw-router address add 10.10.0.6/30 dev eth2",
                "netns4j -n rfw-router address add fd00:10:0:1::2/64 dev eth2",
                "netns4j -n rfw-client route add default via 10.10.0.2",
                "netns4j -n rfw-client route add default via fd00:10::2",
                "netns4j -n rfw-server route add default via 10.10.0.6",
                "netns4j -n rfw-server route add default via fd00:10:0:1::2"),
                addresses(TopologyFile.parse("lab.yaml", text)));
    }

    @Test
    void subnetsWrittenInTheFileAreSkippedAndExplicitSegmentsKeptAsGiven() throws Exception {
        Topology t = TopologyFile.parse("lab.yaml", """
                name: t
                defaults: {pools: {ipv4: 10.0.0.0/24, ipv4-link-length: 31}}
                nodes: {a: {}, b: {}, c: {}}
                links:
                  - endpoints: ["a:e1", "b:e1"]
                  - endpoints: [{endpoint: "b:e2", addresses: [10.0.0.3/31]}, {endpoint: "c:e1", addresses: [10.0.0.2/31]}]
                  - endpoints: ["a:e2", "c:e2"]
                """);
        assertEquals(List.of(
                "netns4j -n t-a address add 10.0.0.0/31 dev e1",
                "netns4j -n t-b address add 10.0.0.1/31 dev e1",
                "netns4j -n t-b address add 10.0.0.3/31 dev e2",
                "netns4j -n t-c address add 10.0.0.2/31 dev e1",
                "netns4j -n t-a address add 10.0.0.4/31 dev e2",
                "netns4j -n t-c address add 10.0.0.5/31 dev e2"), addresses(t));
    }

    @Test
    void hostsGetADefaultRouteOnlyWhenOneRouterIsInReach() throws Exception {
        Topology t = TopologyFile.parse("lab.yaml", """
                name: t
                defaults: {pools: {ipv4: 10.0.0.0/16}}
                nodes:
                  sw: {kind: bridge}
                  r1: {kind: router}
                  r2: {kind: router}
                  lonely: {}
                  h: {}
                links:
                  - bridge: sw
                    members: [r1:eth0, r2:eth0, h:eth0]
                  - endpoints: ["r1:eth1", "lonely:eth0"]
                """);
        assertEquals(List.of(), t.node("h").orElseThrow().routes(), "two routers: the lab cannot choose");
        assertEquals("default via 10.0.1.1", t.node("lonely").orElseThrow().routes().getFirst().words());
        assertTrue(t.node("lonely").orElseThrow().routes().getFirst().automatic());
    }

    @Test
    void allProblemsAreReportedTogetherInFileOrder() {
        TopologyException e = assertThrows(TopologyException.class, () -> TopologyFile.parse("lab.yaml", """
                name: t
                nodes:
                  a: {kind: hub}
                  b: {color: red}
                links:
                  - endpoints: ["a:eth0", "z:eth0"]
                """));
        assertEquals(List.of(
                "lab.yaml:3:13: unknown node kind \"hub\" (use host, router or bridge)",
                "lab.yaml:4:7: unknown key \"color\" in node \"b\" (known: env, exec, firewall, hosts, kind, routes, sysctls)",
                "lab.yaml:6:27: link endpoint \"z:eth0\" names node \"z\", which is not in \"nodes\" (known: a, b) (add it "
                        + "under \"nodes\")"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void impairmentsPrintAsNetem() throws Exception {
        Topology t = TopologyFile.parse("lab.yaml", """
                name: t
                nodes: {a: {}, b: {}}
                links:
                  - endpoints:
                      - {endpoint: "a:e1", impair: {rate: 10mbit, delay: 50ms, jitter: 1500us, loss: 1%, duplicate: 0.1%, reorder: 5%}}
                      - b:e1
                """);
        assertEquals("tc -n t-a qdisc replace dev e1 root netem delay 50ms 1500us loss 1% duplicate 0.1% reorder 5% rate 10mbit",
                Plan.of(t).steps().getLast().command());
    }

    @Test
    void automaticAddressesAreNeverNetworkBroadcastAnycastOrTwice() throws Exception {
        for (int link = 24; link <= 31; link++) {
            for (int lan = 24; lan <= 30; lan++) {
                int members = (1 << (32 - lan)) - 2; // a bridge exactly as full as its subnet allows
                StringBuilder text = new StringBuilder("name: t\ndefaults: {pools: {ipv4: 10.0.0.0/16, ipv6: fd00::/56,"
                        + " ipv4-link-length: " + link + ", ipv4-lan-length: " + lan + "}}\nnodes:\n  sw: {kind: bridge}\n");
                for (int i = 0; i < Math.max(members, 3); i++) {
                    text.append("  h").append(i).append(": {}\n");
                }
                text.append("links:\n  - endpoints: [\"h0:p1\", \"h1:p1\"]\n  - endpoints: [\"h1:p2\", \"h2:p2\"]\n"
                        + "  - bridge: sw\n    members: [");
                for (int i = 0; i < members; i++) {
                    text.append(i == 0 ? "" : ", ").append("h").append(i).append(":lan");
                }
                text.append("]\n");
                Topology t = TopologyFile.parse("lab.yaml", text.toString());
                java.util.Set<java.net.InetAddress> seen = new java.util.HashSet<>();
                for (var l : t.links()) {
                    for (var e : List.of(l.a(), l.b())) {
                        for (var a : e.addresses()) {
                            String where = "/" + link + " links, /" + lan + " LANs: " + a + " of " + e;
                            assertEquals(null, HostAddress.refusal(a), where);
                            assertTrue(seen.add(a.address()), "twice: " + where);
                        }
                    }
                }
                assertEquals(2 * 2 * 2 + 2 * members, seen.size(), "every end got an IPv4 and an IPv6 address");
            }
        }
    }

    @Test
    void hostAddressRefusesNetworkBroadcastAndAnycastOnly() {
        assertEquals("address 10.0.0.0/24 is the network address of its subnet 10.0.0.0/24",
                HostAddress.refusal(io.netns4j.types.InetPrefix.parse("10.0.0.0/24"))[0]);
        assertEquals("give a host address, e.g. 10.0.0.254/24 (the hosts of 10.0.0.0/24 are 10.0.0.1 to 10.0.0.254)",
                HostAddress.refusal(io.netns4j.types.InetPrefix.parse("10.0.0.255/24"))[1]);
        assertTrue(HostAddress.refusal(io.netns4j.types.InetPrefix.parse("fd00::/64"))[0].contains("anycast"));
        for (String ok : List.of("10.0.0.1/24", "10.0.0.254/24", "10.0.0.0/31", "10.0.0.1/31", "10.0.0.0/32",
                "10.0.0.255/32", "fd00::/127", "fd00::ffff:ffff:ffff:ffff/64", "fd00::1/64", "fd00::/128")) {
            assertEquals(null, HostAddress.refusal(io.netns4j.types.InetPrefix.parse(ok)), ok);
        }
    }
}
