package io.netns4j.junit.check;

import io.netns4j.junit.history.Op;

import java.util.List;
import java.util.Set;

/**
 * Where a history stops being linearizable, in the spirit of knossos' {@code :op} and
 * {@code :final-paths} and Porcupine's partial linearizations: the first operation whose
 * completion no order can explain, the states the object could be in when it could take
 * effect, a small window of the history around it, and the longest linearizable prefix.
 *
 * @param key                the key whose register failed ({@code null} for an unkeyed history)
 * @param invocation         the culprit's {@code :invoke} entry
 * @param completion         the culprit's {@code :ok} entry
 * @param possibleStates     every state the object could be in while the culprit was under way
 *                           (empty if the search gave up before finding them)
 * @param window             the entries that explain the violation: the culprit, the operations
 *                           that set each possible state and the value it needed, and those under
 *                           way at the same time; in history order, ready to write as EDN
 * @param linearizablePrefix how many entries of the history, from the start, are linearizable
 *                           (everything before the culprit's completion), or -1 if unknown
 * @param explanation        the violation in words
 */
public record Violation(Object key, Op invocation, Op completion, Set<Object> possibleStates, List<Op> window,
                        long linearizablePrefix, String explanation) {
    /** Copies the collections. */
    public Violation {
        possibleStates = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(possibleStates));
        window = List.copyOf(window);
    }

    @Override
    public String toString() {
        return explanation;
    }
}
