package io.netns4j.junit.history;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a history, as Jepsen records it ({@code jepsen.history.Op}): {@code {:type :ok,
 * :f :write, :value 3, :process 0, :time 123, :index 1}}.
 *
 * <p>Values are kept in a small closed set so that every history can be written as EDN and
 * JSON and read back equal: {@code null}, {@link Long} (other integers are widened),
 * {@link Double}, {@link Boolean}, {@link String}, {@link Keyword} and lists of those (a
 * compare-and-set is {@code [expected new]}).
 *
 * @param index   the position in the history, from 0 ({@code :index})
 * @param type    invoke, ok, fail or info ({@code :type})
 * @param process the client process, from 0, or {@link #NEMESIS} ({@code :process})
 * @param f       the function: {@code read}, {@code write}, {@code cas}, {@code start-partition}... ({@code :f})
 * @param value   the argument (invoke) or result (ok) ({@code :value})
 * @param time    nanoseconds since the history started, monotonic ({@code :time})
 * @param key     the register's key when ops on independent keys share a history (an extra
 *                {@code :key} field; Jepsen's {@code independent} puts it in the value), or {@code null}
 */
public record Op(long index, OpType type, long process, String f, Object value, long time, Object key) {
    /** The process number that stands for Jepsen's {@code :nemesis}. */
    public static final long NEMESIS = -1;

    /**
     * Checks the fields and turns the value into one of the kinds a history holds ({@link #normalize}).
     *
     * @throws IllegalArgumentException if a field is out of range or the value is not one of
     *                                  the kinds listed above
     */
    public Op {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(f, "f");
        if (!Keyword.isKeywordName(f)) {
            throw new IllegalArgumentException("f must be a keyword name, not '" + f + "'");
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, not " + index);
        }
        if (process < NEMESIS) {
            throw new IllegalArgumentException("process must be >= 0 or NEMESIS, not " + process);
        }
        value = normalize(value);
        key = normalize(key);
    }

    /** {@return whether this is a fault of the nemesis rather than a client's operation} */
    public boolean isNemesis() {
        return process == NEMESIS;
    }

    /** {@return the process as Jepsen writes it: the number, or {@code nemesis}} */
    public String processName() {
        return isNemesis() ? "nemesis" : Long.toString(process);
    }

    /**
     * This op at another position, e.g. when histories are merged.
     *
     * @param newIndex the index to give the copy
     * @return this op at another position
     */
    public Op withIndex(long newIndex) {
        return new Op(newIndex, type, process, f, value, time, key);
    }

    /**
     * The closed set of values a history holds: integers widened to {@link Long}, floats to
     * {@link Double}, arrays and lists to unmodifiable lists.
     *
     * @param value a value given by a test
     * @return the value as a history keeps it
     * @throws IllegalArgumentException for any other kind of value
     */
    public static Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case Long l -> l;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case Double d -> finite(d);
            case Float x -> finite((double) x);
            case Boolean b -> b;
            case String s -> s;
            case Keyword k -> k;
            case List<?> list -> normalizeAll(list);
            default -> {
                if (value.getClass().isArray()) {
                    List<Object> items = new ArrayList<>();
                    for (int i = 0; i < Array.getLength(value); i++) {
                        items.add(Array.get(value, i));
                    }
                    yield normalizeAll(items);
                }
                throw new IllegalArgumentException("a history value must be null, a number, a boolean, a string, "
                        + "a Keyword or a list of those, not " + value.getClass().getName());
            }
        };
    }

    private static Double finite(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("a history value must be a finite number, not " + d);
        }
        return d;
    }

    private static List<Object> normalizeAll(List<?> items) {
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(normalize(item));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public String toString() {
        return "{" + type.word() + " " + f + " " + valueText(value) + " process " + processName()
                + (key == null ? "" : " key " + valueText(key)) + " time " + time + " index " + index + "}";
    }

    /**
     * A history value as Jepsen prints it, for messages and reports.
     *
     * @param value a history value
     * @return the value in EDN's notation ({@code nil}, {@code [1 2]}, {@code "s"}, {@code :k})
     */
    public static String valueText(Object value) {
        StringBuilder out = new StringBuilder();
        EdnHistory.appendValue(out, value);
        return out.toString();
    }
}
