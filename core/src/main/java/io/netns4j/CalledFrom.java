package io.netns4j;

/**
 * Added as a suppressed exception to whatever a task run inside a namespace throws: its
 * stack trace is the caller's, taken when the failure reached it, so a trace shows where
 * {@link Netns#call(ThrowingCallable)} (or {@code run}) was made, not only the worker's frames.
 */
public final class CalledFrom extends Exception {
    private static final long serialVersionUID = 1L;

    CalledFrom(String where) {
        super("the task was called into " + where + " from here (thread \"" + Thread.currentThread().getName() + "\")");
    }

    /** Throws {@code e} as whatever checked type the caller declared (the task's own {@code X}). */
    @SuppressWarnings("unchecked")
    static <X extends Exception> X sneaky(Exception e) throws X {
        throw (X) e;
    }
}
