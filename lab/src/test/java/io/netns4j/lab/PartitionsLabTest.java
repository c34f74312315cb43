package io.netns4j.lab;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.InvalidRequestException;
import io.netns4j.error.NotFoundException;
import io.netns4j.lab.fault.Partition;
import io.netns4j.lab.fault.PartitionNodes;
import io.netns4j.lab.fault.PartitionTest;
import io.netns4j.lab.fault.PartitionWords;
import io.netns4j.lab.fault.Partitions;
import io.netns4j.lab.file.TopologyFile;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.model.TopologyNode;
import io.netns4j.testing.Ip;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Tcp;
import io.netns4j.testing.TestNames;
import io.netns4j.types.InetText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Partitions} on real labs: three hosts on a bridge node (and, once, two hosts behind a
 * router), checked with real TCP and UDP traffic in both directions, over IPv4 and IPv6, and
 * with {@code nft} as the oracle for what is left in each namespace.
 */
@RequiresRoot
class PartitionsLabTest {
    private static final String THREE_ON_A_SWITCH = """
            name: %s
            defaults:
              pools:
                ipv4: 10.77.0.0/24
                ipv6: fd00:77::/48
            nodes:
              sw:
                kind: bridge
              a:
                sysctls: {net.ipv6.conf.default.accept_dad: "0"}
              b:
                sysctls: {net.ipv6.conf.default.accept_dad: "0"}
              c:
                sysctls: {net.ipv6.conf.default.accept_dad: "0"}
            links:
              - bridge: sw
                members: [a:eth0, b:eth0, c:eth0]
            """;
    private static final String ROUTED = """
            name: %s
            defaults:
              pools:
                ipv4: 10.78.0.0/16
            nodes:
              a: {}
              b: {}
              r:
                kind: router
            links:
              - endpoints: ["a:eth0", "r:eth1"]
              - endpoints: ["b:eth0", "r:eth2"]
            """;

    private final NetnsRegistry registry = NetnsRegistry.system();
    private final List<String> labs = new ArrayList<>();
    private Path lockDir;
    private Lab.Options options;
    private int port = 7100;

    @BeforeEach
    void setUp() throws Exception {
        lockDir = Files.createTempDirectory(TestNames.PREFIX + "locks-");
        options = Lab.Options.defaults().withLockDirectory(lockDir);
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            for (String lab : labs) {
                Lab.down(lab, registry, options);
            }
        } finally {
            try (Stream<Path> s = Files.list(lockDir)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(lockDir);
        }
    }

    /** A running lab from {@code yaml} (its name filled in), with node handles. */
    private final class Running implements AutoCloseable {
        final Topology topology;
        final Map<String, Netns> ns = new LinkedHashMap<>();

        Running(String yaml, String tag) throws Exception {
            String name = TestNames.unique(tag);
            topology = TopologyFile.parse("lab.yaml", yaml.formatted(name));
            labs.add(name);
            Lab.up(topology, registry, options);
            for (TopologyNode n : topology.nodes()) {
                ns.put(n.name(), registry.open(topology.namespace(n.name())));
            }
        }

        String name() {
            return topology.name();
        }

        /** The node's address of a family on its first interface. */
        String address(String node, boolean ipv6) {
            return topology.endpoints(node).getFirst().addresses().stream()
                    .filter(p -> p.isIpv6() == ipv6).findFirst().map(p -> InetText.format(p.address())).orElseThrow();
        }

        /** Whether a TCP connection from {@code from} to a listener of {@code to} is made. */
        boolean tcp(String from, String to, boolean ipv6) throws Exception {
            String address = address(to, ipv6);
            int p = port++;
            try (ServerSocket listener = ns.get(to).call(() -> new ServerSocket(p, 4, InetAddress.getByName(address)))) {
                return Tcp.connects(ns.get(from), address, p, 1000);
            }
        }

        /** Whether a UDP datagram from {@code from} reaches {@code to} (three tries, one second each). */
        boolean udp(String from, String to) throws Exception {
            String address = address(to, false);
            int p = port++;
            try (DatagramSocket in = ns.get(to).call(() -> new DatagramSocket(new InetSocketAddress(address, p)));
                 DatagramSocket out = ns.get(from).call(DatagramSocket::new)) {
                in.setSoTimeout(1000);
                byte[] hello = Tcp.utf8("hello " + to);
                for (int i = 0; i < 3; i++) {
                    out.send(new DatagramPacket(hello, hello.length, new InetSocketAddress(address, p)));
                    try {
                        DatagramPacket got = new DatagramPacket(new byte[64], 64);
                        in.receive(got);
                        return true;
                    } catch (SocketTimeoutException e) {
                        // not delivered (yet)
                    }
                }
                return false;
            }
        }

        /** {@code nft list ruleset} in a node, by the nft command (the oracle). */
        String ruleset(String node) {
            return Ip.run(Map.of(), "ip", "netns", "exec", topology.namespace(node), "nft", "list", "ruleset").ok().out();
        }

