package io.netns4j.error;

/**
 * The namespace file exists but nothing is mounted on it yet: another process is in the
 * middle of {@code ip netns add}. Retry shortly; this is not a failure of {@code setns}.
 */
public class NamespaceNotReadyException extends NetnsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception (errno 0).
     *
     * @param message which namespace file is not mounted yet
     */
    public NamespaceNotReadyException(String message) {
        super(message);
    }
}
