package io.netns4j.error;

/** The named object, device or process does not exist (ENOENT, ENODEV, ESRCH). */
public class NotFoundException extends NetnsException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message, int errno, String kernelMessage) {
        super(message, errno, kernelMessage);
    }
}
