package io.netns4j.junit.check;

/**
 * A history the checker cannot take: a completion without its invocation, two invocations
 * under way in one process, a function the model does not know, a value of the wrong shape.
 * The message names the entry's index.
 */
public final class InvalidHistoryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * A history that cannot be checked.
     *
     * @param message what is wrong, with the entry's index
     */
    public InvalidHistoryException(String message) {
        super(message);
    }
}
