package io.netns4j.junit.check;

import io.netns4j.junit.history.Op;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Values in words for reports: EDN notation, {@code nil} for null. */
final class Values {
    /** Stands for a {@code nil} state where an Optional cannot hold null. */
    static final Object NIL = new Object() {
        @Override
        public String toString() {
            return "nil";
        }
    };

    private Values() {
    }

    static String text(Object value) {
        return value == NIL ? "nil" : Op.valueText(value);
    }

    static String texts(Collection<?> values) {
        List<String> words = values.stream().map(Values::text).sorted().toList();
        if (words.isEmpty()) {
            return "nothing";
        }
        if (words.size() == 1) {
            return words.getFirst();
        }
        return words.subList(0, words.size() - 1).stream().collect(Collectors.joining(", "))
                + " or " + words.getLast();
    }

    /** The state an Optional from {@link Model#writes} names: {@link #NIL} back to null. */
    static Object state(Object fromOptional) {
        return fromOptional == NIL ? null : fromOptional;
    }

    static boolean same(Object state, Object fromOptional) {
        return Objects.equals(state, state(fromOptional));
    }
}
