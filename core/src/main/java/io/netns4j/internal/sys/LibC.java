package io.netns4j.internal.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Every downcall netns4j makes into the C library, and nothing else. Each call captures
 * errno in the same downcall and throws {@link ErrnoException} when the call fails; callers
 * translate that into public exceptions with their own context.
 *
 * <p>Nothing outside this package touches {@code java.lang.foreign} linkage. Strings and
 * small structs are allocated in a confined arena per call; the netlink hot path passes
 * its own preallocated buffers.
 */
public final class LibC {
    public static final int AF_NETLINK = 16;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SOL_NETLINK = 270;
    public static final int AF_PACKET = 17;
    public static final int SOL_PACKET = 263;
    public static final int PACKET_QDISC_BYPASS = 20;
    public static final int MSG_PEEK = 0x2;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;

    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0x40;
    public static final int O_EXCL = 0x80;
    public static final int O_DIRECTORY = 0x10000;
    public static final int O_CLOEXEC = 0x80000;

    public static final long MS_RDONLY = 1;
    public static final long MS_BIND = 4096;
    public static final long MS_REC = 16384;
    public static final long MS_PRIVATE = 1L << 18;
    public static final long MS_SLAVE = 1L << 19;
    public static final long MS_SHARED = 1L << 20;
    public static final int MNT_DETACH = 2;

    public static final int LOCK_EX = 2;
    public static final int LOCK_UN = 8;

    public static final int CLONE_NEWNS = 0x00020000;
    public static final int CLONE_NEWNET = 0x40000000;

    public static final int IN_CLOEXEC = 0x80000;
    public static final int IN_NONBLOCK = 0x800;
    public static final short POLLIN = 1;
    public static final int IN_CREATE = 0x100;
    public static final int IN_DELETE = 0x200;

    /** {@code statfs.f_type} of the namespace filesystem (nsfs). */
    public static final long NSFS_MAGIC = 0x6e736673L;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup C = LINKER.defaultLookup();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

    /**
     * {@code long syscall(long number, ...)}: one downcall handle for every plain system call
     * ({@link Syscall}; poll and strerror keep their own): each distinct function descriptor
     * costs the FFM linker a stub of its own when first used (about 12 ms of CPU each in a
     * fresh JVM, and a command used a dozen), one shape for all saves most of that. Arguments
     * are {@code long}s, pointers by address (the segment kept reachable across the call).
     *
     * <p>The descriptor does not declare {@code syscall}'s arguments variadic
     * ({@code Linker.Option.firstVariadicArg}): that option made the linker build a larger stub,
     * about 11 ms more of a fresh JVM's start (bench/floor/floor.sh, "downcall" against
     * "downcall, declared variadic"), and changes nothing here: all arguments are integers,
     * which the x86_64 System V and the Linux AArch64 calling conventions pass the same way to a
     * variadic function as to any other (the JDK's x86_64 linker sets {@code %al}, the count of
     * vector registers a variadic callee reads, on every call), and glibc's {@code syscall} is
     * assembly that takes its arguments where those conventions put any integer argument.
     */
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(C.findOrThrow("syscall"),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            CAPTURE_ERRNO);
    static {
        if (!Syscall.Machine.SUPPORTED) {
            throw new UnsupportedOperationException("netns4j runs on x86_64 and aarch64 Linux, not on "
                    + Syscall.Machine.ARCH);
        }
    }
    /** {@code AT_FDCWD}: openat relative to the working directory, as open(2) does. */
    private static final long AT_FDCWD = -100;

    private LibC() {
    }

    // Handles used by few commands are made on first use (class holders): the FFM linker
    // costs start-up time for every handle made eagerly.

    private static final class WatchCalls {
        static final MethodHandle POLL = errnoCall("poll", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    }

    private static final class FactCalls {
        static final MethodHandle STRERROR = plainCall("strerror", ADDRESS, JAVA_INT);
    }

    /** One {@link #SYSCALL}: the raw result, -1 with errno in {@code cs} on failure. */
    private static long syscall(MemorySegment cs, long number, long a, long b, long c, long d, long e, long f)
            throws Throwable {
        return (long) SYSCALL.invokeExact(cs, number, a, b, c, d, e, f);
    }

