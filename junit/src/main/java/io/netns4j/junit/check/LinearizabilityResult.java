package io.netns4j.junit.check;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@link Linearizability#check} found (knossos' analysis map: {@code :valid?},
 * {@code :configs}, {@code :op}...).
 *
 * @param verdict        linearizable, not, or unknown (the search's limit was reached)
 * @param model          the model's name
 * @param calls          how many client operations were checked (failed ones and reads of unknown outcome excluded)
 * @param keys           how many independent keys were checked (1 for an unkeyed history)
 * @param configurations how many configurations the search memoized, over all keys
 * @param violation      where and why the history is not linearizable, if it is not
 * @param elapsed        how long the check took
 */
public record LinearizabilityResult(Verdict verdict, String model, int calls, int keys, long configurations,
                                    Optional<Violation> violation, Duration elapsed) {
    /** {@return whether the history is linearizable (false for not and for unknown)} */
    public boolean linearizable() {
        return verdict == Verdict.LINEARIZABLE;
    }

    /** {@return the result in words: the verdict, and the violation's explanation when there is one} */
    public String report() {
        String head = switch (verdict) {
            case LINEARIZABLE -> "Linearizable (" + model + ")";
            case NOT_LINEARIZABLE -> "Not linearizable (" + model + ")";
            case UNKNOWN -> "Unknown (" + model + "): the search reached its limit of configurations";
        };
        String figures = ": " + calls + " operations, " + keys + (keys == 1 ? " key, " : " keys, ") + configurations
                + " configurations, " + elapsed.toMillis() + " ms";
        return head + figures + violation.map(v -> "\n" + v.explanation()).orElse("");
    }

    @Override
    public String toString() {
        return report();
    }
}
