package io.netns4j;

/**
 * A change in the run directory seen by {@link NetnsRegistry#monitor()}: a namespace file
 * was added or deleted ({@code ip netns monitor} prints {@code add NAME} / {@code delete NAME}).
 *
 * @param kind whether the name was added or deleted
 * @param name the namespace's name (the file's name in the run directory)
 */
public record NetnsEvent(Kind kind, String name) {
    /** What happened to the name. */
    public enum Kind {
        /** A namespace file was created ({@code ip netns add}). */
        ADD,
        /** A namespace file was removed ({@code ip netns delete}). */
        DELETE
    }

    /**
     * The event as {@code ip netns monitor} prints it.
     *
     * @return {@code add NAME} or {@code delete NAME}
     */
    @Override
    public String toString() {
        return (kind == Kind.ADD ? "add " : "delete ") + name;
    }
}
