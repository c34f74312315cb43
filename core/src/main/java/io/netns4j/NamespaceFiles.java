package io.netns4j;

import io.netns4j.error.InvalidRequestException;
import io.netns4j.error.NamespaceNotReadyException;
import io.netns4j.error.NetnsException;
import io.netns4j.internal.sys.Errno;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.Failures;
import io.netns4j.internal.sys.LibC;

/** What kind of namespace an nsfs descriptor is (moved out of {@link Netns} to keep it short). */
final class NamespaceFiles {
    private NamespaceFiles() {
    }

    static final long NS_GET_NSTYPE = 0xb703; // _IO(0xb7, 0x3), Linux 4.11

    /**
     * Null for a network namespace; otherwise the kind of namespace {@code fd} is (an nsfs
     * file can be any: /proc/PID/ns/mnt, .../uts...). A kernel without NS_GET_NSTYPE is trusted.
     */
    static String kind(int fd) throws ErrnoException {
        int type;
        try {
            type = LibC.ioctl(fd, NS_GET_NSTYPE, 0L);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOTTY || e.errno() == Errno.EINVAL) {
                return null;
            }
            throw e;
        }
        return switch (type) {
            case 0x40000000 -> null; // CLONE_NEWNET
            case 0x00020000 -> "mount";
            case 0x04000000 -> "UTS";
            case 0x08000000 -> "IPC";
            case 0x10000000 -> "user";
            case 0x20000000 -> "PID";
            case 0x02000000 -> "cgroup";
            case 0x00000080 -> "time";
            default -> "non-network (type " + Integer.toHexString(type) + ")";
        };
    }

    /**
     * Opens {@code file} and checks that a namespace is mounted there (statfs type nsfs). A
     * plain file means another process is between creating and mounting it.
     */
    static int open(String file, String what) throws NetnsException {
        int nsFd;
        try {
            nsFd = LibC.open(file, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        } catch (ErrnoException e) {
            throw Failures.of(e, "Cannot open network namespace \"" + what + "\"");
        }
        try {
            if (LibC.fstatfsType(nsFd) != LibC.NSFS_MAGIC) {
                LibC.closeQuietly(nsFd);
                throw new NamespaceNotReadyException("Network namespace \"" + what
                        + "\" is not ready: its file exists but no namespace is mounted on it yet; retry shortly");
            }
            String kind = kind(nsFd);
            if (kind != null) {
                LibC.closeQuietly(nsFd);
                throw new InvalidRequestException("\"" + what + "\" is a " + kind + " namespace, not a network"
                        + " namespace (for a process, use /proc/PID/ns/net)", 22, null);
            }
        } catch (ErrnoException e) {
            LibC.closeQuietly(nsFd);
            throw Failures.of(e, "Cannot inspect network namespace \"" + what + "\"");
        }
        return nsFd;
    }

    /** The close of an owned handle ({@code NetnsRegistry.create}): delete and wait, unchecked as close() must be. */
    static void deleteOwned(NetnsRegistry registry, String name) {
        try {
            registry.delete(name, java.time.Duration.ofSeconds(10));
        } catch (NetnsException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
