package io.netns4j.lab;


import io.netns4j.error.NetnsException;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.LibC;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * An exclusive {@code flock} on {@code DIR/<lab>.lock}, held for a whole lab command that
 * changes the lab ({@code up}, {@code down}, {@code partition}, {@code heal}, {@code impair}),
 * so two of them on one lab never interleave (the second waits). Equivalent to
 * {@code flock DIR/<lab>.lock COMMAND}.
 *
 * <p>{@code lab down} removes the file while it holds the lock ({@link #removeFile}), so no lock
 * file is left behind. That is safe because a taker checks, once it holds the lock, that the
 * path still names the file it locked (same device and inode): one that waited on a removed
 * file finds a different or no file there, lets go and tries again on the new one.
 */
final class LabLock implements AutoCloseable {
    private final int fd;
    private final Path file;

    private LabLock(int fd, Path file) {
        this.fd = fd;
        this.file = file;
    }

    static LabLock take(Path directory, String lab) throws NetnsException {
        Path file = directory.resolve(lab + ".lock");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new NetnsException("Cannot lock lab \"" + lab + "\": cannot create " + directory + ": " + e);
        }
        for (int attempt = 0; ; attempt++) {
            int fd;
            try {
                fd = LibC.open(file.toString(), LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC, 0644);
            } catch (ErrnoException e) {
                throw new NetnsException("Cannot lock lab \"" + lab + "\" (" + file + "): " + e.getMessage());
            }
            try {
                LibC.flock(fd, LibC.LOCK_EX);
                if (sameFile(fd, file)) {
                    return new LabLock(fd, file);
                }
            } catch (ErrnoException | IOException e) {
                LibC.closeQuietly(fd);
                throw new NetnsException("Cannot lock lab \"" + lab + "\" (" + file + "): " + e.getMessage());
            }
            LibC.closeQuietly(fd); // the holder removed it meanwhile: lock the new file
            if (attempt > 1000) {
                throw new NetnsException("Cannot lock lab \"" + lab + "\" (" + file + "): it keeps being removed");
            }
        }
    }

    /** Whether {@code file} still names the file open on {@code fd}. */
    private static boolean sameFile(int fd, Path file) throws IOException {
        Object locked = Files.readAttributes(Path.of("/proc/self/fd/" + fd), BasicFileAttributes.class).fileKey();
        try {
            return Objects.equals(locked, Files.readAttributes(file, BasicFileAttributes.class).fileKey());
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Removes the lock file, still holding the lock (see the class comment). */
    void removeFile() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // left in place: harmless, the next taker uses it
        }
    }

    @Override
    public void close() {
        LibC.closeQuietly(fd);
    }
}
