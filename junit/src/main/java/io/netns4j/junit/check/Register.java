package io.netns4j.junit.check;

import io.netns4j.junit.history.Op;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A register: {@code write v} sets it, {@code read v} needs it to hold {@code v}, and with
 * compare-and-set, {@code cas [a b]} needs {@code a} and sets {@code b} (knossos'
 * {@code register} and {@code cas-register}; a read's {@code nil} means the register held
 * {@code nil}, not "unknown": reads whose result is unknown complete {@code info} and
 * constrain nothing).
 *
 * @param initial the value before any write
 * @param cas     whether {@code cas} is allowed
 */
record Register(Object initial, boolean cas) implements Model {
    Register {
        initial = Op.normalize(initial);
    }

    @Override
    public String name() {
        return cas ? "cas-register" : "register";
    }

    @Override
    public Object initialState() {
        return initial;
    }

    @Override
    public boolean supports(String f) {
        return f.equals("read") || f.equals("write") || (cas && f.equals("cas"));
    }

    @Override
    public Object step(Object state, String f, Object value) {
        return switch (f) {
            case "write" -> value;
            case "read" -> Objects.equals(state, value) ? state : INCONSISTENT;
            case "cas" -> Objects.equals(state, expected(value)) ? ((List<?>) value).get(1) : INCONSISTENT;
            default -> throw new IllegalArgumentException(name() + " has no " + f);
        };
    }

    @Override
    public Optional<Object> writes(String f, Object value) {
        return switch (f) {
            case "write" -> Optional.ofNullable(value).or(() -> Optional.of(Values.NIL));
            case "cas" -> Optional.ofNullable(((List<?>) value).get(1)).map(Object.class::cast).or(() -> Optional.of(Values.NIL));
            default -> Optional.empty();
        };
    }

    @Override
    public Optional<Object> requires(String f, Object value) {
        return switch (f) {
            case "read" -> Optional.ofNullable(value).or(() -> Optional.of(Values.NIL));
            case "cas" -> Optional.ofNullable(expected(value)).or(() -> Optional.of(Values.NIL));
            default -> Optional.empty();
        };
    }

    @Override
    public boolean lastWriteDecides() {
        return true;
    }

    @Override
    public String describe(Object state) {
        return "the register held " + Values.text(state);
    }

    @Override
    public String whyNot(String f, Object value, Set<Object> possibleStates) {
        String needs = switch (f) {
            case "read" -> "a read of " + Values.text(value) + " needs the register to hold " + Values.text(value);
            case "cas" -> "a cas from " + Values.text(expected(value)) + " to " + Values.text(((List<?>) value).get(1))
                    + " needs the register to hold " + Values.text(expected(value));
            default -> f + " of " + Values.text(value) + " cannot fail";
        };
        return needs + ", but it could only hold " + Values.texts(possibleStates);
    }

    private static Object expected(Object casValue) {
        return ((List<?>) casValue).getFirst();
    }

    /** Checks a cas value's shape before the search, so that the search never fails on a cast. */
    static void checkValue(Model model, Op op) {
        if (op.f().equals("cas") && model instanceof Register r && r.cas
                && !(op.value() instanceof List<?> pair && pair.size() == 2)) {
            throw new InvalidHistoryException("a cas value must be [expected new], not " + Values.text(op.value())
                    + " (index " + op.index() + ")");
        }
    }
}
