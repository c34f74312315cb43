package io.netns4j;

import io.netns4j.error.OperationInterruptedException;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failures to enter reach the caller, and waits are interruptible: a task run as an
 * unprivileged user fails with {@code PermissionDeniedException} at once (it used to hang,
 * because the worker retired before running it), and an interrupted {@code call} returns.
 */
@RequiresRoot
class UnprivilegedCallTest {
    private final Scratch scratch = new Scratch();

    @AfterEach
    void cleanUp() throws Exception {
        scratch.close();
    }

    @Test
    void anUnprivilegedCallFailsWithPermissionDeniedWithinASecond() throws Exception {
        Path dir = scratch.runDirectory();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String name = "unpriv";
        NetnsRegistry.at(dir).add(name).close();

        String classPath = System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", readableEntries(classPath),
                UnprivilegedCallMain.class.getName(), dir.toString(), name));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean ended = p.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ended, "the unprivileged child hung:\n" + out);
        assertEquals(0, p.exitValue(), out);
        for (String what : new String[] {"call", "run", "links"}) {
            String line = out.lines().filter(l -> l.startsWith(what + " ")).findFirst().orElse("");
            assertTrue(line.startsWith(what + " io.netns4j.error.PermissionDeniedException "), out);
            long millis = Long.parseLong(line.split(" ")[2]);
            assertTrue(millis < 1000, what + " took " + millis + " ms:\n" + out);
        }
    }

    /** Only the entries an unprivileged user can read (the build directories and jars). */
    private static String readableEntries(String classPath) {
        List<String> keep = new ArrayList<>();
        for (String e : classPath.split(File.pathSeparator)) {
            if (e.contains("/target/")) {
                keep.add(e);
            }
        }
        return String.join(File.pathSeparator, keep);
    }

    @Test
    void anInterruptedCallReturnsPromptlyWithTheFlagSet() throws Exception {
        String name = scratch.name("intr");
        try (Netns ns = NetnsRegistry.system().add(name)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            Thread caller = Thread.ofPlatform().start(() -> {
                try {
                    ns.call(() -> {
                        started.countDown();
                        release.await(); // stands for a task that blocks
                        return 1;
                    });
                } catch (Throwable t) {
                    thrown.set(t);
                }
                flag.set(Thread.currentThread().isInterrupted());
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            long t0 = System.nanoTime();
            caller.interrupt();
            caller.join(5_000);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            release.countDown();
            assertTrue(!caller.isAlive(), "the interrupted caller still waits");
            assertTrue(millis < 1000, "took " + millis + " ms");
            assertTrue(thrown.get() instanceof OperationInterruptedException, String.valueOf(thrown.get()));
            assertEquals(Boolean.TRUE, flag.get());
            assertEquals(1, (int) ns.call(() -> 1)); // and the handle still works
        }
    }
}
