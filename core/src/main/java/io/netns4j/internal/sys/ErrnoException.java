package io.netns4j.internal.sys;

/**
 * A failed system call: the errno it left and the call's name. Internal only; the public
 * layer turns it into a {@link io.netns4j.error.NetnsException} subclass in one place,
 * {@link io.netns4j.internal.sys.Failures}.
 */
public final class ErrnoException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int errno;
    private final String call;

    public ErrnoException(String call, int errno) {
        super(null, null, false, false);
        this.call = call;
        this.errno = errno;
    }

    /**
     * {@code call: strerror}, made when asked for: many of these are expected and dropped
     * (EEXIST, ENOENT while probing), and the first {@code strerror} of a process costs it a
     * downcall stub of its own (~10 ms of a fresh JVM's time).
     */
    @Override
    public String getMessage() {
        return call + ": " + Errno.describe(errno);
    }

    public int errno() {
        return errno;
    }

    public String call() {
        return call;
    }
}
