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
    /** The errno the kernel returned, or 0. */
    private final int errno;
    /** The kernel's extended-ACK text, or null. */
    private final String kernelMessage;

    /**
     * Creates the exception.
     *
     * @param message the message, as {@code ip} would print it
     * @param errno the errno the kernel returned, or 0 when the failure did not come from the kernel
     * @param kernelMessage the kernel's extended-ACK text, or null when it sent none
     */
    public NetnsException(String message, int errno, String kernelMessage) {
        super(message);
        this.errno = errno;
        this.kernelMessage = kernelMessage;
    }

    /**
     * Creates an exception that did not come from the kernel (errno 0, no kernel message).
     *
     * @param message what failed
     */
    public NetnsException(String message) {
        this(message, 0, null);
    }

    /**
     * The errno behind this failure.
     *
     * @return the errno (e.g. 17 for EEXIST), or 0 when the failure did not come from the kernel
     */
    public int errno() {
        return errno;
    }

    /**
     * The kernel's explanation of a rejected netlink request.
     *
     * @return the extended-ACK text (what {@code ip} prints after {@code Error:}), or null when the kernel sent none
     */
    public String kernelMessage() {
        return kernelMessage;
    }
}