        Partition parse(String... words) throws Exception {
            return PartitionWords.parse(Arrays.asList(words), Lab.partitionNodes(name(), registry));
        }

        @Override
        public void close() {
            ns.values().forEach(Netns::close);
        }
    }

    private static void assertAllReachable(Running lab, String... nodes) throws Exception {
        for (String x : nodes) {
            for (String y : nodes) {
                if (!x.equals(y)) {
                    assertTrue(lab.tcp(x, y, false), x + " -> " + y + " must be reachable");
                }
            }
        }
    }

    @Test
    void groupsCutTcpBothWaysAndLeaveEachGroupWhole() throws Exception {
        try (Running lab = new Running(THREE_ON_A_SWITCH, "pgrp")) {
            assertEquals(new PartitionNodes(List.of("a", "b", "c"), List.of(), List.of("sw")),
                    Lab.partitionNodes(lab.name(), registry));
            assertAllReachable(lab, "a", "b", "c");
            Partition p = lab.parse("a,b", "/", "c");
            assertEquals(Partition.none(), Lab.partition(lab.name(), p, registry, options));

            for (boolean v6 : new boolean[] {false, true}) {
                String family = v6 ? " over IPv6" : "";
                assertTrue(lab.tcp("a", "b", v6), "a -> b" + family);
                assertTrue(lab.tcp("b", "a", v6), "b -> a" + family);
                for (String[] pair : new String[][] {{"a", "c"}, {"c", "a"}, {"b", "c"}, {"c", "b"}}) {
                    assertFalse(lab.tcp(pair[0], pair[1], v6), pair[0] + " -> " + pair[1] + " must be cut" + family);
                }
            }
            assertEquals(p, Lab.currentPartition(lab.name(), registry));

            String c = lab.ruleset("c");
            assertTrue(c.contains("table inet netns4j_partition") && c.contains("priority filter - 10; policy accept;")
                    && c.contains("ip saddr " + lab.address("a", false) + " counter packets")
                    && c.contains("ip6 saddr " + lab.address("b", true) + " counter packets")
                    && c.contains("drop comment \"from b\""), c);
            assertTrue(lab.ruleset("a").contains("ip saddr " + lab.address("c", false) + " counter packets"));
            assertEquals("", lab.ruleset("sw"), "the bridge node drops nothing");

            assertEquals(p, Lab.heal(lab.name(), registry, options));
            assertAllReachable(lab, "a", "b", "c");
            assertTrue(lab.tcp("c", "a", true), "c -> a over IPv6 after heal");
            for (String n : List.of("sw", "a", "b", "c")) {
                assertEquals("", lab.ruleset(n), "nothing left in " + n);
            }
            assertEquals(Partition.none(), Lab.currentPartition(lab.name(), registry));
        }
    }

    @Test
    void oneWayDropsDatagramsInOneDirectionOnly() throws Exception {
        try (Running lab = new Running(THREE_ON_A_SWITCH, "p1way")) {
            assertTrue(lab.udp("a", "c") && lab.udp("c", "a"), "both directions work before");
            Partition p = lab.parse("--oneway", "a", "/", "c");
            assertEquals(Partition.of(List.of(new Partition.Cut("a", "c"))), p);
            Lab.partition(lab.name(), p, registry, options);
            assertFalse(lab.udp("a", "c"), "a -> c must be dropped");
            assertTrue(lab.udp("c", "a"), "c -> a must be delivered");
            assertTrue(lab.udp("a", "b") && lab.udp("b", "c"), "b is not in the partition");
            assertEquals(p, Lab.currentPartition(lab.name(), registry));
            assertTrue(lab.ruleset("a").isEmpty(), "a drops nothing: " + lab.ruleset("a"));
            Lab.heal(lab.name(), registry, options);
            assertTrue(lab.udp("a", "c"), "a -> c after heal");
        }
    }

    @Test
    void isolateThenAnotherPartitionReplacesIt() throws Exception {
        try (Running lab = new Running(THREE_ON_A_SWITCH, "piso")) {
            Partition isolateB = lab.parse("isolate", "b");
            Lab.partition(lab.name(), isolateB, registry, options);
            assertTrue(lab.tcp("a", "c", false) && lab.tcp("c", "a", false), "a <-> c stay connected");
            for (String[] pair : new String[][] {{"a", "b"}, {"b", "a"}, {"c", "b"}, {"b", "c"}}) {
                assertFalse(lab.tcp(pair[0], pair[1], false), pair[0] + " -> " + pair[1] + " must be cut");
            }
            assertEquals(isolateB, Lab.currentPartition(lab.name(), registry));

            Partition aFromC = lab.parse("a/c");
            assertEquals(isolateB, Lab.partition(lab.name(), aFromC, registry, options), "the replaced one");
            assertEquals(aFromC, Lab.currentPartition(lab.name(), registry));
            assertTrue(lab.tcp("a", "b", false) && lab.tcp("b", "c", false) && lab.tcp("c", "b", false),
                    "b is back");
            assertFalse(lab.tcp("a", "c", false) || lab.tcp("c", "a", false), "a <-> c are cut now");
            assertEquals("", lab.ruleset("b"), "b's table went with the old partition");

            Lab.partition(lab.name(), Partition.none(), registry, options);
            assertEquals(Partition.none(), Lab.currentPartition(lab.name(), registry));
            assertAllReachable(lab, "a", "b", "c");
        }
    }

