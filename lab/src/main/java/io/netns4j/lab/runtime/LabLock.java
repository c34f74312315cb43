package io.netns4j.lab.runtime;

import io.netns4j.error.NetnsException;
import io.netns4j.error.OperationInterruptedException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * An exclusive lock on {@code DIR/<lab>.lock}, held for a whole lab command that changes the
 * lab ({@code up}, {@code down}, {@code partition}, {@code heal}, {@code impair}), so two of
 * them on one lab never interleave (the second waits).
 *
 * <p>It is two locks, taken in this order and given back in the other: a semaphore per lock
 * file within this JVM, then {@link FileChannel#lock()} on the file, which on Linux is a POSIX
 * record lock ({@code fcntl(F_SETLKW)} on the whole file) and excludes other processes. The
 * first is needed because POSIX locks belong to the process: the JDK refuses a second lock on
 * the same file in one JVM ({@code OverlappingFileLockException}) instead of waiting, and
 * closing any descriptor of the file in the process would drop the lock; so no thread opens
 * the file while another thread of this JVM holds it. Like an {@code flock}, the lock goes away
 * with the process that holds it; unlike one, it does not exclude {@code flock(1)} on the same
 * file (the two kinds of lock do not see each other on Linux).
 *
 * <p>{@code lab down} removes the file while it holds the lock ({@link #removeFile}), so no lock
 * file is left behind. That is safe because a taker checks, once it holds the lock, that the
 * path still names the file it locked (same device and inode): one that waited on a removed
 * file finds a different or no file there, lets go and tries again on the new one. The JDK
 * does not tell which inode an open channel has, so the inode compared is the one the path
 * named just before the file was opened; the two differ only when the file is removed and made
 * anew in that instant, and that can pass the check only if the new file gets the old inode
 * number back, which tmpfs ({@code /run}) does not do.
 */
public final class LabLock implements AutoCloseable {
    /** One permit per lock file in this JVM; never removed (one small entry per lab name used). */
    private static final ConcurrentMap<Path, Semaphore> IN_JVM = new ConcurrentHashMap<>();

    private final FileChannel channel;
    private final Semaphore inJvm;
    private final Path file;
    private boolean closed;

    private LabLock(FileChannel channel, Semaphore inJvm, Path file) {
        this.channel = channel;
        this.inJvm = inJvm;
        this.file = file;
    }

    /**
     * Waits for and takes the lock of lab {@code lab} in {@code directory}, creating both when
     * missing. Close it to let go.
     */
    public static LabLock take(Path directory, String lab) throws NetnsException {
        Path file = directory.resolve(lab + ".lock");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new NetnsException("Cannot lock lab \"" + lab + "\": cannot create " + directory + ": " + e);
        }
        Semaphore inJvm = IN_JVM.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new Semaphore(1));
        try {
            inJvm.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException("Interrupted while waiting for the lock of lab \"" + lab + "\"");
        }
        try {
            for (int attempt = 0; ; attempt++) {
                LabLock lock = tryFile(file, inJvm);
                if (lock != null) {
                    return lock;
                }
                if (attempt > 1000) {
                    throw new NetnsException("Cannot lock lab \"" + lab + "\" (" + file + "): it keeps being removed");
                }
            }
        } catch (NetnsException | RuntimeException e) {
            inJvm.release();
            throw e;
        } catch (IOException e) {
            inJvm.release();
            throw new NetnsException("Cannot lock lab \"" + lab + "\" (" + file + "): " + e.getMessage());
        }
    }

    /** Locks the file the path names; null when the path names another file by the time it is locked (try again). */
    private static LabLock tryFile(Path file, Semaphore inJvm) throws IOException {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException ignored) {
            // another taker made it
        }
        Object before = fileKey(file);
        if (before == null) {
            return null; // removed between creating and reading it
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            ch.lock(); // held until the channel closes
            if (Objects.equals(before, fileKey(file))) {
                return new LabLock(ch, inJvm, file);
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        ch.close(); // the holder removed it meanwhile: lock the new file
        return null;
    }

    /** The device and inode {@code file} names, or null when it does not exist. */
    private static Object fileKey(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Removes the lock file, still holding the lock (see the class comment): {@code rm DIR/<lab>.lock}. */
    public void removeFile() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // left in place: harmless, the next taker uses it
        }
    }

    /** Lets go: the file lock with the channel, then the other threads of this JVM. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the descriptor is released in any case
        } finally {
            inJvm.release();
        }
    }
}
