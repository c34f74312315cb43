package io.netns4j.internal.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The system calls that replace this process's image with a command, as {@code ip netns exec}
 * does: every descriptor past stdio marked close-on-exec, the calling thread's signal mask
 * emptied (the JVM blocks some signals in its threads, and a mask survives execve), then
 * {@code execvpe(3)}'s search of PATH and {@code execve(2)}. All by number through
 * {@link LibC}'s one {@code syscall(2)} handle: a downcall handle of its own for each would
 * cost {@code netns exec} a linker stub each (about 10-15 ms of a 150 ms command).
 */
public final class ProcessImage {
    private static final int F_GETFD = 1;
    private static final int F_SETFD = 2;
    private static final int FD_CLOEXEC = 1;
    private static final int SIG_SETMASK = 2;
    /** The kernel's sigset_t on x86_64 and aarch64: 64 signals. */
    private static final long KERNEL_SIGSET_BYTES = 8;
    /** {@code close_range(2)}'s flag (Linux 5.11): mark instead of closing. */
    private static final long CLOSE_RANGE_CLOEXEC = 1L << 2;
    /** glibc's PATH when the environment has none ({@code confstr(_CS_PATH)}). */
    private static final String DEFAULT_PATH = "/bin:/usr/bin";

    private ProcessImage() {
    }

    /**
     * Marks every open descriptor above 2 close-on-exec: one {@code close_range(3, ~0U,
     * CLOSE_RANGE_CLOEXEC)}, or on a kernel older than 5.11 each descriptor of /proc/self/fd.
     */
    public static void closeOnExecPastStdio() throws IOException {
        long r = LibC.rawOrErrno(Syscall.CLOSE_RANGE, 3, 0xffff_ffffL, CLOSE_RANGE_CLOEXEC, 0);
        if (r >= 0) {
            return;
        }
        if (r != -Errno.ENOSYS && r != -Errno.EINVAL) {
            throw new IOException("close_range: " + Errno.describe((int) -r));
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path p : fds) {
                int fd;
                try {
                    fd = Integer.parseInt(p.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (fd > 2) {
                    setCloseOnExec(fd); // the directory's own descriptor too: harmless
                }
            }
        }
    }

    private static void setCloseOnExec(int fd) {
        long flags = LibC.rawOrErrno(Syscall.FCNTL, fd, F_GETFD, 0, 0);
        if (flags >= 0 && (flags & FD_CLOEXEC) == 0) { // < 0: closed meanwhile, nothing to mark
            LibC.rawOrErrno(Syscall.FCNTL, fd, F_SETFD, flags | FD_CLOEXEC, 0);
        }
    }

    /**
     * Empties the calling thread's signal mask (the JVM blocks SIGQUIT in its threads, and
     * execve keeps the mask). Returns the previous mask, to put back with {@link #restoreSignalMask} if exec fails.
     */
    public static byte[] unblockAllSignals() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment empty = arena.allocate(KERNEL_SIGSET_BYTES);
            MemorySegment old = arena.allocate(KERNEL_SIGSET_BYTES);
            long r = LibC.rawOrErrno(Syscall.RT_SIGPROCMASK, SIG_SETMASK, empty.address(), old.address(),
                    KERNEL_SIGSET_BYTES);
            if (r < 0) {
                throw new IllegalStateException("rt_sigprocmask: " + Errno.describe((int) -r));
            }
            return old.toArray(JAVA_BYTE);
        }
    }

    /** Puts back a mask {@link #unblockAllSignals} returned. */
    public static void restoreSignalMask(byte[] mask) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment set = arena.allocate(KERNEL_SIGSET_BYTES);
            MemorySegment.copy(mask, 0, set, JAVA_BYTE, 0, mask.length);
            long r = LibC.rawOrErrno(Syscall.RT_SIGPROCMASK, SIG_SETMASK, set.address(), 0, KERNEL_SIGSET_BYTES);
            if (r < 0) {
                throw new IllegalStateException("rt_sigprocmask: " + Errno.describe((int) -r));
            }
        }
    }

    /**
     * {@code execvpe(3)} as glibc does it: a name with a slash is executed as it is; any other is
     * looked up in each directory of PATH ({@code /bin:/usr/bin} without one; an empty entry is
     * the working directory), going on past a directory where it is missing or not allowed; a
     * file the kernel cannot execute (ENOEXEC: a script without {@code #!}) is run by
     * {@code /bin/sh}. Replaces this process's image; returns only by throwing, with EACCES if
     * some candidate was not allowed, else the last error.
     *
     * @param argv the program and its arguments, not empty
     * @param environment the new program's environment
     * @throws ErrnoException when no candidate could be executed
     */
    public static void execvpe(List<String> argv, Map<String, String> environment) throws ErrnoException {
        String file = argv.getFirst();
        if (file.isEmpty()) {
            throw new ErrnoException("execvpe", Errno.ENOENT);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment env = strings(arena, environment.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList());
            if (file.indexOf('/') >= 0) {
                throw new ErrnoException("execvpe", execve(arena, file, argv, env));
            }
            String path = environment.getOrDefault("PATH", System.getenv().getOrDefault("PATH", DEFAULT_PATH));
            boolean denied = false;
            int last = Errno.ENOENT;
            for (String dir : path.split(":", -1)) {
                last = execve(arena, dir.isEmpty() ? file : dir + "/" + file, argv, env);
                switch (last) {
                    case Errno.EACCES -> denied = true;
                    case Errno.ENOENT, Errno.ENOTDIR, Errno.ESTALE, Errno.ENODEV, Errno.ETIMEDOUT -> { }
                    default -> throw new ErrnoException("execvpe", last);
                }
            }
            throw new ErrnoException("execvpe", denied ? Errno.EACCES : last);
        }
    }

    /** One execve of {@code path}, then {@code /bin/sh path ARGS} on ENOEXEC; the errno it failed with. */
    private static int execve(Arena arena, String path, List<String> argv, MemorySegment env) {
        long r = LibC.rawOrErrno(Syscall.EXECVE, arena.allocateFrom(path).address(), strings(arena, argv).address(),
                env.address(), 0);
        if (r != -Errno.ENOEXEC) {
            return (int) -r; // execve returns only on failure
        }
        List<String> shell = new ArrayList<>(argv.size() + 1);
        shell.add("/bin/sh");
        shell.add(path);
        shell.addAll(argv.subList(1, argv.size()));
        return (int) -LibC.rawOrErrno(Syscall.EXECVE, arena.allocateFrom("/bin/sh").address(),
                strings(arena, shell).address(), env.address(), 0);
    }

    /** A NULL-terminated array of C strings, as execve takes. */
    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }
}
