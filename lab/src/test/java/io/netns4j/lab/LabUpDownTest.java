package io.netns4j.lab;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.AlreadyExistsException;
import io.netns4j.lab.fault.LinkImpairments;
import io.netns4j.lab.file.TopologyFile;
import io.netns4j.lab.model.Endpoint;
import io.netns4j.lab.model.Impairment;
import io.netns4j.lab.model.LabNode;
import io.netns4j.lab.model.LabRoute;
import io.netns4j.lab.model.LabSummary;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.model.TopologyNode;
import io.netns4j.link.LinkRequest;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Tcp;
import io.netns4j.testing.TestNames;
import io.netns4j.types.InetPrefix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Lab#up} and {@link Lab#down} on the machine, with the shipped examples renamed to a
 * unique {@code n4jt-PID-N-...} lab each: reachability over real TCP, the firewall, and
 * nothing left behind (namespaces, root links, mounts, /etc/netns directories).
 */
@RequiresRoot
class LabUpDownTest {
    private final NetnsRegistry registry = NetnsRegistry.system();
    private final List<String> labs = new ArrayList<>();
    private Path lockDir;
    private Lab.Options options;
    private final io.netns4j.lab.wire.InProcessImpairmentHost host = new io.netns4j.lab.wire.InProcessImpairmentHost();
    private Snapshot before;

