package io.netns4j.internal.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The downcalls that replace this process's image with a command, as {@code ip netns exec}
 * does: every descriptor past stdio marked close-on-exec, the calling thread's signal mask
 * emptied (the JVM blocks some signals in its threads, and a mask survives execve), then
 * {@code execvpe(3)}. Kept apart from {@link LibC}: used by one command path only, and its
 * handles are made on first use.
 */
public final class ProcessImage {
    private static final int F_GETFD = 1;
    private static final int F_SETFD = 2;
    private static final int FD_CLOEXEC = 1;
    private static final int SIG_SETMASK = 2;
    /** glibc's sigset_t: 1024 bits. */
    private static final long SIGSET_BYTES = 128;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup C = LINKER.defaultLookup();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final MethodHandle EXECVPE = LINKER.downcallHandle(C.findOrThrow("execvpe"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), CAPTURE_ERRNO);
    private static final MethodHandle FCNTL = LINKER.downcallHandle(C.findOrThrow("fcntl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE_ERRNO,
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle PTHREAD_SIGMASK = LINKER.downcallHandle(C.findOrThrow("pthread_sigmask"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));

    private ProcessImage() {
    }

    /** Marks every open descriptor above 2 close-on-exec (from /proc/self/fd). */
    public static void closeOnExecPastStdio() throws IOException {
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
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
            int flags = (int) FCNTL.invokeExact(capture, fd, F_GETFD, 0);
            if (flags >= 0 && (flags & FD_CLOEXEC) == 0) {
                int ignored = (int) FCNTL.invokeExact(capture, fd, F_SETFD, flags | FD_CLOEXEC);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("fcntl failed", t);
        }
    }

    /**
     * Empties the calling thread's signal mask (the JVM blocks SIGQUIT in its threads, and
     * execve keeps the mask). Returns the previous mask, to put back with {@link #restoreSignalMask} if exec fails.
     */
    public static byte[] unblockAllSignals() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment empty = arena.allocate(SIGSET_BYTES);
            MemorySegment old = arena.allocate(SIGSET_BYTES);
            int r = (int) PTHREAD_SIGMASK.invokeExact(SIG_SETMASK, empty, old);
            if (r != 0) {
                throw new IllegalStateException("pthread_sigmask: " + Errno.describe(r));
            }
            return old.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("pthread_sigmask failed", t);
        }
    }

    /** Puts back a mask {@link #unblockAllSignals} returned. */
    public static void restoreSignalMask(byte[] mask) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment set = arena.allocate(SIGSET_BYTES);
            MemorySegment.copy(mask, 0, set, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, mask.length);
            int ignored = (int) PTHREAD_SIGMASK.invokeExact(SIG_SETMASK, set, MemorySegment.NULL);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("pthread_sigmask failed", t);
        }
    }

    /**
     * {@code execvpe(3)}: searches PATH as a shell does and replaces this process's image.
     * Returns only by throwing.
     */
    public static void execvpe(List<String> argv, Map<String, String> environment) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment args = arena.allocate(ADDRESS, argv.size() + 1L);
            for (int i = 0; i < argv.size(); i++) {
                args.setAtIndex(ADDRESS, i, arena.allocateFrom(argv.get(i)));
            }
            args.setAtIndex(ADDRESS, argv.size(), MemorySegment.NULL);
            MemorySegment env = arena.allocate(ADDRESS, environment.size() + 1L);
            int i = 0;
            for (Map.Entry<String, String> e : environment.entrySet()) {
                env.setAtIndex(ADDRESS, i++, arena.allocateFrom(e.getKey() + "=" + e.getValue()));
            }
            env.setAtIndex(ADDRESS, i, MemorySegment.NULL);
            MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) EXECVPE.invokeExact(capture, arena.allocateFrom(argv.getFirst()), args, env);
            throw new ErrnoException("execvpe", r < 0 ? (int) ERRNO.get(capture, 0L) : 0);
        } catch (ErrnoException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("execvpe failed", t);
        }
    }
}
