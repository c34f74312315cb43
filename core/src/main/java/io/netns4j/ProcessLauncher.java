package io.netns4j;

import io.netns4j.error.NetnsException;
import io.netns4j.internal.sys.Errno;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.Failures;
import io.netns4j.internal.sys.LibC;
import io.netns4j.internal.sys.ProcessImage;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Starts processes the way {@code ip netns exec} runs them: in the namespace's network
 * stack, in a mount namespace of their own where {@code /} is a recursive slave, {@code /sys}
 * is a fresh sysfs that shows the namespace's devices (read-only if the original was), and
 * each {@code /etc/netns/NAME/X} is bind-mounted over {@code /etc/X}.
 *
 * <p>The work happens on a throwaway platform thread: it enters the network namespace,
 * unshares its mount namespace, remounts, and starts the child with {@link ProcessBuilder}
 * (the child inherits that thread's namespaces). The thread then ends: it is never reused,
 * and the caller's own thread and mounts are untouched.
 */
public final class ProcessLauncher {
    private static final Path ETC_NETNS = Path.of("/etc/netns");
    /** One launch at a time, so that the idle reapers warmed for a launch are there for it. */
    private static final Object LAUNCH = new Object();
    /** Whether {@code true} could be started: if not, launches still work, teardown may lag. */
    private static volatile boolean canWarm = true;

    private ProcessLauncher() {
    }

    /**
     * The JDK waits for each child on a "process reaper" thread from a cached pool, and a
     * new one is created by the thread that starts the process when no reaper is idle: ours,
     * inside the namespace. Such a thread would hold the namespace (and keep it from being
     * freed) until it has been idle for a minute, long after the child ended. So before each
     * launch two {@code true} processes are started from here, outside, and waited for: they
     * leave idle reapers in the home namespace, one of which the launch then takes (two,
     * because a reaper that has just completed its process may not be back in the pool yet).
     * Each reaper stays busy while its child runs, so warming once for several launches is
     * not enough: three services started together would otherwise leave two reapers inside.
     * Costs two short processes per launch (about 2 ms).
     */
    private static void warmReapersAtHome() {
        if (!canWarm) {
            return;
        }
        try {
            Process a = new ProcessBuilder("true").redirectErrorStream(true).start();
            Process b = new ProcessBuilder("true").redirectErrorStream(true).start();
            a.waitFor();
            b.waitFor();
        } catch (IOException e) {
            canWarm = false; // no "true" on PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Process start(Netns ns, ProcessBuilder builder, PrintStream warnings) throws IOException {
        synchronized (LAUNCH) {
            warmReapersAtHome();
            return startInside(ns, builder, warnings);
        }
    }

    private static Process startInside(Netns ns, ProcessBuilder builder, PrintStream warnings) throws IOException {
        CompletableFuture<Process> result = new CompletableFuture<>();
        String name = ns.name().orElse(null);
        boolean sysReadOnly = isReadOnly("/sys");
        int fd = ns.acquire(); // the descriptor stays open until the child has started, even if ns closes
        Thread t = Thread.ofPlatform().name("netns4j-exec").unstarted(() -> {
            try {
                enter(fd, name, sysReadOnly, warnings);
                result.complete(builder.start());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        t.start();
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting a process in " + ns.describe(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } finally {
            joinQuietly(t);
            ns.release();
        }
    }

    /**
     * Replaces this process with {@code command} run inside {@code ns}, as {@code ip netns
     * exec} does: same pid, so the command gets every signal sent to it and whoever waits for
     * this process sees the command's own status (its exit code, or the signal that killed
     * it). The network and mount namespaces are set up as for {@link Netns#start} on a
     * throwaway platform thread, which then calls {@code execvpe(3)} (PATH searched as a
     * shell does, the environment {@link System#getenv()}); execve ends every other thread.
     * Descriptors past stdio are closed on exec, and the thread's signal mask is emptied
     * first (the JVM blocks SIGQUIT in its threads); signals the JVM was started with
     * ignored stay ignored, as for any exec. Flush Java's own buffered output first.
     *
     * <p>Returns only by throwing: when the namespace cannot be entered, or the command
     * cannot be executed ({@code exec of "CMD" failed: REASON}); the JVM is then as before.
     * For a command line tool only: a library's host process would be gone.
     *
     * @param ns the namespace to run the command in, open
     * @param command the program and its arguments, not empty; never passed through a shell
     * @throws IllegalArgumentException when {@code command} is empty
     * @throws IOException when the namespace cannot be entered or the command cannot be executed
     */
    public static void exec(Netns ns, List<String> command) throws IOException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to exec");
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        String name = ns.name().orElse(null);
        boolean sysReadOnly = isReadOnly("/sys");
        Map<String, String> environment = System.getenv();
        int fd = ns.acquire();
        Thread t = Thread.ofPlatform().name("netns4j-exec").unstarted(() -> {
            try {
                enter(fd, name, sysReadOnly, System.err);
                ProcessImage.closeOnExecPastStdio();
                byte[] mask = ProcessImage.unblockAllSignals();
                try {
                    ProcessImage.execvpe(command, environment);
                } finally {
                    ProcessImage.restoreSignalMask(mask);
                }
            } catch (ErrnoException e) {
                result.completeExceptionally(new NetnsException("exec of \"" + command.getFirst() + "\" failed: "
                        + Errno.describe(e.errno())));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
            result.complete(null);
        });
        t.start();
        try {
            result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while executing a command in " + ns.describe(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } finally {
            joinQuietly(t);
            ns.release();
        }
    }

    private static void enter(int fd, String name, boolean sysReadOnly, PrintStream warnings) throws NetnsException {
        try {
            LibC.setns(fd, LibC.CLONE_NEWNET);
        } catch (ErrnoException e) {
            throw Failures.of(e, "setting the network namespace" + (name == null ? "" : " \"" + name + "\"") + " failed");
        }
        try {
            LibC.unshare(LibC.CLONE_NEWNS);
        } catch (ErrnoException e) {
            throw Failures.of(e, "unshare failed");
        }
        try {
            LibC.mount("", "/", "none", LibC.MS_SLAVE | LibC.MS_REC);
        } catch (ErrnoException e) {
            throw Failures.of(e, "\"mount --make-rslave /\" failed");
        }
        try {
            LibC.umount2("/sys", LibC.MNT_DETACH);
        } catch (ErrnoException ignored) {
            // no sysfs was mounted there: fine, mount a fresh one
        }
        try {
            LibC.mount(name == null ? "sysfs" : name, "/sys", "sysfs", sysReadOnly ? LibC.MS_RDONLY : 0);
        } catch (ErrnoException e) {
            throw Failures.of(e, "mount of /sys failed");
        }
        if (name != null) {
            bindEtc(name, warnings);
        }
    }

    /** Binds /etc/netns/NAME/X over /etc/X; a failure is reported, not fatal (as ip does). */
    private static void bindEtc(String name, PrintStream warnings) {
        Path dir = ETC_NETNS.resolve(name);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path src : entries) {
                Path dst = Path.of("/etc").resolve(src.getFileName().toString());
                try {
                    LibC.mount(src.toString(), dst.toString(), "none", LibC.MS_BIND);
                } catch (ErrnoException e) {
                    warnings.println("Bind " + src + " -> " + dst + " failed: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            warnings.println("Cannot read " + dir + ": " + e.getMessage());
        }
    }

    /** Whether the mount at {@code mountPoint} is read-only, from /proc/self/mountinfo. */
    static boolean isReadOnly(String mountPoint) {
        try {
            boolean ro = false;
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length > 5 && f[4].equals(mountPoint)) {
                    ro = f[5].startsWith("ro"); // the last mount on a point is the visible one
                }
            }
            return ro;
        } catch (IOException e) {
            return false;
        }
    }

    private static void joinQuietly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
