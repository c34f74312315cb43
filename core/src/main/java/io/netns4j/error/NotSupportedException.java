package io.netns4j.error;

/** The running kernel lacks the feature (EOPNOTSUPP, ENOSYS, EAFNOSUPPORT, EPROTONOSUPPORT). */
public class NotSupportedException extends NetnsException {
    private static final long serialVersionUID = 1L;

    public NotSupportedException(String message, int errno, String kernelMessage) {
        super(message, errno, kernelMessage);
    }
}