    /**
     * One plain system call by number, for the other classes of this package (ProcessImage):
     * the result, or {@code -errno} on failure (no exception, whose message would cost a
     * strerror downcall: a PATH search fails several times before it succeeds). Pointers are
     * passed as {@link MemorySegment#address()} of segments the caller keeps alive across the call.
     */
    static long rawOrErrno(Syscall number, long a, long b, long c, long d) {
        MemorySegment cs = CAPTURE.get();
        long r;
        try {
            r = syscall(cs, number.number, a, b, c, d, 0, 0);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
        return r < 0 ? -errno(cs) : r;
    }

    private static MethodHandle errnoCall(String name, ValueLayout result, ValueLayout... args) {
        return LINKER.downcallHandle(C.findOrThrow(name), FunctionDescriptor.of(result, args), CAPTURE_ERRNO);
    }

    private static MethodHandle plainCall(String name, ValueLayout result, ValueLayout... args) {
        return LINKER.downcallHandle(C.findOrThrow(name), FunctionDescriptor.of(result, args));
    }

    private static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    private static int check(String call, MemorySegment capture, int result) throws ErrnoException {
        if (result < 0) {
            throw new ErrnoException(call, errno(capture));
        }
        return result;
    }

    private static long check(String call, MemorySegment capture, long result) throws ErrnoException {
        if (result < 0) {
            throw new ErrnoException(call, errno(capture));
        }
        return result;
    }

    /** Lets an {@link ErrnoException} through; anything else is a linkage bug. */
    private static RuntimeException rethrow(Throwable t) throws ErrnoException {
        if (t instanceof ErrnoException e) {
            throw e;
        }
        return linkageFailure(t);
    }

    private static RuntimeException linkageFailure(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }

    // ---- sockets ----

    /** {@code socket(2)}. */
    public static int socket(int domain, int type, int protocol) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try {
            return (int) check("socket", cs, syscall(cs, Syscall.SOCKET.number, domain, type, protocol, 0, 0, 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code bind(2)} with an address already laid out in {@code addr}. */
    public static void bind(int fd, MemorySegment addr) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try {
            check("bind", cs, syscall(cs, Syscall.BIND.number, fd, addr.address(), addr.byteSize(), 0, 0, 0));
            Reference.reachabilityFence(addr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code getsockname(2)} into {@code addr}; returns the address length. */
    public static int getsockname(int fd, MemorySegment addr) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment len = arena.allocateFrom(JAVA_INT, (int) addr.byteSize());
            check("getsockname", cs, syscall(cs, Syscall.GETSOCKNAME.number, fd, addr.address(), len.address(), 0, 0, 0));
            Reference.reachabilityFence(addr);
            return len.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code setsockopt(2)} with an int value. */
    public static void setsockopt(int fd, int level, int name, int value) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            setsockopt(fd, level, name, arena.allocateFrom(JAVA_INT, value));
        }
    }

    /** {@code setsockopt(2)} with a raw value. */
    public static void setsockopt(int fd, int level, int name, MemorySegment value) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try {
            check("setsockopt", cs, syscall(cs, Syscall.SETSOCKOPT.number, fd, level, name, value.address(), value.byteSize(), 0));
            Reference.reachabilityFence(value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code send(2)}; returns the bytes sent. */
    public static long send(int fd, MemorySegment buf, long len, int flags) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try {
            long sent = check("send", cs, syscall(cs, Syscall.SENDTO.number, fd, buf.address(), len, flags, 0, 0));
            Reference.reachabilityFence(buf);
            return sent;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code recv(2)}; with MSG_TRUNC the result is the datagram's full length. */
    public static long recv(int fd, MemorySegment buf, long len, int flags) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try {
            long received = check("recv", cs, syscall(cs, Syscall.RECVFROM.number, fd, buf.address(), len, flags, 0, 0));
            Reference.reachabilityFence(buf);
            return received;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;

    /**
     * {@code mmap(NULL, size, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)}: memory
     * the kernel fills with zeros a page at a time when it is first touched, so a large buffer
     * of which a call uses one page costs one page (an {@code Arena} zeroes all of it at once).
     * The segment is not bound to an arena: the caller {@link #unmap}s it exactly once, and never
     * touches it after.
     */
    public static MemorySegment mapAnonymous(long size) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try {
            long address = check("mmap", cs, syscall(cs, Syscall.MMAP.number, 0, size, PROT_READ_WRITE,
                    MAP_PRIVATE_ANONYMOUS, -1, 0));
            return MemorySegment.ofAddress(address).reinterpret(size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code munmap(2)} of a segment from {@link #mapAnonymous}. */
    public static void unmap(MemorySegment mapped) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try {
            check("munmap", cs, syscall(cs, Syscall.MUNMAP.number, mapped.address(), mapped.byteSize(), 0, 0, 0, 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code read(2)}. */
    public static long read(int fd, MemorySegment buf, long len) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try {
            long n = check("read", cs, syscall(cs, Syscall.READ.number, fd, buf.address(), len, 0, 0, 0));
            Reference.reachabilityFence(buf);
            return n;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code write(2)}; returns the bytes written. */
    public static long write(int fd, MemorySegment buf, long len) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try {
            long n = check("write", cs, syscall(cs, Syscall.WRITE.number, fd, buf.address(), len, 0, 0, 0));
            Reference.reachabilityFence(buf);
            return n;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code poll(2)} on {@code count} {@code struct pollfd}s laid out in {@code fds}: no allocation; 0 on timeout or EINTR. */
    public static int poll(MemorySegment fds, int count, int timeoutMillis) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try {
            int n = (int) WatchCalls.POLL.invokeExact(cs, fds, (long) count, timeoutMillis);
            if (n < 0 && errno(cs) == Errno.EINTR) {
                return 0;
            }
            return check("poll", cs, n);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code close(2)}. */
    public static void close(int fd) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try {
            check("close", cs, syscall(cs, Syscall.CLOSE.number, fd, 0, 0, 0, 0, 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Closes {@code fd} when it is valid, ignoring errors (for cleanup paths). */
    public static void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                close(fd);
            } catch (ErrnoException ignored) {
                // nothing useful to do on a cleanup path
            }
        }
    }

    // ---- files and mounts ----

    /** {@code open(2)}. */
    public static int open(String path, int flags, int mode) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom(path);
            return (int) check("open", cs, syscall(cs, Syscall.OPENAT.number, AT_FDCWD, name.address(), flags, mode, 0, 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code ioctl(2)} whose argument is a pointer to {@code arg}. */
    public static int ioctl(int fd, long request, MemorySegment arg) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try {
            int r = (int) check("ioctl", cs, syscall(cs, Syscall.IOCTL.number, fd, request, arg.address(), 0, 0, 0));
            Reference.reachabilityFence(arg);
            return r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code ioctl(2)} whose argument is a plain number (e.g. TUNSETPERSIST's 1). */
    public static int ioctl(int fd, long request, long arg) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try {
            return (int) check("ioctl", cs, syscall(cs, Syscall.IOCTL.number, fd, request, arg, 0, 0, 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code mkdir(2)}. */
    public static void mkdir(String path, int mode) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            check("mkdir", cs, syscall(cs, Syscall.MKDIRAT.number, AT_FDCWD, arena.allocateFrom(path).address(), mode, 0, 0, 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code unlink(2)}. */
    public static void unlink(String path) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            check("unlink", cs, syscall(cs, Syscall.UNLINKAT.number, AT_FDCWD, arena.allocateFrom(path).address(), 0, 0, 0, 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code mount(2)}; {@code source} and {@code fstype} may be null. */
    public static void mount(String source, String target, String fstype, long flags) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = source == null ? MemorySegment.NULL : arena.allocateFrom(source);
            MemorySegment type = fstype == null ? MemorySegment.NULL : arena.allocateFrom(fstype);
            check("mount", cs, syscall(cs, Syscall.MOUNT.number, src.address(), arena.allocateFrom(target).address(),
                    type.address(), flags, 0, 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code umount2(2)}. */
    public static void umount2(String target, int flags) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            check("umount2", cs, syscall(cs, Syscall.UMOUNT2.number, arena.allocateFrom(target).address(), flags, 0, 0, 0, 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code flock(2)}. */
    public static void flock(int fd, int operation) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try {
            check("flock", cs, syscall(cs, Syscall.FLOCK.number, fd, operation, 0, 0, 0, 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code fstatfs(2)}: the filesystem type ({@code f_type}) of an open file. */
    public static long fstatfsType(int fd) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(128, 8); // struct statfs is 120 bytes on 64-bit Linux
            check("fstatfs", cs, syscall(cs, Syscall.FSTATFS.number, fd, buf.address(), 0, 0, 0, 0));
            return buf.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- namespaces ----

    /** {@code setns(2)}: moves the calling thread into the namespace behind {@code fd}. */
    public static void setns(int fd, int nstype) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try {
            check("setns", cs, syscall(cs, Syscall.SETNS.number, fd, nstype, 0, 0, 0, 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code unshare(2)}: gives the calling thread new namespaces of the given kinds. */
    public static void unshare(int flags) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try {
            check("unshare", cs, syscall(cs, Syscall.UNSHARE.number, flags, 0, 0, 0, 0, 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- inotify ----

    /** {@code inotify_init1(2)}. */
    public static int inotifyInit(int flags) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try {
            return (int) check("inotify_init1", cs, syscall(cs, Syscall.INOTIFY_INIT1.number, flags, 0, 0, 0, 0, 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code inotify_add_watch(2)}. */
    public static int inotifyAddWatch(int fd, String path, int mask) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            return (int) check("inotify_add_watch", cs,
                    syscall(cs, Syscall.INOTIFY_ADD_WATCH.number, fd, arena.allocateFrom(path).address(), mask, 0, 0, 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code poll(2)} on one descriptor for input.
     *
     * @return true when {@code fd} is readable, false when the timeout passed
     */
    public static boolean pollIn(int fd, int timeoutMillis) throws ErrnoException {
        MemorySegment cs = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pfd = arena.allocate(8, 4); // struct pollfd
            pfd.set(JAVA_INT, 0, fd);
            pfd.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
            int n = (int) WatchCalls.POLL.invokeExact(cs, pfd, 1L, timeoutMillis);
            if (n < 0 && errno(cs) == Errno.EINTR) {
                return false;
            }
            return check("poll", cs, n) > 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- process facts ----

    /** {@code geteuid(2)}. */
    public static int geteuid() {
        try {
            return (int) syscall(CAPTURE.get(), Syscall.GETEUID.number, 0, 0, 0, 0, 0, 0);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code gettid(2)}: the kernel's id of the calling thread. */
    public static int gettid() {
        try {
            return (int) syscall(CAPTURE.get(), Syscall.GETTID.number, 0, 0, 0, 0, 0, 0);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code strerror(3)}. */
    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) FactCalls.STRERROR.invokeExact(errno);
            return s.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }
}
