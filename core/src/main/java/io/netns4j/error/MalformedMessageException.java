package io.netns4j.error;

/**
 * Netlink data that does not parse: a length that points outside the buffer, an attribute
 * shorter than its type needs, a truncated header. Decoders throw this instead of
 * {@code IndexOutOfBoundsException}, whatever the input.
 */
public class MalformedMessageException extends NetnsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception (errno 0).
     *
     * @param message what does not parse; the text is prefixed with {@code "malformed netlink data: "}
     */
    public MalformedMessageException(String message) {
        super("malformed netlink data: " + message);
    }
}
