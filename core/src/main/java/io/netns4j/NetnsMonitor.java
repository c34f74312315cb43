package io.netns4j;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.error.NetnsException;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.Failures;
import io.netns4j.internal.sys.LibC;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Names being added to and deleted from a run directory, read from inotify. Equivalent to
 * {@code ip netns monitor}. Close it to stop watching.
 */
public final class NetnsMonitor implements AutoCloseable {
    private static final int BUFFER = 16 * 1024;
    private static final int EVENT_HEADER = 16; // struct inotify_event without its name
    private static final int SLICE_MILLIS = 200;

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(BUFFER, 8);
    private final ArrayDeque<NetnsEvent> pending = new ArrayDeque<>();
    private volatile boolean closed;

    private NetnsMonitor(int fd) {
        this.fd = fd;
    }

    static NetnsMonitor watch(Path directory) throws NetnsException {
        int fd = -1;
        try {
            fd = LibC.inotifyInit(LibC.IN_CLOEXEC | LibC.IN_NONBLOCK);
            LibC.inotifyAddWatch(fd, directory.toString(), LibC.IN_CREATE | LibC.IN_DELETE);
            return new NetnsMonitor(fd);
        } catch (ErrnoException e) {
            LibC.closeQuietly(fd);
            throw Failures.of(e, "Cannot watch " + directory);
        }
    }

    /**
     * The next event, waiting at most {@code timeout}. Events that arrived together are handed
     * out one per call, in order.
     *
     * @param timeout how long to wait, not null
     * @return the event; empty when none came in time or when the monitor is closed
     * @throws NetnsException when reading the inotify descriptor fails
     * (a {@link io.netns4j.error.MalformedMessageException} for an event that does not parse)
     */
    public synchronized Optional<NetnsEvent> next(Duration timeout) throws NetnsException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.isEmpty() && !closed) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return Optional.empty();
            }
            try {
                if (LibC.pollIn(fd, (int) Math.min(left, SLICE_MILLIS))) {
                    readEvents();
                }
            } catch (ErrnoException e) {
                throw Failures.of(e, "Cannot read namespace events");
            }
        }
        return Optional.ofNullable(pending.poll());
    }

    private void readEvents() throws ErrnoException, MalformedMessageException {
        long n;
        try {
            n = LibC.read(fd, buffer, BUFFER);
        } catch (ErrnoException e) {
            if (e.errno() == io.netns4j.internal.sys.Errno.EAGAIN) {
                return;
            }
            throw e;
        }
        long pos = 0;
        while (pos < n) {
            if (n - pos < EVENT_HEADER) {
                throw new MalformedMessageException("truncated inotify event");
            }
            int mask = buffer.get(ValueLayout.JAVA_INT, pos + 4);
            int len = buffer.get(ValueLayout.JAVA_INT, pos + 12);
            if (len < 0 || pos + EVENT_HEADER + len > n) {
                throw new MalformedMessageException("inotify event name overruns the buffer");
            }
            byte[] raw = buffer.asSlice(pos + EVENT_HEADER, len).toArray(ValueLayout.JAVA_BYTE);
            int end = 0;
            while (end < raw.length && raw[end] != 0) {
                end++;
            }
            String name = new String(raw, 0, end, StandardCharsets.UTF_8);
            if ((mask & LibC.IN_CREATE) != 0) {
                pending.add(new NetnsEvent(NetnsEvent.Kind.ADD, name));
            }
            if ((mask & LibC.IN_DELETE) != 0) {
                pending.add(new NetnsEvent(NetnsEvent.Kind.DELETE, name));
            }
            pos += EVENT_HEADER + len;
        }
    }

    /**
     * Stops watching and releases the inotify descriptor; a waiting {@link #next} returns
     * within 200 ms (empty unless events were read already). Closing twice is harmless.
     */
    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (arena.scope().isAlive()) { // once only: a second close must not close a reused fd number
                LibC.closeQuietly(fd);
                arena.close();
            }
        }
    }
}
