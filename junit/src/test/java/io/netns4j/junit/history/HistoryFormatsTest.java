package io.netns4j.junit.history;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recorder and its two file formats: Jepsen's EDN (as knossos and elle-cli read it) and
 * JSON, written and read back equal; what Jepsen itself writes is read; malformed text fails
 * with the line and the problem, never with another exception; and ten threads recording at
 * once give a well-formed history.
 */
class HistoryFormatsTest {
    private static List<Op> sample() {
        AtomicLong clock = new AtomicLong();
        History h = History.create(() -> clock.getAndAdd(1500));
        var w = h.invoke(0, "write", 3);
        var r = h.invoke(1, "read", null);
        w.ok();
        r.ok(3L);
        var c = h.invoke(2, "cas", List.of(3, 4));
        c.info();
        try (var p = h.fault("partition", "n1 / n2,n3")) {
            h.invoke(2, "k1", "write", "text with \"quotes\" and \\ and \u00e9").fail();
        }
        h.invoke(0, "read", null).ok(null);
        h.invoke(1, new Keyword("x"), "write", 2.5).ok();
        return h.ops();
    }

    @Test
    void ednIsWhatJepsenWritesAndReadsBackEqual() throws Exception {
        List<Op> ops = sample();
        String edn = EdnHistory.toEdn(ops);
        assertTrue(edn.startsWith("{:type :invoke, :f :write, :value 3, :process 0, :time 1500, :index 0}\n"), edn);
        assertTrue(edn.contains(":f :cas, :value [3 4]"), edn);
        assertTrue(edn.contains(":process :nemesis"), edn);
        assertTrue(edn.contains(":f :start-partition"), edn);
        assertEquals(ops, EdnHistory.parse(edn));
    }

    @Test
    void jsonReadsBackEqual() throws Exception {
        List<Op> ops = sample();
        String json = JsonHistory.toJson(ops);
        List<Op> back = JsonHistory.parse(json);
        // JSON has no keywords: a keyword comes back as its name, as elle-cli reads it
        List<Op> expected = ops.stream().map(op -> op.key() instanceof Keyword k
                ? new Op(op.index(), op.type(), op.process(), op.f(), op.value(), op.time(), k.name()) : op).toList();
        assertEquals(expected, back);
    }

    @Test
    void aHistoryAsJepsenPrintsItIsRead() throws Exception {
        // one vector of maps with fields this recorder does not write (Jepsen adds them)
        String jepsen = "[{:type :invoke, :f :read, :value nil, :process 0, :time 12, :index 0}\n"
                + " {:type :ok, :f :read, :value 1, :process 0, :time 30, :index 1, :node \"n1\"}\n"
                + " {:type :info, :f :start, :value nil, :process :nemesis, :time 40, :index 2}]";
        List<Op> ops = EdnHistory.parse(jepsen);
        assertEquals(3, ops.size());
        assertEquals(1L, ops.get(1).value());
        assertTrue(ops.get(2).isNemesis());
    }

    @Test
    void malformedTextFailsWithTheLineAndTheProblem() {
        HistoryFormatException open = assertThrows(HistoryFormatException.class,
                () -> EdnHistory.parse("{:type :invoke, :f :read, :value nil, :process 0, :time 1, :index 0}\n{:type :ok"));
        assertEquals(2, open.line());
        assertTrue(open.problem().contains("'}' is missing"), open.problem());
        HistoryFormatException twice = assertThrows(HistoryFormatException.class,
                () -> EdnHistory.parse("{:type :ok, :type :ok}"));
        assertTrue(twice.problem().contains("appears twice"), twice.problem());
        assertThrows(HistoryFormatException.class, () -> JsonHistory.parse("[{\"type\": \"invoke\", \"f\": "));
        assertThrows(HistoryFormatException.class, () -> JsonHistory.parse("{\"type\": \"nonsense\"}"));
    }

    @Test
    void randomBytesNeverEscapeAsAnotherException() {
        SplittableRandom random = new SplittableRandom(7);
        String valid = EdnHistory.toEdn(sample()) + JsonHistory.toJson(sample());
        for (int i = 0; i < 5000; i++) {
            StringBuilder s = new StringBuilder(valid.substring(0, random.nextInt(valid.length())));
            for (int k = random.nextInt(4); k > 0; k--) {
                s.insert(random.nextInt(s.length() + 1), "{}[]\":\\ \n-9e".charAt(random.nextInt(12)));
            }
            String text = s.toString();
            for (boolean edn : new boolean[] {true, false}) {
                try {
                    if (edn) {
                        EdnHistory.parse(text);
                    } else {
                        JsonHistory.parse(text);
                    }
                } catch (HistoryFormatException expected) {
                    // the typed exception is the only way out
                } catch (RuntimeException e) {
                    throw new AssertionError((edn ? "EDN" : "JSON") + " parser threw " + e + " on:\n" + text, e);
                }
            }
        }
    }

    @Test
    void tenThreadsRecordingAtOnceGiveAWellFormedHistory() throws Exception {
        History h = History.create();
        int clients = 10;
        int perClient = 500;
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perClient; i++) {
                        var op = h.invoke(client, "write", (long) i);
                        if (i % 50 == 49) {
                            op.info();
                        } else {
                            op.ok();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        List<Op> ops = h.ops();
        assertEquals(clients * perClient * 2, ops.size());
        Set<Long> open = new HashSet<>();
        long lastTime = 0;
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            assertEquals(i, op.index());
            assertTrue(op.time() >= lastTime, "time never goes back");
            lastTime = op.time();
            if (op.type() == OpType.INVOKE) {
                assertTrue(open.add(op.process()), "one operation at a time per process: " + op);
            } else {
                assertTrue(open.remove(op.process()), "a completion follows its invocation: " + op);
            }
        }
        // each info crashes the process and the client goes on as a fresh number (the last
        // info of each client leaves a number that is never used)
        long processes = ops.stream().map(Op::process).distinct().count();
        assertEquals(clients + clients * (perClient / 50 - 1), processes);
    }
}
