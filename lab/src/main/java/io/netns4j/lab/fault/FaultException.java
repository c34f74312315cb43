package io.netns4j.lab.fault;

import io.netns4j.error.NetnsException;

import java.util.List;

/**
 * A fault (a partition) that could not be put in place or removed on every node:
 * {@link #notUndone()} names what was left, one line each (empty when every node was put back as
 * it was). The lab's front door reports it as a {@code LabException} with the same message.
 */
public final class FaultException extends NetnsException {
    private static final long serialVersionUID = 1L;

    /** What could not be undone or removed, one line each. */
    private final List<String> notUndone;

    /**
     * A fault that was not put in place or removed everywhere.
     *
     * @param message what failed, naming the node
     * @param notUndone what was left, one line each; empty when every node is as it was
     * @param cause the failure behind it, or null
     */
    public FaultException(String message, List<String> notUndone, Throwable cause) {
        super(message);
        this.notUndone = List.copyOf(notUndone);
        if (cause != null) {
            initCause(cause);
        }
    }

    /**
     * {@return what could not be undone or removed, one line each}
     */
    public List<String> notUndone() {
        return notUndone;
    }
}
