package io.netns4j.error;

/** The kernel rejected the request's arguments (EINVAL, ERANGE); the kernel message says which. */
public class InvalidRequestException extends NetnsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception; {@code io.netns4j.internal.sys.Failures} does, from an errno.
     *
     * @param message the message, as {@code ip} would print it
     * @param errno the errno the kernel returned
     * @param kernelMessage the kernel's extended-ACK text, or null when it sent none
     */
    public InvalidRequestException(String message, int errno, String kernelMessage) {
        super(message, errno, kernelMessage);
    }
}
