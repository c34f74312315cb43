package io.netns4j.internal.sys;

/**
 * The kernel's system calls that {@link LibC} makes by number through {@code syscall(2)}, with
 * their numbers on the two architectures netns4j runs on (x86_64:
 * arch/x86/entry/syscalls/syscall_64.tbl; aarch64: include/uapi/asm-generic/unistd.h).
 * SyscallTest runs each on the machine that runs the tests.
 */
enum Syscall {
    READ(0, 63), WRITE(1, 64), CLOSE(3, 57), MMAP(9, 222), MUNMAP(11, 215), RT_SIGPROCMASK(14, 135), IOCTL(16, 29), SOCKET(41, 198),
    SENDTO(44, 206), RECVFROM(45, 207), BIND(49, 200), GETSOCKNAME(51, 204), SETSOCKOPT(54, 208), EXECVE(59, 221),
    FCNTL(72, 25), FLOCK(73, 32), GETEUID(107, 175), FSTATFS(138, 44), MOUNT(165, 40), UMOUNT2(166, 39),
    GETTID(186, 178), INOTIFY_ADD_WATCH(254, 27), OPENAT(257, 56), MKDIRAT(258, 34), UNLINKAT(263, 35),
    UNSHARE(272, 97), INOTIFY_INIT1(294, 26), SETNS(308, 268), CLOSE_RANGE(436, 436);

    private final long x86;
    private final long aarch64;
    /** The number on this machine. */
    final long number;

    Syscall(long x86, long aarch64) {
        this.x86 = x86;
        this.aarch64 = aarch64;
        this.number = Machine.X86 ? x86 : aarch64;
    }

    /**
     * @param arch an {@code os.arch} value
     * @return this call's number on that architecture
     * @throws UnsupportedOperationException on an architecture other than x86_64 and aarch64
     */
    long numberOn(String arch) {
        return switch (arch) {
            case "amd64", "x86_64" -> x86;
            case "aarch64", "arm64" -> aarch64;
            default -> throw new UnsupportedOperationException(
                    "netns4j runs on x86_64 and aarch64 Linux, not on " + arch);
        };
    }

    /** This JVM's architecture, checked once: LibC refuses to start on another. */
    static final class Machine {
        static final String ARCH = System.getProperty("os.arch");
        static final boolean X86 = ARCH.equals("amd64") || ARCH.equals("x86_64");
        static final boolean SUPPORTED = X86 || ARCH.equals("aarch64") || ARCH.equals("arm64");

        private Machine() {
        }
    }
}
