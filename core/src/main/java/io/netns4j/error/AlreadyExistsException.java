package io.netns4j.error;

/** The object to create exists already (EEXIST). */
public class AlreadyExistsException extends NetnsException {
    private static final long serialVersionUID = 1L;

    public AlreadyExistsException(String message, int errno, String kernelMessage) {
        super(message, errno, kernelMessage);
    }
}
