package io.netns4j.junit.check;

/** A checker's answer, as knossos' {@code :valid?}: {@code true}, {@code false} or {@code :unknown}. */
public enum Verdict {
    /** Some order of the operations explains every result. */
    LINEARIZABLE,
    /** No order does; the result's {@link Violation} says where and why. */
    NOT_LINEARIZABLE,
    /** The search hit its limit of configurations before deciding. */
    UNKNOWN
}
