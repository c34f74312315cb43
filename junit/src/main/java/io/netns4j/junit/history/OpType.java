package io.netns4j.junit.history;

/**
 * The type of a history entry, as Jepsen names it ({@code :type} in an op map):
 * an invocation, or one of the three ways it can complete.
 */
public enum OpType {
    /** The client began the operation ({@code :invoke}). */
    INVOKE,
    /** The operation took effect, with this result ({@code :ok}). */
    OK,
    /** The operation certainly did not take effect ({@code :fail}). */
    FAIL,
    /**
     * Nobody knows whether the operation took effect, or ever will ({@code :info}, e.g. a
     * time-out); the client's process is crashed and never used again. Nemesis ops are
     * {@code info} too.
     */
    INFO;

    /** {@return the word Jepsen writes for this type: {@code invoke}, {@code ok}, {@code fail}, {@code info}} */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The type Jepsen's word names.
     *
     * @param word {@code invoke}, {@code ok}, {@code fail} or {@code info}
     * @return the type, or {@code null} if the word names none
     */
    public static OpType ofWord(String word) {
        for (OpType t : values()) {
            if (t.word().equals(word)) {
                return t;
            }
        }
        return null;
    }
}
