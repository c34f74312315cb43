package io.netns4j.internal.sys;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The calls {@link LibC} makes by number through {@code syscall(2)} do what their names say on
 * this machine (no root needed): a netlink socket is made, bound, named, tuned, asked for this
 * namespace's id and answered, and closed; a namespace file opens and is nsfs; errors come back
 * as errno; files are made, locked, written, read, watched and removed; the ids are this
 * process's. A wrong number would fail here, not in a user's namespace (mount, umount2, setns
 * and unshare need root: the namespace tests run them).
 */
class SyscallTest {
    @Test
    void eachCallByNumberDoesWhatItsNameSays() throws Exception {
        int fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, 0); // NETLINK_ROUTE
        try (Arena arena = Arena.ofConfined()) {
            assertTrue(fd >= 0);
            LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, 65536);
            MemorySegment addr = arena.allocate(12, 4); // sockaddr_nl, port chosen by the kernel
            addr.set(JAVA_SHORT, 0, (short) LibC.AF_NETLINK);
            LibC.bind(fd, addr);
            MemorySegment named = arena.allocate(12, 4);
            assertEquals(12, LibC.getsockname(fd, named));
            assertEquals(LibC.AF_NETLINK, named.get(JAVA_SHORT, 0));
            assertTrue(named.get(JAVA_INT, 4) != 0, "the kernel gave the socket a port id");
            // RTM_GETLINK for lo (index 1): nlmsghdr + ifinfomsg, NLM_F_REQUEST
            MemorySegment request = arena.allocate(32, 4);
            request.set(JAVA_INT, 0, 32);
            request.set(JAVA_SHORT, 4, (short) 18);
            request.set(JAVA_SHORT, 6, (short) 1);
            request.set(JAVA_INT, 8, 7);
            request.set(JAVA_INT, 20, 1);
            assertEquals(32, LibC.send(fd, request, 32, 0));
            MemorySegment answer = arena.allocate(8192, 8);
            long n = LibC.recv(fd, answer, 8192, 0);
            assertTrue(n >= 16, "an answer of " + n + " bytes");
            assertEquals(7, answer.get(JAVA_INT, 8), "the answer carries the request's sequence number");
        } finally {
            LibC.close(fd);
        }
        ErrnoException closedTwice = assertThrows(ErrnoException.class, () -> LibC.close(fd));
        assertEquals(Errno.EBADF, closedTwice.errno());
        int ns = LibC.open("/proc/self/ns/net", LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        try {
            assertEquals(LibC.NSFS_MAGIC, LibC.fstatfsType(ns));
        } finally {
            LibC.close(ns);
        }
        ErrnoException missing = assertThrows(ErrnoException.class,
                () -> LibC.open("/proc/self/no-such-file", LibC.O_RDONLY, 0));
        assertEquals(Errno.ENOENT, missing.errno());
    }

    @Test
    void filesAndIdsByNumber() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("n4j-syscall-");
        String sub = dir.resolve("d").toString();
        String file = dir.resolve("f").toString();
        try (Arena arena = Arena.ofConfined()) {
            LibC.mkdir(sub, 0755);
            assertTrue(java.nio.file.Files.isDirectory(java.nio.file.Path.of(sub)));
            int watch = LibC.inotifyInit(LibC.IN_CLOEXEC | LibC.IN_NONBLOCK);
            try {
                assertTrue(LibC.inotifyAddWatch(watch, dir.toString(), LibC.IN_CREATE | LibC.IN_DELETE) >= 0);
                int fd = LibC.open(file, LibC.O_RDWR | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC, 0600);
                try {
                    LibC.flock(fd, LibC.LOCK_EX);
                    MemorySegment text = arena.allocateFrom("hello");
                    assertEquals(5, LibC.write(fd, text, 5));
                    LibC.flock(fd, LibC.LOCK_UN);
                } finally {
                    LibC.close(fd);
                }
                assertEquals("hello", java.nio.file.Files.readString(java.nio.file.Path.of(file)));
                int again = LibC.open(file, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
                try {
                    MemorySegment available = arena.allocate(JAVA_INT);
                    LibC.ioctl(again, 0x541B, available); // FIONREAD
                    assertEquals(5, available.get(JAVA_INT, 0));
                    MemorySegment back = arena.allocate(16);
                    assertEquals(5, LibC.read(again, back, 16));
                    assertEquals("hello", back.getString(0));
                } finally {
                    LibC.close(again);
                }
                assertTrue(LibC.pollIn(watch, 1000), "inotify saw the file made");
                MemorySegment events = arena.allocate(4096, 8);
                assertTrue(LibC.read(watch, events, 4096) > 0);
            } finally {
                LibC.close(watch);
            }
            LibC.unlink(file);
            ErrnoException gone = assertThrows(ErrnoException.class, () -> LibC.unlink(file));
            assertEquals(Errno.ENOENT, gone.errno());
        } finally {
            java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(file));
            java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(sub));
            java.nio.file.Files.deleteIfExists(dir);
        }
        String self = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/thread-self")).toString();
        assertEquals(self.substring(self.lastIndexOf('/') + 1), Integer.toString(LibC.gettid()));
        String uid = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[2];
        assertEquals(uid, Integer.toString(LibC.geteuid()));
    }

    @Test
    void onlyTheTwoArchitecturesAreKnown() {
        assertEquals(41, Syscall.SOCKET.numberOn("amd64"));
        assertEquals(198, Syscall.SOCKET.numberOn("aarch64"));
        assertEquals(Syscall.SETNS.numberOn(System.getProperty("os.arch")), Syscall.SETNS.number);
        UnsupportedOperationException other = assertThrows(UnsupportedOperationException.class,
                () -> Syscall.SOCKET.numberOn("riscv64"));
        assertEquals("netns4j runs on x86_64 and aarch64 Linux, not on riscv64", other.getMessage());
        java.util.Set<Long> x86 = new java.util.HashSet<>();
        java.util.Set<Long> arm = new java.util.HashSet<>();
        for (Syscall c : Syscall.values()) {
            assertTrue(x86.add(c.numberOn("amd64")), "two calls share x86_64 number " + c.numberOn("amd64"));
            assertTrue(arm.add(c.numberOn("aarch64")), "two calls share aarch64 number " + c.numberOn("aarch64"));
        }
    }

    /** ProcessImage's calls by number (fcntl, close_range, rt_sigprocmask, execve), short of replacing the JVM. */
    @Test
    void theExecCallsByNumberDoWhatTheirNamesSay() throws Exception {
        int fd = LibC.open("/proc/self/status", LibC.O_RDONLY, 0); // without O_CLOEXEC
        try {
            assertEquals(0, LibC.rawOrErrno(Syscall.FCNTL, fd, 1, 0, 0) & 1, "F_GETFD: not close-on-exec yet");
            ProcessImage.closeOnExecPastStdio();
            assertEquals(1, LibC.rawOrErrno(Syscall.FCNTL, fd, 1, 0, 0) & 1, "marked close-on-exec");
        } finally {
            LibC.close(fd);
        }
        assertEquals(-Errno.EBADF, LibC.rawOrErrno(Syscall.FCNTL, fd, 1, 0, 0), "errors come back as -errno");
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                java.util.concurrent.atomic.AtomicReference<String> seen = new java.util.concurrent.atomic.AtomicReference<>();
                byte[] before = ProcessImage.unblockAllSignals();
                seen.set(sigBlk());
                ProcessImage.restoreSignalMask(before);
                assertEquals("0000000000000000", seen.get(), "an empty mask after unblocking");
                assertEquals(java.util.HexFormat.of().formatHex(reversed(before)), sigBlk(), "the mask put back");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        t.join();
        ErrnoException missing = assertThrows(ErrnoException.class, () -> ProcessImage.execvpe(
                java.util.List.of("no-such-program-n4j"), java.util.Map.of("PATH", "/nonexistent-a:/nonexistent-b")));
        assertEquals(Errno.ENOENT, missing.errno());
        ErrnoException empty = assertThrows(ErrnoException.class,
                () -> ProcessImage.execvpe(java.util.List.of(""), java.util.Map.of()));
        assertEquals(Errno.ENOENT, empty.errno());
        ErrnoException notExecutable = assertThrows(ErrnoException.class,
                () -> ProcessImage.execvpe(java.util.List.of("/proc/self/status"), java.util.Map.of()));
        assertEquals(Errno.EACCES, notExecutable.errno());
    }

    private static String sigBlk() throws java.io.IOException {
        return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/thread-self/status")).stream()
                .filter(l -> l.startsWith("SigBlk:")).findFirst().orElseThrow().substring(7).trim();
    }

    /** The kernel's sigset as bytes (little-endian on x86_64 and aarch64) to /proc's hex, most significant first. */
    private static byte[] reversed(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    @Test
    void anonymousMemoryIsMappedZeroedAndUnmapped() throws Exception {
        MemorySegment m = LibC.mapAnonymous(64 * 1024);
        try {
            assertEquals(64 * 1024, m.byteSize());
            assertEquals(0, m.get(JAVA_INT, 0));
            assertEquals(0, m.get(JAVA_INT, 64 * 1024 - 4), "the last page reads as zeros too");
            m.set(JAVA_INT, 4096, 42);
            assertEquals(42, m.get(JAVA_INT, 4096));
        } finally {
            LibC.unmap(m);
        }
        ErrnoException bad = assertThrows(ErrnoException.class, () -> LibC.mapAnonymous(0));
        assertEquals(Errno.EINVAL, bad.errno(), "mmap of 0 bytes is EINVAL");
    }
}
