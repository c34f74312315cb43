package io.netns4j.cli;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.Lab;
import io.netns4j.lab.file.TopologyFile;
import io.netns4j.lab.model.Topology;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Tcp;
import io.netns4j.testing.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The crash acceptance test: {@code netns4j lab up FILE} of a 200-node lab, run as its own
 * JVM, is killed with SIGKILL at several points (before it has done anything, right after
 * the first namespace, after 25 namespaces, midway through the veths, while it writes the
 * hosts files); after each kill {@link Lab#down} must leave nothing of the lab:
 * no {@code <lab>-*} names in {@code /run/netns} (empty files included), no
 * {@code /etc/netns/<lab>-*}, no mounts naming the lab, no new links in the root namespace,
 * no state file, no process of the lab. Then {@code lab up} of the same file succeeds and two
 * hosts talk TCP. The CLI keeps its locks and state in {@code /run/netns4j/labs}, so this
 * test uses that directory too (and removes the lab's lock file at the end).
 */
@RequiresRoot
class LabCrashTest {
    private static final int HOSTS = 198; // + a bridge and a router: 200 nodes
    private static final Path LOCKS = Path.of("/run/netns4j/labs");
    private static final Path RUN = Path.of("/run/netns");
    private static final Path ETC = Path.of("/etc/netns");

    private final NetnsRegistry registry = NetnsRegistry.system();
    private final Lab.Options options = Lab.Options.defaults().withLockDirectory(LOCKS);
    private String lab;
    private Path dir;
    private Path file;
    private Path output;
    private Process child;
    private Set<String> rootLinksBefore;

    /** When to kill: a test on what the running {@code lab up} has made so far. */
    private record KillPoint(String name, Condition when) {
    }

    @FunctionalInterface
    private interface Condition {
        boolean reached(Progress p) throws Exception;
    }

    /** What {@code lab up} has made, as seen from outside; read afresh on each poll. */
    private final class Progress {
        final long startNanos = System.nanoTime();

        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        }

        int namespaces() throws IOException {
            return ours(RUN).size();
        }

        int hostsDirectories() throws IOException {
            return ours(ETC).size();
        }

        /** The bridge's ports: one per veth made so far (the bridge node is created first). */
        int bridgePorts() {
            try (Netns sw = registry.open(lab + "-sw")) {
                return (int) sw.links().list().stream().filter(l -> l.name().startsWith("p")).count();
            } catch (NetnsException e) {
                return 0; // not there or not ready yet
            }
        }

        @Override
        public String toString() {
            try {
                return millis() + " ms: " + namespaces() + " namespaces, " + bridgePorts() + " bridge ports, "
                        + hostsDirectories() + " hosts directories";
            } catch (IOException e) {
                return e.toString();
            }
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        lab = TestNames.unique("crash");
        dir = Files.createTempDirectory(TestNames.PREFIX + "crash-");
        file = dir.resolve("lab.yaml");
        output = dir.resolve("lab-up.out");
        Files.writeString(file, topology(lab), StandardCharsets.UTF_8);
        rootLinksBefore = rootLinks();
    }

    /**
     * One bridge {@code sw}, a router {@code r} and hosts {@code h1..h198}, all on the bridge;
     * addresses from a pool, hosts' default routes via the router, a route on the router,
     * {@code /etc/hosts} for every node, and one {@code exec} command.
     */
    static String topology(String name) {
        StringBuilder sb = new StringBuilder("name: " + name + "\n");
        sb.append("defaults:\n  pools: {ipv4: 10.77.0.0/16, ipv4-lan-length: 24}\n  hosts: true\n");
        sb.append("nodes:\n  sw: {kind: bridge}\n");
        sb.append("  r:\n    kind: router\n    routes: [10.99.0.0/24 via 10.77.0.2]\n");
        sb.append("  h1:\n    exec: [sleep 300]\n");
        for (int i = 2; i <= HOSTS; i++) {
            sb.append("  h").append(i).append(": {}\n");
        }
        sb.append("links:\n  - bridge: sw\n    members:\n      - r:eth0\n");
        for (int i = 1; i <= HOSTS; i++) {
            sb.append("      - h").append(i).append(":eth0\n");
        }
        return sb.toString();
    }

    @AfterEach
    void tearDown() throws Exception {
        List<String> problems = new ArrayList<>();
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Lab.down(lab, registry, options);
        } catch (NetnsException e) {
            problems.add("lab down: " + e.getMessage());
        }
        // whatever down missed (it is reported by the test itself): our unique names only
        for (String ns : ours(RUN)) {
            try {
                registry.delete(ns);
            } catch (NetnsException e) {
                problems.add(ns + ": " + e.getMessage());
            }
        }
        for (String d : ours(ETC)) {
            deleteTree(ETC.resolve(d));
        }
        for (String f : List.of(lab + ".lock", lab + ".yaml", "." + lab + ".yaml.tmp")) {
            Files.deleteIfExists(LOCKS.resolve(f));
        }
        deleteTree(dir);
        assertTrue(problems.isEmpty(), "cleanup: " + problems);
    }

    @Test
    void downRemovesEverythingAKilledLabUpLeftAndUpThenSucceeds() throws Exception {
        long start = System.nanoTime();
        List<KillPoint> points = List.of(
                new KillPoint("0.3 s after start", p -> p.millis() >= 300),
                new KillPoint("first namespace", p -> p.namespaces() >= 1),
                // a partial set of marked namespaces and (usually) one empty file; few, since down
                // costs grow with the number of namespaces on the machine
                new KillPoint("early in the namespaces", p -> p.namespaces() >= 25),
                new KillPoint("midway through the veths", p -> p.bridgePorts() >= 100),
                new KillPoint("while writing the hosts files", p -> p.hostsDirectories() >= 150));
        for (KillPoint k : points) {
            long t0 = System.nanoTime();
            String seen = killAt(k);
            long t1 = System.nanoTime();
            List<Long> inside = processesOfTheLab();
            Lab.Removed removed = Lab.down(lab, registry, options);
            long t2 = System.nanoTime();
            System.out.println("killed at \"" + k.name() + "\" (" + seen + "); down removed "
                    + removed.namespaces().size() + " namespaces and " + removed.files().size() + " files"
                    + emptyNamespaceFiles(removed) + "; up+kill " + ms(t1 - t0) + " ms, down " + ms(t2 - t1) + " ms");
            assertNothingLeft("after the kill at \"" + k.name() + "\" (" + seen + ") and lab down", inside);
        }

        long t0 = System.nanoTime();
        Process up = startLabUp();
        assertTrue(up.waitFor(120, TimeUnit.SECONDS), "lab up ended");
        String out = Files.readString(output);
        assertEquals(0, up.exitValue(), out);
        assertEquals("lab \"" + lab + "\" is up: 200 namespaces, 1 command started\n", out);
        long t1 = System.nanoTime();
        Topology t = TopologyFile.read(file);
        InetAddress h1 = t.endpoints("h1").getFirst().addresses().getFirst().address();
        String h198 = t.endpoints("h" + HOSTS).getFirst().addresses().getFirst().address().getHostAddress();
        try (Netns server = registry.open(t.namespace("h" + HOSTS)); Netns client = registry.open(t.namespace("h1"))) {
            assertEquals(h1, Tcp.exchange(server, h198, client, 7777));
        }
        assertTrue(Files.readString(ETC.resolve(t.namespace("h1")).resolve("hosts")).contains(h198 + " h" + HOSTS));
        List<Long> inside = processesOfTheLab();
        assertFalse(inside.isEmpty(), "the exec command (sh -c 'sleep 300') runs in h1");
        Lab.Removed removed = Lab.down(lab, registry, options);
        long t2 = System.nanoTime();
        assertEquals(200, removed.namespaces().size());
        assertNothingLeft("after the last lab up and lab down", inside);
        System.out.println("lab up to the end " + ms(t1 - t0) + " ms, lab down " + ms(t2 - t1) + " ms; whole test "
                + ms(System.nanoTime() - start) + " ms");
    }

    /**
     * The states a hosts file passes through while {@code lab up} writes it (directory made,
     * temporary file made, temporary file written, renamed), each as a kill leaves it on one
     * node: down removes all of them. The kill point "while writing the hosts files" lands in
     * one of them only by chance; this makes each one certain. A 4-node lab, from the library.
     */
    @Test
    void downRemovesHostsFilesAKillLeftHalfWritten() throws Exception {
        Topology t = TopologyFile.parse("small.yaml", """
                name: %s
                defaults: {pools: {ipv4: 10.78.0.0/24}, hosts: true}
                nodes: {a: {}, b: {}, c: {}, d: {}}
                links:
                  - endpoints: [a:eth0, b:eth0]
                  - endpoints: [c:eth0, d:eth0]
                """.formatted(lab));
        Lab.up(t, registry, options);
        List<Path> hosts = Stream.of("a", "b", "c", "d").map(n -> ETC.resolve(t.namespace(n)).resolve("hosts")).toList();
        String marked = Files.readString(hosts.get(0));
        assertTrue(marked.startsWith("# netns4j-lab:" + lab + "\n"), marked);
        Files.delete(hosts.get(0)); // a: killed after mkdir
        Files.delete(hosts.get(1)); // b: killed after creating the temporary file
        Files.createFile(hosts.get(1).resolveSibling(".hosts.tmp"));
        Files.move(hosts.get(2), hosts.get(2).resolveSibling(".hosts.tmp")); // c: killed before the rename
        // d: complete
        Lab.Removed r = Lab.down(lab, registry, options);
        assertEquals(4, r.namespaces().size());
        assertTrue(r.files().containsAll(List.of(hosts.get(1).resolveSibling(".hosts.tmp"),
                hosts.get(2).resolveSibling(".hosts.tmp"), hosts.get(3), ETC.resolve(t.namespace("a")))), r.toString());
        assertNothingLeft("after lab down of half-written hosts files", List.of());
    }

    /** Starts {@code lab up FILE}, kills it (SIGKILL) once {@code k} holds, and says what it had made. */
    private String killAt(KillPoint k) throws Exception {
        child = startLabUp();
        Progress p = new Progress();
        while (!k.when().reached(p)) {
            if (!child.isAlive()) {
                fail("lab up ended (status " + child.exitValue() + ") before the kill point \"" + k.name() + "\" ("
                        + p + "): " + Files.readString(output));
            }
            if (p.millis() > 60_000) {
                fail("kill point \"" + k.name() + "\" not reached in 60 s (" + p + "): " + Files.readString(output));
            }
            Thread.sleep(2);
        }
        child.destroyForcibly(); // SIGKILL, to this process only
        assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the killed lab up ended");
        assertEquals(137, child.exitValue(), "killed by SIGKILL: " + Files.readString(output));
        return p.toString();
    }

    /** {@code java ... io.netns4j.cli.Main lab up FILE}, as the launcher runs it, output to a file. */
    private Process startLabUp() throws IOException {
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "lab", "up", file.toString());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    /** The processes now inside the namespace of h1 (the node with the exec command), if it is ready. */
    private List<Long> processesOfTheLab() {
        try {
            return registry.pids(lab + "-h1");
        } catch (NetnsException e) {
            return List.of();
        }
    }

    /** No such process, or a zombie ({@code Z} in {@code /proc/PID/stat}). */
    private static boolean ended(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    private void assertNothingLeft(String when, List<Long> processes) throws Exception {
        assertEquals(List.of(), ours(RUN), when + ": names in /run/netns");
        assertEquals(List.of(), ours(ETC), when + ": directories in /etc/netns");
        List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.contains(lab)).toList();
        assertEquals(List.of(), mounts, when + ": mounts");
        Set<String> added = new TreeSet<>(rootLinks());
        added.removeAll(rootLinksBefore);
        assertEquals(Set.of(), added, when + ": links added to the root namespace");
        assertFalse(Files.exists(LOCKS.resolve(lab + ".yaml")), when + ": the state file");
        assertFalse(Files.exists(LOCKS.resolve("." + lab + ".yaml.tmp")), when + ": the state's temporary file");
        assertTrue(Lab.list(registry).stream().noneMatch(l -> l.name().equals(lab)), when + ": lab list");
        for (long pid : processes) {
            // a zombie has ended: it only waits for its parent (init, for an orphan) to reap it
            assertTrue(ended(pid), when + ": process " + pid + " of the lab still runs");
        }
    }

    private List<String> ours(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(lab + "-")).sorted().toList();
        }
    }

    private static Set<String> rootLinks() throws NetnsException {
        try (Netns self = Netns.current()) {
            return new TreeSet<>(self.links().list().stream().map(io.netns4j.link.Link::name).toList());
        }
    }

    private static String emptyNamespaceFiles(Lab.Removed r) {
        List<Path> empty = r.files().stream().filter(f -> f.startsWith(RUN)).toList();
        return empty.isEmpty() ? "" : " (empty namespace files: " + empty + ")";
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
