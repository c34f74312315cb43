package io.netns4j.cli;

import io.netns4j.NetnsRegistry;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import io.netns4j.testing.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Several processes add and delete namespaces at once (hundreds in total). The end state
 * is exactly the expected set, and the run directory carries exactly one mount: the flock
 * keeps concurrent first users from stacking bind mounts.
 */
@RequiresRoot
class ConcurrencyTest {
    private static final int PROCESSES = 6;
    private static final int PER_PROCESS = 60;
    private final Scratch scratch = new Scratch();
    private final List<Path> batchFiles = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (Path f : batchFiles) {
            Files.deleteIfExists(f);
        }
        scratch.close();
    }

    /** Only netns4j processes, in a fresh private directory that none has made a mount yet. */
    @Test
    void netns4jProcessesInAFreshRunDirectory() throws Exception {
        Path dir = scratch.runDirectory();
        Set<String> expected = runConcurrently("p", dir, p -> false);
        NetnsRegistry registry = NetnsRegistry.at(dir);
        assertEquals(expected, new TreeSet<>(registry.names()));
        for (String n : expected) {
            registry.open(n).close(); // each is a mounted, usable namespace
        }
        assertEquals(1, Scratch.mountsOn(dir), "exactly one mount on the run directory");
    }

    /** netns4j and iproute2 processes side by side in /run/netns (iproute2 6.1 ignores NETNS_RUN_DIR). */
    @Test
    void netns4jAndIpProcessesInTheSystemRunDirectory() throws Exception {
        String prefix = TestNames.unique("cc");
        NetnsRegistry system = NetnsRegistry.system();
        try {
            Set<String> expected = runConcurrently(prefix + "-", null, p -> p % 2 == 1);
            Set<String> ours = new TreeSet<>(system.names().stream().filter(n -> n.startsWith(prefix + "-")).toList());
            assertEquals(expected, ours);
            assertEquals(1, Scratch.mountsOn(system.directory()), "exactly one mount on /run/netns");
        } finally {
            for (String n : system.names()) {
                if (n.startsWith(prefix + "-")) {
                    system.delete(n);
                }
            }
        }
    }

    private Set<String> runConcurrently(String prefix, Path dir, java.util.function.IntPredicate usesIp)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = System.getProperty("java.class.path");
        List<Process> processes = new ArrayList<>();
        Set<String> expected = new TreeSet<>();
        for (int p = 0; p < PROCESSES; p++) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < PER_PROCESS; i++) {
                batch.append("netns add ").append(prefix).append(p).append('-').append(i).append('\n');
            }
            for (int i = 0; i < PER_PROCESS; i++) {
                if (i % 2 == 0) {
                    batch.append("netns delete ").append(prefix).append(p).append('-').append(i).append('\n');
                } else {
                    expected.add(prefix + p + "-" + i);
                }
            }
            Path file = Files.createTempFile(TestNames.PREFIX, ".batch");
            batchFiles.add(file);
            Files.writeString(file, batch);
            List<String> cmd = usesIp.test(p)
                    ? List.of("ip", "-batch", file.toString())
                    : List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", classpath, Main.class.getName(),
                    "-batch", file.toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (dir != null) {
                pb.environment().putAll(Map.of("NETNS_RUN_DIR", dir.toString()));
            }
            processes.add(pb.start());
        }
        for (Process p : processes) {
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            assertEquals(0, p.exitValue(), output);
        }
        return expected;
    }
}
