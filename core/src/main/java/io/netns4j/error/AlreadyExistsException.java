package io.netns4j.error;

/** The object to create exists already (EEXIST). */
public class AlreadyExistsException extends NetnsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception; {@code io.netns4j.internal.sys.Failures} does, from an errno.
     *
     * @param message the message, as {@code ip} would print it
     * @param errno the errno the kernel returned
     * @param kernelMessage the kernel's extended-ACK text, or null when it sent none
     */
    public AlreadyExistsException(String message, int errno, String kernelMessage) {
        super(message, errno, kernelMessage);
    }
}
