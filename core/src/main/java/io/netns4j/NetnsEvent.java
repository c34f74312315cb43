package io.netns4j;

/**
 * A change in the run directory seen by {@link NetnsRegistry#monitor()}: a namespace file
 * was added or deleted ({@code ip netns monitor} prints {@code add NAME} / {@code delete NAME}).
 */
public record NetnsEvent(Kind kind, String name) {
    public enum Kind { ADD, DELETE }

    @Override
    public String toString() {
        return (kind == Kind.ADD ? "add " : "delete ") + name;
    }
}
