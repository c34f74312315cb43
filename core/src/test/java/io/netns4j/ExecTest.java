package io.netns4j;

import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Netns#start}: processes with {@code ip netns exec}'s view of /sys and /etc. */
@RequiresRoot
class ExecTest {
    private final Scratch scratch = new Scratch();
    private final NetnsRegistry registry = NetnsRegistry.system();
    private String name;
    private Path etc;

    @BeforeEach
    void namespace() throws Exception {
        name = scratch.name("ex");
        registry.add(name).close();
        ip("-n", name, "link", "add", "inside0", "type", "veth", "peer", "name", "inside1").ok();
        etc = Path.of("/etc/netns", name);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (Files.isDirectory(etc)) {
            try (var files = Files.list(etc)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(etc);
        }
        scratch.close();
    }

    private String output(String... command) throws Exception {
        try (Netns ns = registry.open(name)) {
            Process p = ns.start(new ProcessBuilder(command).redirectErrorStream(true));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            return out;
        }
    }

    @Test
    void sysShowsOnlyTheNamespacesDevicesAndTheParentsViewStays() throws Exception {
        List<String> parentBefore = List.of(new java.io.File("/sys/class/net").list());
        assertEquals(List.of("inside0", "inside1", "lo"), output("ls", "/sys/class/net").lines().sorted().toList());
        assertEquals(parentBefore, List.of(new java.io.File("/sys/class/net").list()));
    }

    @Test
    void etcNetnsFilesReplaceEtcFilesForTheChildOnly() throws Exception {
        String hostsBefore = Files.readString(Path.of("/etc/hosts"));
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("hosts"), "10.77.0.1 only-in-the-namespace\n");
        assertEquals("10.77.0.1 only-in-the-namespace\n", output("cat", "/etc/hosts"));
        assertEquals(hostsBefore, Files.readString(Path.of("/etc/hosts")));
    }

    @Test
    void exitStatusesSignalsAndPidsPropagate() throws Exception {
        try (Netns ns = registry.open(name)) {
            assertEquals(3, ns.start(new ProcessBuilder("sh", "-c", "exit 3")).waitFor());
            Process sleeper = ns.start(new ProcessBuilder("sleep", "60"));
            try {
                assertTrue(registry.pids(name).contains(sleeper.pid()));
                assertTrue(ip("netns", "pids", name).ok().out().lines().anyMatch(l -> l.equals(Long.toString(sleeper.pid()))));
                sleeper.destroy();
                assertEquals(128 + 15, sleeper.waitFor());
            } finally {
                sleeper.destroyForcibly();
            }
        }
    }

    /**
     * Processes running at once each hold a JDK "process reaper" thread; one created by a thread
     * inside the namespace would live there for a minute after its child ended and keep the
     * namespace from being freed. None of this JVM's threads may be left inside.
     */
    @Test
    void processesStartedTogetherLeaveNoThreadOfThisJvmInTheNamespace() throws Exception {
        long inode = (Long) Files.getAttribute(Path.of("/run/netns", name), "unix:ino");
        List<Process> running = new java.util.ArrayList<>();
        try (Netns ns = registry.open(name)) {
            for (int i = 0; i < 4; i++) {
                running.add(ns.start(new ProcessBuilder("sleep", "0.3")));
            }
        }
        for (Process p : running) {
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        List<String> inside = new java.util.ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String link = Files.readSymbolicLink(task.resolve("ns/net")).toString();
                    if (link.equals("net:[" + inode + "]")) {
                        inside.add(Files.readString(task.resolve("comm")).trim() + " (tid " + task.getFileName() + ")");
                    }
                } catch (java.io.IOException ended) {
                    // the thread ended meanwhile
                }
            }
        }
        assertEquals(List.of(), inside, "threads of this JVM still inside the namespace");
    }
}