    record Snapshot(Set<String> runNetns, Set<String> etcNetns, Set<String> rootLinks, List<String> mounts,
                    String rootRuleset) {
        static Snapshot take() throws Exception {
            Set<String> root;
            try (Netns self = Netns.current()) {
                root = new TreeSet<>(self.links().list().stream().map(io.netns4j.link.Link::name).toList());
            }
            return new Snapshot(listing(Path.of("/run/netns")), listing(Path.of("/etc/netns")), root,
                    Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                            .filter(l -> l.contains(TestNames.PREFIX + ProcessHandle.current().pid())).toList(),
                    io.netns4j.testing.Ip.run(java.util.Map.of(), "nft", "-s", "list", "ruleset").out());
        }

        private static Set<String> listing(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return Set.of();
            }
            try (Stream<Path> s = Files.list(dir)) {
                return new TreeSet<>(s.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith(TestNames.PREFIX + ProcessHandle.current().pid())).toList());
            }
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        lockDir = Files.createTempDirectory(TestNames.PREFIX + "locks-");
        options = Lab.Options.defaults().withLockDirectory(lockDir).withImpairmentHost(host); // this JVM runs the engines
        before = Snapshot.take();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String lab : labs) {
            Lab.down(lab, registry, options);
        }
        host.close();
        try (Stream<Path> s = Files.list(lockDir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(lockDir);
        Snapshot after = Snapshot.take();
        assertEquals(before.runNetns(), after.runNetns(), "namespaces left in /run/netns");
        assertEquals(before.etcNetns(), after.etcNetns(), "directories left in /etc/netns");
        assertTrue(before.rootLinks().containsAll(after.rootLinks()), "links added to the root namespace: " + after);
        assertEquals(before.mounts(), after.mounts(), "mounts left");
        assertEquals(before.rootRuleset(), after.rootRuleset(), "the root namespace's nftables ruleset changed");
    }

    private Topology example(String dir, String tag) throws Exception {
        Topology t = TopologyFile.read(Path.of("examples", dir, "lab.yaml"));
        String name = TestNames.unique(tag);
        labs.add(name);
        return new Topology(name, t.defaults(), t.nodes(), t.links());
    }

    @Test
    void routerFirewallForwardsHttpFromClientToServerOnly() throws Exception {
        Topology t = example("router-firewall", "rfw");
        Lab.Started s = Lab.up(t, registry, options);
        assertEquals(3, s.namespaces().size());
        assertEquals(1, s.pids().size(), "the server's exec command");
        assertEquals(List.of(new LabSummary(t.name(), List.of(t.namespace("client"), t.namespace("router"),
                t.namespace("server")))), Lab.list(registry).stream().filter(l -> l.name().equals(t.name())).toList());
        Path hosts = Path.of("/etc/netns", t.namespace("client"), "hosts");
        assertTrue(Files.readString(hosts).contains("10.10.0.5 server"), Files.readString(hosts));
        try (Netns client = registry.open(t.namespace("client")); Netns server = registry.open(t.namespace("server"))) {
            // the exec'd python http.server on port 80, through the router
            assertTrue(eventuallyConnects(client, "10.10.0.5", 80), "client -> server:80 is forwarded");
            assertFalse(Tcp.connects(client, "10.10.0.5", 8080, 300), "nothing listens on 8080, and it is dropped anyway");
        }
    }

    @Test
    void routerFirewallDropsWhatItShould() throws Exception {
        Topology t = example("router-firewall", "rfw");
        Lab.up(t, registry, options);
        try (Netns client = registry.open(t.namespace("client")); Netns server = registry.open(t.namespace("server"));
             Netns router = registry.open(t.namespace("router"))) {
            try (ServerSocket s22 = server.call(() -> new ServerSocket(22, 4, InetAddress.getByName("10.10.0.5")));
                 ServerSocket c80 = client.call(() -> new ServerSocket(81, 4, InetAddress.getByName("10.10.0.1")))) {
                assertFalse(Tcp.connects(client, "10.10.0.5", 22, 500), "client -> server:22 must be dropped");
                assertFalse(Tcp.connects(server, "10.10.0.1", 81, 500), "server -> client must be dropped");
            }
            // the router itself is not filtered (forward chain only): both neighbours reach it
            assertEquals(InetAddress.getByName("10.10.0.1"), Tcp.exchange(router, "10.10.0.2", client, 9000));
        }
        Lab.Removed r = Lab.down(t.name(), registry, options);
        assertEquals(3, r.namespaces().size());
        assertTrue(r.files().contains(Path.of("/etc/netns", t.namespace("server"))), r.files().toString());
        labs.remove(t.name());
    }

    @Test
    void leafSpineHostsReachEachOtherAcrossTheFabric() throws Exception {
        Topology t = example("leaf-spine", "fab");
        Lab.up(t, registry, options);
        // every pair of the 8 hosts, both ways: h<leaf><n> has 10.<leaf>.<n>.2
        List<String> hosts = List.of("h11", "h12", "h21", "h22", "h31", "h32", "h41", "h42");
        int port = 7000;
        for (String server : hosts) {
            for (String client : hosts) {
                if (server.equals(client)) {
                    continue;
                }
                String address = "10." + server.charAt(1) + "." + server.charAt(2) + ".2";
                try (Netns s = registry.open(t.namespace(server)); Netns c = registry.open(t.namespace(client))) {
                    assertTrue(Tcp.exchange(s, address, c, port++) != null, client + " -> " + server);
                }
            }
        }
    }

    @Test
    void theDatabaseExampleComesUpWithItsWholeImpairmentOnAnyKernel() throws Exception {
        Topology t = example("database-partition", "db");
        Lab.Started s = Lab.up(t, registry, options); // options: the test JVM hosts userspace engines
        Endpoint db3 = t.endpoints("db3").getFirst();
        try (Netns a = registry.open(t.namespace("db1")); Netns b = registry.open(t.namespace("db3"))) {
            // loss 0.5%: a TCP exchange retransmits through it
            assertTrue(Tcp.exchange(b, db3.addresses().getFirst().address().getHostAddress(), a, 5432) != null);
            Impairment now = LinkImpairments.current(b, "eth0");
            assertEquals(0.5, now.lossPercent(), 1e-9);
            assertEquals(java.time.Duration.ofMillis(20), now.delay(), "netem, or the userspace engine without it");
            assertEquals(java.time.Duration.ofMillis(5), now.jitter());
            assertEquals(LinkImpairments.netemAvailable(b) ? Impairment.Engine.KERNEL : Impairment.Engine.USERSPACE,
                    now.engine());
            assertEquals(List.of(), s.notes());
        }
        Path hosts = Path.of("/etc/netns", t.namespace("db1"), "hosts");
        assertTrue(Files.readString(hosts).startsWith("# netns4j-lab:" + t.name() + "\n"), Files.readString(hosts));
        Optional<List<LabNode>> shown = Lab.show(t.name(), registry);
        LabNode.Interface eth0 = shown.orElseThrow().stream().filter(n -> n.node().equals("db3")).findFirst()
                .orElseThrow().interfaces().getFirst();
        assertEquals(0.5, eth0.impairment().lossPercent(), 1e-9, "show reads the impairment back");
    }

    @Test
    void upOfARunningLabMadeInCodeIsRefusedAndChangesNothing() throws Exception {
        Topology t = example("leaf-spine", "twice"); // renamed in code: no file text to keep as state
        Lab.up(t, registry, options);
        Snapshot up = Snapshot.take();
        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> Lab.up(t, registry, options));
        assertTrue(e.getMessage().contains("has no state to update it from"), e.getMessage());
        assertEquals(up, Snapshot.take());
        try (Netns a = registry.open(t.namespace("h11")); Netns b = registry.open(t.namespace("h21"))) {
            assertTrue(Tcp.exchange(a, "10.1.1.2", b, 7001) != null, "the first lab still works");
        }
    }

    @Test
    void downAfterACrashNeedsNoStateAndSparesUnmarkedNamespaces() throws Exception {
        Topology t = example("router-firewall", "crash");
        Lab.up(t, registry, options);
        // a half-made node of the same lab (marked, as up marks right after creating) and an
        // unmarked namespace with the lab's prefix, which down must leave alone
        String stray = t.namespace("half");
        String intruder = t.namespace("intruder");
        try (Netns n = registry.add(stray)) {
            n.links().set(LinkRequest.change("lo").withAlias(Lab.mark(t.name())));
        }
        registry.add(intruder).close();
        try {
            Lab.Removed r = Lab.down(t.name(), NetnsRegistry.system(), options);
            assertEquals(4, r.namespaces().size(), r.toString());
            assertTrue(registry.names().contains(intruder));
            assertTrue(registry.names().stream().noneMatch(n -> n.startsWith(t.name()) && !n.equals(intruder)));
        } finally {
            registry.delete(intruder);
        }
        labs.remove(t.name());
    }

    @Test
    void aFailureMidwayRemovesWhatTheRunCreated() throws Exception {
        Topology t = example("router-firewall", "rollback");
        LabRoute unreachable = new LabRoute(InetPrefix.parse("10.99.0.0/16"),
                List.of(InetPrefix.parseAddress("192.0.2.1")), null, null, false);
        List<TopologyNode> nodes = t.nodes().stream().map(n -> !n.name().equals("client") ? n
                : n.withRoutes(List.of(unreachable))).toList();
        Topology bad = new Topology(t.name(), t.defaults(), nodes, t.links());
        LabException e = assertThrows(LabException.class, () -> Lab.up(bad, registry, options));
        assertTrue(e.getMessage().contains("route add 10.99.0.0/16 via 192.0.2.1"), e.getMessage());
        assertTrue(e.getMessage().contains("what it created was removed"), e.getMessage());
        assertTrue(e.notUndone().isEmpty());
        assertEquals(before, Snapshot.take());
        assertTrue(Lab.list(registry).stream().noneMatch(l -> l.name().equals(t.name())));
    }

    static boolean eventuallyConnects(Netns ns, String address, int port) throws Exception {
        for (int i = 0; i < 50; i++) {
            if (Tcp.connects(ns, address, port, 500)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