    @Test
    void healWithoutAPartitionChangesNothing() throws Exception {
        try (Running lab = new Running(THREE_ON_A_SWITCH, "pheal")) {
            assertEquals(Partition.none(), Lab.heal(lab.name(), registry, options));
            assertEquals(Partition.none(), Lab.heal(lab.name(), registry, options));
            for (String n : List.of("sw", "a", "b", "c")) {
                assertEquals("", lab.ruleset(n), n);
            }
            assertAllReachable(lab, "a", "b", "c");
        }
    }

    @Test
    void theLabsOwnFirewallIsLeftAlone() throws Exception {
        try (Running lab = new Running(THREE_ON_A_SWITCH, "pown")) {
            lab.ns.get("c").firewall().run("add table inet mine\nadd chain inet mine filt { type filter hook input"
                    + " priority 0; policy accept; }\nadd rule inet mine filt tcp dport 9 drop");
            Lab.partition(lab.name(), lab.parse("a/c"), registry, options);
            Lab.heal(lab.name(), registry, options);
            String c = lab.ruleset("c");
            assertTrue(c.contains("table inet mine") && c.contains("tcp dport 9 drop"), c);
            assertFalse(c.contains("netns4j_partition"), c);
        }
    }

    @Test
    void badRequestsChangeNothing() throws Exception {
        try (Running lab = new Running(THREE_ON_A_SWITCH, "pbad")) {
            Partition withStranger = Partition.groups(List.of(PartitionTest.set("a"), PartitionTest.set("zz")), false);
            NotFoundException e = assertThrows(NotFoundException.class,
                    () -> Lab.partition(lab.name(), withStranger, registry, options));
            assertTrue(e.getMessage().contains("node \"zz\", which lab \"" + lab.name() + "\" does not have (its"
                    + " nodes: a, b, c, sw); nothing was changed"), e.getMessage());
            assertEquals("", lab.ruleset("a"));

            String missing = TestNames.unique("nolab");
            NotFoundException none = assertThrows(NotFoundException.class,
                    () -> Lab.partition(missing, Partition.halves(List.of("a", "b")), registry, options));
            assertTrue(none.getMessage().startsWith("No lab \"" + missing + "\" on this machine"), none.getMessage());
            assertThrows(NotFoundException.class, () -> Lab.heal(missing, registry, options));
            assertThrows(NotFoundException.class, () -> Lab.currentPartition(missing, registry));
            Files.deleteIfExists(lockDir.resolve(missing + ".lock"));

            IllegalArgumentException bridge = assertThrows(IllegalArgumentException.class, () -> lab.parse("sw/a"));
            assertTrue(bridge.getMessage().startsWith("Node \"sw\" has no addresses"), bridge.getMessage());
        }
    }

    @Test
    void aNodeWithoutAddressesCannotSend() throws Exception {
        String yaml = """
                name: %s
                nodes:
                  a: {}
                  lonely: {}
                """;
        try (Running lab = new Running(yaml, "pnoaddr")) {
            Partition p = Partition.groups(List.of(PartitionTest.set("lonely"), PartitionTest.set("a")), true);
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> Lab.partition(lab.name(), p, registry, options));
            assertTrue(e.getMessage().startsWith("Node \"lonely\" of lab \"" + lab.name() + "\" has no addresses"),
                    e.getMessage());
        }
    }

    @Test
    void hostsStayCutAcrossARouterThatIsNotInThePartition() throws Exception {
        try (Running lab = new Running(ROUTED, "prtr")) {
            PartitionNodes nodes = Lab.partitionNodes(lab.name(), registry);
            assertEquals(new PartitionNodes(List.of("a", "b"), List.of("r"), List.of()), nodes);
            assertTrue(lab.tcp("a", "b", false) && lab.tcp("b", "a", false), "through the router before");
            Partition p = lab.parse("halves");
            assertEquals(Partition.halves(List.of("a", "b")), p, "routers are not in schemes unless named");
            Lab.partition(lab.name(), p, registry, options);
            assertFalse(lab.tcp("a", "b", false) || lab.tcp("b", "a", false), "a <-> b cut across the router");
            assertTrue(lab.tcp("a", "r", false) && lab.tcp("r", "b", false), "the router itself is not cut");
            assertEquals("", lab.ruleset("r"));
            Lab.heal(lab.name(), registry, options);
            assertTrue(lab.tcp("a", "b", false), "healed");
        }
    }
}
