package io.netns4j;

import io.netns4j.error.NetnsException;
import io.netns4j.internal.sys.Errno;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.Failures;
import io.netns4j.internal.sys.LibC;

import java.nio.file.Path;

/**
 * The run directory's on-disk contract, iproute2's ({@code ip/ipnetns.c}): the directory is a
 * shared mount, made so under an exclusive flock; a name is a file of mode 0 that a
 * namespace is bind-mounted on; a failed add unmounts and unlinks it.
 */
final class RunDirectory {
    private final Path directory;
    private volatile boolean shared;

    RunDirectory(Path directory) {
        this.directory = directory;
    }

    /** {@code mkdir DIR} (mode 0755), fine when it exists. */
    void make() throws NetnsException {
        try {
            LibC.mkdir(directory.toString(), 0755);
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EEXIST) {
                throw Failures.of(e, "mkdir " + directory + " failed");
            }
        }
    }

    /**
     * Creates the directory and makes it a shared mount (bind-mounting it onto itself once if
     * it is not a mount point yet), under an exclusive flock so that concurrent callers,
     * ours or iproute2's, never stack mounts.
     */
    void prepare() throws NetnsException {
        if (shared) {
            return;
        }
        make();
        String dir = directory.toString();
        int lock;
        try {
            lock = LibC.open(dir, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        } catch (ErrnoException e) {
            throw Failures.of(e, "Cannot open netns runtime directory \"" + dir + "\"");
        }
        try {
            try {
                LibC.flock(lock, LibC.LOCK_EX);
            } catch (ErrnoException e) {
                System.err.println("Warning: could not flock netns runtime directory \"" + dir + "\": " + e.getMessage());
            }
            boolean madeMountPoint = false;
            for (; ; ) {
                try {
                    LibC.mount("", dir, "none", LibC.MS_SHARED | LibC.MS_REC);
                    break;
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.EINVAL || madeMountPoint) {
                        throw Failures.of(e, "mount --make-shared " + dir + " failed");
                    }
                }
                try {
                    LibC.mount(dir, dir, "none", LibC.MS_BIND | LibC.MS_REC);
                } catch (ErrnoException e) {
                    throw Failures.of(e, "mount --bind " + dir + " " + dir + " failed");
                }
                madeMountPoint = true;
            }
            shared = true;
        } finally {
            LibC.closeQuietly(lock); // closing releases the flock
        }
    }

    /** Creates a namespace file, mode 0, failing if it exists (as {@code ip netns add}). */
    static void createFile(String file) throws NetnsException {
        try {
            LibC.close(LibC.open(file, LibC.O_RDONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC, 0));
        } catch (ErrnoException e) {
            throw Failures.of(e, "Cannot create namespace file \"" + file + "\"");
        }
    }

    static void unlinkQuietly(String file) {
        try {
            LibC.unlink(file);
        } catch (ErrnoException ignored) {
            // best effort on a failure path
        }
    }

    static void removeQuietly(String file) {
        try {
            LibC.umount2(file, LibC.MNT_DETACH);
        } catch (ErrnoException ignored) {
            // best effort on a failure path
        }
        unlinkQuietly(file);
    }
}
