package io.netns4j.lab;

import io.netns4j.error.NetnsException;

import java.util.List;

/**
 * A lab operation that failed: {@code lab up} after rolling back what it created, or
 * {@code lab down} with something left behind. {@link #notUndone()} names what could not be
 * removed (empty when the machine is as it was).
 */
public class LabException extends NetnsException {
    /** What could not be undone or removed, one line each. */
    private final List<String> notUndone;

    /**
     * A failed lab operation.
     *
     * @param message what failed
     * @param notUndone what could not be undone or removed, one line each; empty for none
     * @param cause the failure behind it, or null
     */
    public LabException(String message, List<String> notUndone, Throwable cause) {
        super(message);
        this.notUndone = List.copyOf(notUndone);
        if (cause != null) {
            initCause(cause);
        }
    }

    /**
     * What could not be undone or removed.
     *
     * @return one line each; empty when the machine is as it was
     */
    public List<String> notUndone() {
        return notUndone;
    }
}
