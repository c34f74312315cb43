package io.netns4j.cli;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.Lab;
import io.netns4j.lab.file.TopologyFile;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.TestNames;
import io.netns4j.types.InetText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code netns4j lab up NEW} of a running lab, run as its own JVM, killed with SIGKILL midway
 * through the update (5 hosts on a bridge become 40, every address changed): its pending file
 * stays, and the next {@code lab up} of the old file rolls the lab back to exactly the old
 * file (5 hosts, old addresses), while a {@code lab up} of the new file after another kill
 * finishes the update. The CLI keeps its state in {@code /run/netns4j/labs}, as LabCrashTest.
 */
@RequiresRoot
class LabUpdateKillTest {
    private static final Path LOCKS = Path.of("/run/netns4j/labs");
    private final NetnsRegistry registry = NetnsRegistry.system();
    private final Lab.Options options = Lab.Options.defaults().withLockDirectory(LOCKS);
    private String lab;
    private Path dir;
    private Path oldFile;
    private Path newFile;
    private Process child;

    @BeforeEach
    void setUp() throws Exception {
        lab = TestNames.unique("upkill");
        dir = Files.createTempDirectory(TestNames.PREFIX + "upkill-");
        oldFile = dir.resolve("old.yaml");
        newFile = dir.resolve("new.yaml");
        Files.writeString(oldFile, topology(5, 1), StandardCharsets.UTF_8);
        Files.writeString(newFile, topology(40, 2), StandardCharsets.UTF_8);
    }

    private String topology(int hosts, int third) {
        StringBuilder sb = new StringBuilder("name: " + lab + "\nnodes:\n  sw: {kind: bridge}\n");
        for (int i = 1; i <= hosts; i++) {
            sb.append("  h").append(i).append(": {}\n");
        }
        sb.append("links:\n  - bridge: sw\n    members:\n");
        for (int i = 1; i <= hosts; i++) {
            sb.append("      - {endpoint: \"h").append(i).append(":eth0\", addresses: [10.79.").append(third)
                    .append('.').append(i).append("/16]}\n");
        }
        return sb.toString();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        List<String> problems = new ArrayList<>();
        try {
            Lab.down(lab, registry, options);
        } catch (NetnsException e) {
            problems.add("lab down: " + e.getMessage());
        }
        for (String ns : ours()) {
            registry.delete(ns);
            problems.add("left after down: " + ns);
        }
        for (String f : List.of(lab + ".lock", lab + ".yaml", lab + ".pending.yaml")) {
            Files.deleteIfExists(LOCKS.resolve(f));
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void aKilledUpdateIsRolledBackByTheNextUpOfEitherFile() throws Exception {
        Lab.up(TopologyFile.read(oldFile), registry, options);
        assertEquals(6, ours().size());

        killMidway();
        Lab.Started back = Lab.up(TopologyFile.read(oldFile), registry, options);
        assertTrue(back.steps().isEmpty(), "rolled back, then nothing left to change: " + back.steps());
        assertEquals(6, ours().size(), "the old file's namespaces only: " + ours());
        for (int i = 1; i <= 5; i++) {
            assertEquals(List.of("10.79.1." + i + "/16"), addresses("h" + i), "h" + i + " has its old address");
        }
        assertTrue(Files.notExists(LOCKS.resolve(lab + ".pending.yaml")));
        assertEquals(Files.readString(oldFile), Files.readString(LOCKS.resolve(lab + ".yaml")));

        killMidway();
        Lab.up(TopologyFile.read(newFile), registry, options);
        assertEquals(41, ours().size());
        for (int i = 1; i <= 40; i++) {
            assertEquals(List.of("10.79.2." + i + "/16"), addresses("h" + i), "h" + i + " has its new address");
        }
        assertEquals(Files.readString(newFile), Files.readString(LOCKS.resolve(lab + ".yaml")));
        assertTrue(Lab.up(TopologyFile.read(newFile), registry, options).steps().isEmpty(), "up to date");
    }

    /** Starts {@code lab up NEW} and kills it once it has made 10 of the new namespaces. */
    private void killMidway() throws Exception {
        Path out = dir.resolve("lab-up.out");
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "lab", "up", newFile.toString());
        child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ours().size() < 16) {
            if (!child.isAlive()) {
                fail("lab up ended (" + child.exitValue() + ") before the kill: " + Files.readString(out));
            }
            if (System.nanoTime() > deadline) {
                fail("no 10 new namespaces in 60 s: " + Files.readString(out));
            }
            Thread.sleep(2);
        }
        child.destroyForcibly(); // SIGKILL, to this process only
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), Files.readString(out));
        assertTrue(Files.exists(LOCKS.resolve(lab + ".pending.yaml")), "the killed update left its pending file");
    }

    private List<String> addresses(String node) throws Exception {
        try (Netns n = registry.open(lab + "-" + node)) {
            int index = n.links().get("eth0").index();
            return n.addresses().list().stream().filter(a -> a.index() == index && !a.local().isLinkLocalAddress())
                    .map(a -> InetText.format(a.local()) + "/" + a.prefixLength()).toList();
        }
    }

    private List<String> ours() throws IOException {
        Path run = Path.of("/run/netns");
        if (!Files.isDirectory(run)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(run)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(lab + "-")).sorted().toList();
        }
    }
}
