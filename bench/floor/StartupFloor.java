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
 * captured, and calls it once ({@code downcall}: getpid by number).
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
        MethodHandle h = linker.downcallHandle(syscall, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG,
                JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.captureCallState("errno"),
                Linker.Option.firstVariadicArg(1));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            long getpid = System.getProperty("os.arch").equals("aarch64") ? 172 : 39;
            System.out.println((long) h.invokeExact(state, getpid, 0L, 0L, 0L, 0L, 0L, 0L));
        }
    }
}
