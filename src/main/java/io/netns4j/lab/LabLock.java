package io.netns4j.lab;

import io.netns4j.NetnsException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive {@code flock} on {@code DIR/<lab>.lock}, held for a whole {@code lab up} or
 * {@code lab down}, so two commands on one lab never interleave (the second waits). The file
 * is left in place: removing it while another process waits on it would let a third take a
 * second lock on a new file.
 */
final class LabLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private LabLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static LabLock take(Path directory, String lab) throws NetnsException {
        Path file = directory.resolve(lab + ".lock");
        FileChannel ch = null;
        try {
            Files.createDirectories(directory);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new LabLock(ch, ch.lock());
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw new NetnsException("Cannot lock lab \"" + lab + "\" (" + file + "): " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the descriptor
        }
    }
}
