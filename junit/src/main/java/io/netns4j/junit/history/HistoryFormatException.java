package io.netns4j.junit.history;

import io.netns4j.error.NetnsException;

/**
 * A history file that cannot be read: names the line (1-based) and what is wrong there,
 * e.g. {@code line 3: :type must be one of :invoke, :ok, :fail, :info, not :done}. An
 * {@code IOException}, as before, and a {@code NetnsException} with errno 0 like every other
 * checked failure of netns4j.
 */
public final class HistoryFormatException extends NetnsException {
    private static final long serialVersionUID = 1L;

    /** The 1-based line where the problem is (part of the serialized form). */
    private final int line;
    /** What is wrong there, in words (part of the serialized form). */
    private final String problem;

    /**
     * A refusal of a history file's text at {@code line}.
     *
     * @param line    the 1-based line where the problem is
     * @param problem what is wrong, in words
     */
    public HistoryFormatException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
        this.problem = problem;
    }

    /** {@return the 1-based line where the problem is} */
    public int line() {
        return line;
    }

    /** {@return what is wrong, without the line} */
    public String problem() {
        return problem;
    }
}
