package io.netns4j.testing;

import io.netns4j.NetnsRegistry;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.LibC;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Everything one test creates, undone at close even when the test failed: namespace names
 * in the system registry (deleted), scratch run directories (emptied, unmounted, removed)
 * and processes the test started (killed by pid). Use in try-with-resources or as a field
 * closed in {@code @AfterEach}.
 */
public final class Scratch implements AutoCloseable {
    private final List<String> names = new ArrayList<>();
    private final List<Path> directories = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    /** A unique namespace name in the system registry, deleted at close if it exists then. */
    public String name(String tag) {
        String n = TestNames.unique(tag);
        names.add(n);
        return n;
    }

    /** A fresh, empty run directory for a private registry; unmounted and removed at close. */
    public Path runDirectory() {
        try {
            Path d = Files.createTempDirectory(TestNames.PREFIX + "run-");
            directories.add(d);
            return d;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Starts a process (e.g. {@code ip netns exec NS sleep 60}) that is killed at close. */
    public Process start(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            processes.add(p);
            return p;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Forgets a name that the test deleted itself. */
    public void forget(String name) {
        names.remove(name);
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        NetnsRegistry system = NetnsRegistry.system();
        for (String n : names) {
            if (Files.exists(system.directory().resolve(n))) {
                system.delete(n);
            }
        }
        for (Path d : directories) {
            NetnsRegistry r = NetnsRegistry.at(d);
            for (String n : r.names()) {
                r.delete(n);
            }
            unmountAll(d);
            Files.deleteIfExists(d);
        }
    }

    /** Removes every mount stacked on {@code d} (a private registry is bind-mounted onto itself). */
    static void unmountAll(Path d) {
        for (int i = 0; i < 16; i++) {
            try {
                LibC.umount2(d.toString(), LibC.MNT_DETACH);
            } catch (ErrnoException e) {
                return; // EINVAL: no longer a mount point
            }
        }
    }

    /** How many mounts sit exactly on {@code d}, from /proc/self/mountinfo. */
    public static int mountsOn(Path d) {
        try {
            String target = d.toRealPath().toString();
            int n = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length > 4 && f[4].equals(target)) {
                    n++;
                }
            }
            return n;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until process {@code pid} is inside the named namespace (e.g. after {@code ip netns exec}). */
    public static void awaitNamespace(long pid, String name) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (NetnsRegistry.system().identify(pid).contains(name)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("process " + pid + " never entered namespace " + name);
    }
}
