package io.netns4j.junit.check;

import io.netns4j.junit.history.Op;

/**
 * One client operation as the search sees it: its invocation and completion paired, the
 * value that matters (a read's result, a write's argument), and where it begins and ends in
 * the history. An indeterminate call ({@code info}, or never completed) ends at
 * {@link Long#MAX_VALUE}: it may take effect at any time after its invocation.
 *
 * @param id          0.. within its key, the bit in the search's set of linearized calls
 * @param invoke      the {@code :invoke} entry
 * @param completion  the {@code :ok} or {@code :info} entry, or {@code null} if it never completed
 * @param value       the value the model sees
 * @param callAt      the invocation's position in the history
 * @param returnAt    the completion's position, or {@link Long#MAX_VALUE} if indeterminate
 */
record Call(int id, Op invoke, Op completion, Object value, long callAt, long returnAt) {
    boolean indeterminate() {
        return returnAt == Long.MAX_VALUE;
    }

    String f() {
        return invoke.f();
    }

    /** {@code read of 2 by process 3 at [1.204, 1.530] ms} */
    String describe() {
        String end = completion == null ? "never completed"
                : completion.type() == io.netns4j.junit.history.OpType.INFO
                ? Millis.text(completion.time()) + " (info: outcome unknown)"
                : Millis.text(completion.time());
        return f() + " of " + Values.text(value) + " by process " + invoke.processName()
                + " at [" + Millis.text(invoke.time()) + ", " + end + "] ms (index " + invoke.index()
                + (completion == null ? "" : "-" + completion.index()) + ")";
    }

    boolean overlaps(Call other) {
        return callAt < other.returnAt && other.callAt < returnAt;
    }

    /** Times in milliseconds with three decimals. */
    static final class Millis {
        private Millis() {
        }

        static String text(long nanos) {
            return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6);
        }
    }
}
