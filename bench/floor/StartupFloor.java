import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The floor under netns4j's start-up (bench/floor/floor.sh): a JVM that prints a line
 * ({@code hello}), that also gets the FFM linker and libc's symbols ({@code linker}), and that
 * also makes the one downcall handle netns4j's commands need, {@code syscall(2)} with errno
 * captured, and calls it once ({@code downcall}: getpid by number), or the same handle with its
 * arguments declared variadic as netns4j made it before ({@code downcall-variadic}), or with
 * neither errno capture nor variadic arguments ({@code downcall-plain}).
 */
public final class StartupFloor {
    private StartupFloor() {
    }

    public static void main(String[] args) throws Throwable {
        String mode = args.length > 0 ? args[0] : "hello";
        if (mode.equals("hello")) {
            System.out.println("hello");
            return;
        }
        Linker linker = Linker.nativeLinker();
        MemorySegment syscall = linker.defaultLookup().findOrThrow("syscall");
        if (mode.equals("linker")) {
            System.out.println(syscall.address() != 0);
            return;
        }
        FunctionDescriptor longs = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                JAVA_LONG, JAVA_LONG, JAVA_LONG);
        long getpid = System.getProperty("os.arch").equals("aarch64") ? 172 : 39;
        if (mode.equals("downcall-plain")) {
            System.out.println((long) linker.downcallHandle(syscall, longs).invokeExact(getpid, 0L, 0L, 0L, 0L, 0L, 0L));
            return;
        }
        MethodHandle h = mode.equals("downcall-variadic")
                ? linker.downcallHandle(syscall, longs, Linker.Option.captureCallState("errno"),
                        Linker.Option.firstVariadicArg(1))
                : linker.downcallHandle(syscall, longs, Linker.Option.captureCallState("errno"));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            System.out.println((long) h.invokeExact(state, getpid, 0L, 0L, 0L, 0L, 0L, 0L));
        }
    }
}
