package io.netns4j.internal.sys;

import io.netns4j.error.AlreadyExistsException;
import io.netns4j.error.BusyException;
import io.netns4j.error.InvalidRequestException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.error.NotSupportedException;
import io.netns4j.error.PermissionDeniedException;



/**
 * The one place where an errno becomes a public exception. Messages follow iproute2's
 * wording so that a user of {@code ip} recognises them, and add a hint where one helps.
 */
public final class Failures {
    static final String PRIVILEGE_HINT = " (run as root, or grant CAP_SYS_ADMIN and CAP_NET_ADMIN)";

    private Failures() {
    }

    /** A failed system call, described as {@code context: strerror}. */
    public static NetnsException of(ErrnoException e, String context) {
        return create(e.errno(), context + ": " + Errno.describe(e.errno()), null);
    }

    /**
     * A netlink request the kernel refused. With an extended ACK the message is the kernel's
     * own ({@code Error: ...}), as {@code ip} prints it; without, {@code RTNETLINK answers: ...}.
     */
    public static NetnsException netlink(int errno, String kernelMessage) {
        String text = kernelMessage != null && !kernelMessage.isBlank()
                ? "Error: " + kernelMessage + (kernelMessage.endsWith(".") ? "" : ".")
                : "RTNETLINK answers: " + Errno.describe(errno);
        return create(errno, text, kernelMessage);
    }

    private static NetnsException create(int errno, String text, String kernelMessage) {
        return switch (errno) {
            case Errno.EEXIST -> new AlreadyExistsException(text, errno, kernelMessage);
            case Errno.ENOENT, Errno.ENODEV, Errno.ESRCH, Errno.ENXIO -> new NotFoundException(text, errno, kernelMessage);
            case Errno.EPERM, Errno.EACCES ->
                    new PermissionDeniedException(text + PRIVILEGE_HINT, errno, kernelMessage);
            case Errno.EBUSY -> new BusyException(text, errno, kernelMessage);
            case Errno.EOPNOTSUPP, Errno.ENOSYS, Errno.EAFNOSUPPORT, Errno.EPROTONOSUPPORT ->
                    new NotSupportedException(text, errno, kernelMessage);
            case Errno.EINVAL, Errno.ERANGE -> new InvalidRequestException(text, errno, kernelMessage);
            default -> new NetnsException(text, errno, kernelMessage);
        };
    }
}
