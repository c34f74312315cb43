package io.netns4j.lab.file;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects problems with their positions while a file is read; thrown together at the end. */
final class Problems {
    private final String file;
    private final List<Problem> list = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void at(Node node, String message, String hint) {
        Mark m = node == null ? null : node.getStartMark().orElse(null);
        at(m, message, hint);
    }

    void at(Mark m, String message, String hint) {
        list.add(new Problem(file, m == null ? 1 : m.getLine() + 1, m == null ? 1 : m.getColumn() + 1, message, hint));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    void throwIfAny() throws TopologyException {
        if (!list.isEmpty()) {
            throw exception();
        }
    }

    TopologyException exception() {
        List<Problem> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return new TopologyException(sorted);
    }
}
