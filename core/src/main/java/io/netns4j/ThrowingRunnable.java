package io.netns4j;

/**
 * A task for {@link Netns#run(ThrowingRunnable)}: like {@link Runnable}, but it may throw
 * the checked exception {@code X}, which the caller then catches as is.
 *
 * @param <X> the checked exception the task may throw
 */
@FunctionalInterface
public interface ThrowingRunnable<X extends Exception> {
    /**
     * Does the work, inside the namespace.
     *
     * @throws X when the task fails; rethrown to the caller as is
     */
    void run() throws X;
}
