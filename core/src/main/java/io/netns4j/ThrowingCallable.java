package io.netns4j;

/**
 * A task for {@link Netns#call(ThrowingCallable)}: like {@link java.util.concurrent.Callable},
 * but the checked exception it throws is a type parameter, so the caller catches exactly
 * what the task throws ({@code IOException} for socket code, nothing for {@code () -> 1}).
 *
 * @param <T> the result
 * @param <X> the checked exception the task may throw
 */
@FunctionalInterface
public interface ThrowingCallable<T, X extends Exception> {
    /**
     * Computes the result, inside the namespace.
     *
     * @return the result, handed back to the caller of {@code call} (may be null)
     * @throws X when the task fails; rethrown to the caller as is
     */
    T call() throws X;
}
