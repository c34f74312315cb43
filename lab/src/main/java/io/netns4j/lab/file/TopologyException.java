package io.netns4j.lab.file;

import io.netns4j.error.NetnsException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A topology file that cannot be used; carries every problem found, in file order. Nothing was created.
 * A {@code NetnsException} with errno 0 (no system call failed), so that a caller of {@code Lab.up}
 * catches one family.
 */
public final class TopologyException extends NetnsException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    /**
     * A refusal listing {@code problems}, one a line in the message.
     *
     * @param problems what is wrong, in file order; not empty
     */
    public TopologyException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem found, in file order.
     *
     * @return the problems, unmodifiable
     */
    public List<Problem> problems() {
        return problems;
    }
}
