package io.netns4j.junit.check;

import io.netns4j.junit.history.JsonHistory;
import io.netns4j.junit.history.Op;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The linearizability checker timed in a warm JVM on simulated cas-register histories of
 * 10 clients (linearizable ones, and the same with one stale read at the very end), and the
 * histories written as JSON for the peer (Porcupine) to check in the same run. Run by
 * bench/check.sh; not a test.
 *
 * <p>{@code DIR OPS...}: writes {@code DIR/ok-OPS.json} and {@code DIR/stale-OPS.json} and
 * prints one line per history: {@code java ok-5000 5006 ops LINEARIZABLE median 12.3 ms}.
 */
public final class CheckerBenchmark {
    private static final int ROUNDS = 15;
    private static final int WARMUP = 5;

    private CheckerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (int i = 1; i < args.length; i++) {
            int ops = Integer.parseInt(args[i]);
            List<Op> ok = SimulatedRegister.history(new SplittableRandom(ops), 10, ops);
            List<Op> stale = SimulatedRegister.withStaleReadAtTheEnd(ok);
            time("ok-" + ops, ok, dir);
            time("stale-" + ops, stale, dir);
        }
    }

    private static void time(String name, List<Op> history, Path dir) throws Exception {
        JsonHistory.write(history, dir.resolve(name + ".json"));
        long[] nanos = new long[ROUNDS];
        Verdict verdict = null;
        for (int i = 0; i < ROUNDS + WARMUP; i++) {
            long t0 = System.nanoTime();
            LinearizabilityResult r = Linearizability.check(history, Model.casRegister(0L));
            long t = System.nanoTime() - t0;
            verdict = r.verdict();
            if (i >= WARMUP) {
                nanos[i - WARMUP] = t;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("java %s %d entries %s median %.2f ms min %.2f ms%n", name, history.size(), verdict,
                nanos[ROUNDS / 2] / 1e6, nanos[0] / 1e6);
    }
}
