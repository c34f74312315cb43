package io.netns4j.error;

/**
 * Netlink data that does not parse: a length that points outside the buffer, an attribute
 * shorter than its type needs, a truncated header. Decoders throw this instead of
 * {@code IndexOutOfBoundsException}, whatever the input.
 */
public class MalformedMessageException extends NetnsException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super("malformed netlink data: " + message);
    }
}
