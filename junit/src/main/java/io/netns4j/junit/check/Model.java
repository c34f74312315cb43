package io.netns4j.junit.check;

import java.util.Optional;
import java.util.Set;

/**
 * A sequential specification: what one operation does to the object's state, or that it
 * cannot happen in that state (knossos' {@code knossos.model/Model}, Porcupine's {@code Model}).
 * States must be immutable values with {@code equals} and {@code hashCode}: the checker
 * memoizes on them.
 */
public interface Model {
    /** What {@link #step} returns when the operation cannot happen in the given state ({@code knossos.model/inconsistent}). */
    Object INCONSISTENT = new Object() {
        @Override
        public String toString() {
            return "inconsistent";
        }
    };

    /** {@return the model's name, e.g. {@code register}} */
    String name();

    /** {@return the state before any operation} */
    Object initialState();

    /**
     * Whether the model knows a function; the checker refuses a history with one it does not.
     *
     * @param f the function name
     * @return whether the model knows {@code f}
     */
    boolean supports(String f);

    /**
     * The model's transition: what one operation does to the state, or that it cannot happen there
     * (a read of 2 while the register holds 1).
     *
     * @param state the state before the operation
     * @param f     the function ({@link #supports supported})
     * @param value the operation's value: a read's result, a write's argument, a cas' {@code [expected new]}
     * @return the state after the operation, or {@link #INCONSISTENT}
     */
    Object step(Object state, String f, Object value);

    /**
     * What a state-setting operation leaves behind, for the report.
     *
     * @param f     the function
     * @param value its value
     * @return the state the operation leaves whatever the state before, if it sets one (a
     *         write, a successful cas); empty for reads. Used to name, in a report, the
     *         operations that could have set a state.
     */
    default Optional<Object> writes(String f, Object value) {
        return Optional.empty();
    }

    /**
     * What an operation needs to find, for the report and the pruning of {@link #lastWriteDecides}.
     *
     * @param f     the function
     * @param value its value
     * @return the state the operation needs to find, if it needs one (a read's value, a
     *         cas' expected value)
     */
    default Optional<Object> requires(String f, Object value) {
        return Optional.empty();
    }

    /**
     * Whether a state-setting operation ({@link #writes} present) leaves a state that depends
     * on nothing before it, and an operation that needs no particular state ({@link #requires}
     * empty) never fails: true for registers. The checker then leaves out every indeterminate
     * write whose value no operation ever needs: taking effect or not, it cannot change whether
     * the others can be ordered, and each such write would double the orders to try.
     *
     * @return whether unobserved indeterminate writes may be left out
     */
    default boolean lastWriteDecides() {
        return false;
    }

    /**
     * A state as a report shows it.
     *
     * @param state a state
     * @return the state in words: {@code the register held 1}
     */
    default String describe(Object state) {
        return "the state was " + state;
    }

    /**
     * The report's explanation of an operation that fits nowhere.
     *
     * @param f              the operation that cannot be placed
     * @param value          its value
     * @param possibleStates every state the object could be in when it could take effect
     * @return why it cannot take effect in any of them
     */
    default String whyNot(String f, Object value, Set<Object> possibleStates) {
        return f + " of " + Values.text(value) + " is impossible in every state it could meet: " + Values.texts(possibleStates);
    }

    /** {@return a read/write register starting at {@code nil} ({@code knossos.model/register})} */
    static Model register() {
        return new Register(null, false);
    }

    /**
     * A read/write register with a value before the first write.
     *
     * @param initial the register's value before any write
     * @return a read/write register ({@code knossos.model/register})
     */
    static Model register(Object initial) {
        return new Register(initial, false);
    }

    /** {@return a read/write/compare-and-set register starting at {@code nil} ({@code knossos.model/cas-register})} */
    static Model casRegister() {
        return new Register(null, true);
    }

    /**
     * A read/write/compare-and-set register with a value before the first write.
     *
     * @param initial the register's value before any write
     * @return a read/write/compare-and-set register ({@code knossos.model/cas-register})
     */
    static Model casRegister(Object initial) {
        return new Register(initial, true);
    }
}
