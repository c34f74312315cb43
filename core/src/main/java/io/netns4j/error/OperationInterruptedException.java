package io.netns4j.error;

/**
 * The calling thread was interrupted while it waited for the library (a task inside a
 * namespace, a namespace being freed, an executor's threads entering). The interrupt flag
 * stays set, as after an {@code InterruptedException} that is rethrown; work already handed
 * to a worker thread is interrupted too and its result dropped.
 */
public class OperationInterruptedException extends NetnsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception, with errno {@code EINTR} (4) and no cause.
     *
     * @param message what was being waited for, e.g. {@code Interrupted while waiting for a task in ...}
     */
    public OperationInterruptedException(String message) {
        super(message, 4 /* EINTR */, null);
    }
}
