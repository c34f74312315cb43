package io.netns4j.internal.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The downcalls behind {@code io.netns4j.ProcessSignals}: {@code kill(2)} and
 * {@code setsid(2)}. Kept apart from {@link LibC}: used by process supervision only, and the
 * handles are made on first use.
 */
public final class SignalCalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private SignalCalls() {
    }

    private static final class Handles {
        static final MethodHandle KILL = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("kill"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
        static final MethodHandle SETSID = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("setsid"),
                FunctionDescriptor.of(JAVA_INT), CAPTURE_ERRNO);
    }

    /** {@code kill(pid, signal)}; a negative pid names a process group. */
    public static void kill(int pid, int signal) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) Handles.KILL.invokeExact(capture, pid, signal);
            if (r < 0) {
                throw new ErrnoException("kill", (int) ERRNO.get(capture, 0L));
            }
        } catch (ErrnoException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("kill failed", t);
        }
    }

    /** {@code setsid()}: the new session's id (this process's pid). */
    public static int setsid() throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) Handles.SETSID.invokeExact(capture);
            if (r < 0) {
                throw new ErrnoException("setsid", (int) ERRNO.get(capture, 0L));
            }
            return r;
        } catch (ErrnoException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("setsid failed", t);
        }
    }
}
