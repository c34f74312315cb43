package io.netns4j.internal.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.locks.ReentrantLock;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Every downcall into libnftables ({@code include/nftables/libnftables.h}), the library
 * behind the {@code nft} command: it parses the nft command language (or JSON), talks
 * nf_tables netlink to the kernel in one transaction per call, and prints listings.
 *
 * <p>The library ({@value #SONAME}, or the one system property {@value #LIBRARY_PROPERTY}
 * names) is loaded on first use, never at class initialisation of anything else; when it is
 * missing, {@link #run} throws {@link MissingLibraryException} naming the Debian package. Each {@link #run} makes a fresh context ({@code nft_ctx_new}), whose netfilter
 * netlink socket is opened right there: <b>the calling thread must already be inside the
 * target network namespace</b> (run it on a {@link NamespaceThreads} worker). Calls are
 * serialised process-wide because libnftables keeps global state (its interface cache,
 * one-time initialisation) that is not thread-safe.
 */
public final class LibNftables {
    /** {@code NFT_CTX_OUTPUT_*} flags for {@link #run}. */
    public static final int OUTPUT_REVERSEDNS = 1;
    public static final int OUTPUT_SERVICE = 1 << 1;
    public static final int OUTPUT_STATELESS = 1 << 2;
    public static final int OUTPUT_HANDLE = 1 << 3;
    public static final int OUTPUT_JSON = 1 << 4;
    public static final int OUTPUT_ECHO = 1 << 5;
    public static final int OUTPUT_GUID = 1 << 6;
    public static final int OUTPUT_NUMERIC_PROTO = 1 << 7;
    public static final int OUTPUT_NUMERIC_PRIO = 1 << 8;
    public static final int OUTPUT_NUMERIC_SYMBOL = 1 << 9;
    public static final int OUTPUT_NUMERIC_TIME = 1 << 10;
    public static final int OUTPUT_NUMERIC_ALL =
            OUTPUT_NUMERIC_PROTO | OUTPUT_NUMERIC_PRIO | OUTPUT_NUMERIC_SYMBOL | OUTPUT_NUMERIC_TIME;
    public static final int OUTPUT_TERSE = 1 << 11;

    /** The shared object's soname, and the Debian package that ships it. */
    public static final String SONAME = "libnftables.so.1";
    public static final String PACKAGE = "libnftables1";
    /** A system property naming another libnftables to load (a soname or a path). */
    public static final String LIBRARY_PROPERTY = "netns4j.libnftables";

    private static final int NFT_CTX_DEFAULT = 0;
    private static final int NETLINK_NETFILTER = 12;
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static volatile Bindings bindings;
    private static volatile String missing;

    private LibNftables() {
    }

    /** The outcome of one call: libnftables' status (0 = success), its output and its error text. */
    public record Result(int status, String output, String errors) {
        public boolean ok() {
            return status == 0;
        }
    }

    /** libnftables is not installed (or not loadable) on this machine. */
    public static final class MissingLibraryException extends Exception {
        private static final long serialVersionUID = 1L;

        MissingLibraryException(String message) {
            super(message, null, false, false);
        }
    }

    /** The downcall handles, resolved once. */
    private record Bindings(MethodHandle ctxNew, MethodHandle ctxFree, MethodHandle setOutputFlags,
                            MethodHandle setDryRun, MethodHandle bufferOutput, MethodHandle bufferError,
                            MethodHandle getOutput, MethodHandle getError, MethodHandle runBuffer,
                            MethodHandle runFilename) {
    }

    private static Bindings bindings() throws MissingLibraryException {
        Bindings b = bindings;
        if (b != null) {
            return b;
        }
        synchronized (LibNftables.class) {
            if (bindings == null && missing == null) {
                String library = System.getProperty(LIBRARY_PROPERTY, SONAME);
                try {
                    bindings = link(SymbolLookup.libraryLookup(library, Arena.global()));
                } catch (IllegalArgumentException | UnsatisfiedLinkError | java.util.NoSuchElementException e) {
                    missing = "libnftables (" + library + ") cannot be loaded: " + e.getMessage() + ". Install it with"
                            + " \"apt-get install " + PACKAGE + "\" (Debian; it comes with the nftables package)";
                }
            }
            if (bindings == null) {
                throw new MissingLibraryException(missing);
            }
            return bindings;
        }
    }

    private static Bindings link(SymbolLookup lib) {
        Linker linker = Linker.nativeLinker();
        return new Bindings(
                linker.downcallHandle(lib.findOrThrow("nft_ctx_new"), FunctionDescriptor.of(ADDRESS, JAVA_INT)),
                linker.downcallHandle(lib.findOrThrow("nft_ctx_free"), FunctionDescriptor.ofVoid(ADDRESS)),
                linker.downcallHandle(lib.findOrThrow("nft_ctx_output_set_flags"),
                        FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT)),
                linker.downcallHandle(lib.findOrThrow("nft_ctx_set_dry_run"),
                        FunctionDescriptor.ofVoid(ADDRESS, JAVA_BOOLEAN)),
                linker.downcallHandle(lib.findOrThrow("nft_ctx_buffer_output"), FunctionDescriptor.of(JAVA_INT, ADDRESS)),
                linker.downcallHandle(lib.findOrThrow("nft_ctx_buffer_error"), FunctionDescriptor.of(JAVA_INT, ADDRESS)),
                linker.downcallHandle(lib.findOrThrow("nft_ctx_get_output_buffer"),
                        FunctionDescriptor.of(ADDRESS, ADDRESS)),
                linker.downcallHandle(lib.findOrThrow("nft_ctx_get_error_buffer"),
                        FunctionDescriptor.of(ADDRESS, ADDRESS)),
                linker.downcallHandle(lib.findOrThrow("nft_run_cmd_from_buffer"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
                linker.downcallHandle(lib.findOrThrow("nft_run_cmd_from_filename"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)));
    }

    /**
     * Runs {@code commands} (nft command language, or JSON when {@code OUTPUT_JSON} is set and
     * the text is JSON), as {@code nft COMMANDS} would, in the namespace of the calling thread.
     *
     * @param outputFlags {@code OUTPUT_*} flags, e.g. {@link #OUTPUT_JSON} for {@code nft -j}
     * @param dryRun      parse and check only, change nothing ({@code nft -c})
     * @throws ErrnoException when no netfilter netlink socket can be opened here
     */
    public static Result run(String commands, int outputFlags, boolean dryRun)
            throws MissingLibraryException, ErrnoException {
        return call(outputFlags, dryRun, false, commands);
    }

    /** Runs the file at {@code path}, as {@code nft -f PATH} does; see {@link #run}. */
    public static Result runFile(String path, int outputFlags, boolean dryRun)
            throws MissingLibraryException, ErrnoException {
        return call(outputFlags, dryRun, true, path);
    }

    private static Result call(int flags, boolean dryRun, boolean file, String input)
            throws MissingLibraryException, ErrnoException {
        Bindings b = bindings();
        probeNetfilterSocket();
        LOCK.lock();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ctx = (MemorySegment) b.ctxNew().invokeExact(NFT_CTX_DEFAULT);
            if (ctx.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("nft_ctx_new failed");
            }
            try {
                b.setOutputFlags().invokeExact(ctx, flags);
                b.setDryRun().invokeExact(ctx, dryRun);
                int unused1 = (int) b.bufferOutput().invokeExact(ctx);
                int unused2 = (int) b.bufferError().invokeExact(ctx);
                MemorySegment arg = arena.allocateFrom(input);
                int status = file ? (int) b.runFilename().invokeExact(ctx, arg)
                        : (int) b.runBuffer().invokeExact(ctx, arg);
                String out = text((MemorySegment) b.getOutput().invokeExact(ctx));
                String err = text((MemorySegment) b.getError().invokeExact(ctx));
                return new Result(status, out, err);
            } finally {
                b.ctxFree().invokeExact(ctx);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("libnftables call failed", t);
        } finally {
            LOCK.unlock();
        }
    }

    /**
     * libnftables ends the whole process ({@code exit(3)}) when it cannot open its netlink
     * socket; open one first so that the failure becomes an exception instead.
     */
    private static void probeNetfilterSocket() throws ErrnoException {
        int fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, NETLINK_NETFILTER);
        LibC.closeQuietly(fd);
    }

    private static String text(MemorySegment cString) {
        if (cString.equals(MemorySegment.NULL)) {
            return "";
        }
        return cString.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
