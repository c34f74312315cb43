package io.netns4j.link;

import io.netns4j.error.NetnsException;
import io.netns4j.internal.sys.Errno;
import io.netns4j.internal.sys.LibC;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A descriptor that frames are read from and written to by several threads, and that a close from
 * any thread never pulls from under a call in progress: each call holds a use, and the descriptor
 * is closed when the last use ends (otherwise its number could be reused by an unrelated
 * {@code open} while a reader still polls it). Reads wait with {@code poll(2)} and a time-out, so a
 * closed descriptor's reader returns within one time-out.
 */
final class FrameDescriptor {
    private final int fd;
    private final String what;
    private final MemorySegment pollFd;
    private int uses;
    private boolean closed;

    FrameDescriptor(int fd, String what) {
        this.fd = fd;
        this.what = what;
        this.pollFd = Arena.ofAuto().allocate(8, 4); // struct pollfd, one per reader (calls are serialised below)
    }

    private synchronized int acquire() throws NetnsException {
        if (closed) {
            throw new NetnsException(what + " is closed", Errno.EBADF, null);
        }
        uses++;
        return fd;
    }

    private void release() {
        boolean last;
        synchronized (this) {
            last = --uses == 0 && closed;
        }
        if (last) {
            LibC.closeQuietly(fd);
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Marks it closed at once; the descriptor goes when the last call in progress ends. */
    void close() {
        boolean now;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            now = uses == 0;
        }
        if (now) {
            LibC.closeQuietly(fd);
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for a frame and reads it into {@code buffer}.
     *
     * @return the frame's length, or -1 when none came in time or the descriptor was closed meanwhile
     */
    int read(MemorySegment buffer, int timeoutMillis, boolean socket) throws NetnsException {
        int f;
        try {
            f = acquire();
        } catch (NetnsException closedAlready) {
            return -1;
        }
        try {
            synchronized (pollFd) {
                pollFd.set(ValueLayout.JAVA_INT, 0, f);
                pollFd.set(ValueLayout.JAVA_SHORT, 4, LibC.POLLIN);
                pollFd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
                if (LibC.poll(pollFd, 1, timeoutMillis) == 0 || isClosed()) {
                    return -1;
                }
            }
            long n = socket ? LibC.recv(f, buffer, buffer.byteSize(), LibC.MSG_DONTWAIT)
                    : LibC.read(f, buffer, buffer.byteSize());
            return (int) n;
        } catch (io.netns4j.internal.sys.ErrnoException e) {
            if (e.errno() == Errno.EAGAIN || e.errno() == Errno.EINTR) {
                return -1;
            }
            throw io.netns4j.internal.sys.Failures.of(e, "Cannot read a frame from " + what);
        } finally {
            release();
        }
    }

    /** Writes (or sends) one frame of {@code length} bytes; false when the kernel dropped it (no room: ENOBUFS,
     * EAGAIN; the device is down or gone: ENETDOWN, ENXIO). */
    boolean write(MemorySegment frame, int length, boolean socket) throws NetnsException {
        int f = acquire();
        try {
            long n = socket ? LibC.send(f, frame, length, 0) : LibC.write(f, frame, length);
            return n == length;
        } catch (io.netns4j.internal.sys.ErrnoException e) {
            if (e.errno() == Errno.ENOBUFS || e.errno() == Errno.EAGAIN || e.errno() == Errno.ENETDOWN
                    || e.errno() == Errno.ENXIO) {
                return false;
            }
            throw io.netns4j.internal.sys.Failures.of(e, "Cannot send a frame through " + what);
        } finally {
            release();
        }
    }
}
