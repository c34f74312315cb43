package io.netns4j.lab.file;

import java.util.List;
import java.util.stream.Collectors;

/** A topology file that cannot be used; carries every problem found, in file order. Nothing was created. */
public final class TopologyException extends Exception {
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
