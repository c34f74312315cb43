package io.netns4j.error;

import java.io.IOException;

/**
 * A namespace or netlink operation that failed. Carries the errno the kernel returned (0
 * when the failure did not come from the kernel) and, for netlink requests, the kernel's
 * own explanation from the extended ACK ({@code ip} prints it as {@code Error: ...}).
 *
 * <p>Subclasses name the common cases so callers can catch them: {@link AlreadyExistsException},
 * {@link NotFoundException}, {@link PermissionDeniedException}, {@link BusyException},
 * {@link NotSupportedException}, {@link InvalidRequestException}. All are created in one
 * place, {@code io.netns4j.internal.sys.Failures}.
 */
public class NetnsException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int errno;
    private final String kernelMessage;

    public NetnsException(String message, int errno, String kernelMessage) {
        super(message);
        this.errno = errno;
        this.kernelMessage = kernelMessage;
    }

    public NetnsException(String message) {
        this(message, 0, null);
    }

    /** The errno behind this failure, or 0. */
    public int errno() {
        return errno;
    }

    /** The kernel's extended-ACK text for a rejected netlink request, or null. */
    public String kernelMessage() {
        return kernelMessage;
    }
}
