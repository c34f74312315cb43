package io.netns4j.error;

/** The object is in use (EBUSY); retrying later may succeed. */
public class BusyException extends NetnsException {
    private static final long serialVersionUID = 1L;

    public BusyException(String message, int errno, String kernelMessage) {
        super(message, errno, kernelMessage);
    }
}
