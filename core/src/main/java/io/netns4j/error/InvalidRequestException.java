package io.netns4j.error;

/** The kernel rejected the request's arguments (EINVAL, ERANGE); the kernel message says which. */
public class InvalidRequestException extends NetnsException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message, int errno, String kernelMessage) {
        super(message, errno, kernelMessage);
    }
}
