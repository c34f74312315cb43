package io.netns4j.junit.check;

import io.netns4j.junit.history.Op;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checker on the literature's small histories: Porcupine's README examples, the stale
 * read Jepsen finds in databases under partition, knossos' compare-and-set cases, and the
 * rules for {@code fail}, {@code info} and keys. Each verdict was worked out by hand (in the
 * comments); the randomized comparison with an exhaustive search is LinearizabilityOracleTest.
 */
class LinearizabilityExamplesTest {
    private static LinearizabilityResult register(Script s) {
        return Linearizability.check(s.ops(), Model.register(0L));
    }

    @Test
    void porcupinesFirstExampleIsLinearizable() {
        // put(100) by c0 over [0, 100]; get -> 100 by c1 over [25, 75]; get -> 0 by c2 over [30, 60]:
        // c2's get takes effect before the put, c1's after it.
        Script s = new Script().invoke(0, "write", 100L).invoke(1, "read").invoke(2, "read")
                .ok(2, 0L).ok(1, 100L).ok(0);
        LinearizabilityResult r = register(s);
        assertTrue(r.linearizable(), r::report);
        assertEquals(3, r.calls());
        assertTrue(r.violation().isEmpty());
    }

    @Test
    void porcupinesSecondExampleIsNot() {
        // put(200) by c0 over [0, 100]; get -> 200 by c1 over [10, 30]; get -> 0 by c2 over [40, 90]:
        // once c1 has seen 200, no later read may see the old 0.
        Script s = new Script().invoke(0, "write", 200L).invoke(1, "read").ok(1, 200L)
                .invoke(2, "read").ok(2, 0L).ok(0);
        LinearizabilityResult r = register(s);
        assertEquals(Verdict.NOT_LINEARIZABLE, r.verdict(), r::report);
        Violation v = r.violation().orElseThrow();
        assertEquals("read", v.invocation().f());
        assertEquals(0L, v.completion().value());
        assertEquals(java.util.Set.of(200L), v.possibleStates(), v.explanation());
        assertTrue(v.explanation().contains("a read of 0 needs the register to hold 0, but it could only hold 200"),
                v.explanation());
        // everything before the culprit's completion (index 4) is linearizable
        assertEquals(4, v.linearizablePrefix());
        assertTrue(v.window().stream().anyMatch(op -> op.f().equals("write")), "the write that set 200 is in the window");
    }

    @Test
    void aStaleReadAfterTwoWritesNamesTheOverwrite() {
        Script s = new Script().op(0, "write", 1L, 1L).op(1, "write", 2L, 2L).op(2, "read", null, 1L);
        LinearizabilityResult r = register(s);
        assertFalse(r.linearizable());
        String words = r.report();
        assertTrue(words.contains("Not linearizable (register)"), words);
        assertTrue(words.contains("set last by write of 1 by process 0"), words);
        assertTrue(words.contains("overwritten by write of 2 by process 1 at"), words);
        assertTrue(words.contains("which completed before the read began"), words);
    }

    @Test
    void concurrentWritesMayBeSeenInEitherOrder() {
        // two overlapping writes, then two sequential reads that agree on the later one
        Script either = new Script().invoke(0, "write", 1L).invoke(1, "write", 2L).ok(0).ok(1)
                .op(2, "read", null, 1L).op(3, "read", null, 1L);
        assertTrue(register(either).linearizable());
        // but reads may not flip between them once both writes are done
        Script flip = new Script().invoke(0, "write", 1L).invoke(1, "write", 2L).ok(0).ok(1)
                .op(2, "read", null, 1L).op(3, "read", null, 2L);
        assertFalse(register(flip).linearizable());
    }

    @Test
    void aFailedWriteNeverHappened() {
        Script s = new Script().invoke(0, "write", 5L).fail(0).op(1, "read", null, 5L);
        assertFalse(register(s).linearizable(), "a read may not see the value of a write that failed");
        Script fine = new Script().invoke(0, "write", 5L).fail(0).op(1, "read", null, 0L);
        assertTrue(register(fine).linearizable());
    }

    @Test
    void anIndeterminateWriteMayTakeEffectLaterOrNever() {
        // the write timed out (info): it may take effect at any time after its invocation, or never
        Script never = new Script().invoke(0, "write", 7L).info(0).op(1, "read", null, 0L);
        assertTrue(register(never).linearizable());
        Script late = new Script().invoke(0, "write", 7L).info(0).op(1, "read", null, 0L).op(1, "read", null, 7L);
        assertTrue(register(late).linearizable(), "it took effect between the two reads");
        Script back = new Script().invoke(0, "write", 7L).info(0).op(1, "read", null, 7L).op(1, "read", null, 0L);
        assertFalse(register(back).linearizable(), "but it cannot be undone");
        // a crashed client comes back as a fresh process, as in Jepsen
        List<Op> ops = late.ops();
        assertEquals(0, ops.get(0).process());
    }

    @Test
    void anOperationNeverCompletedIsIndeterminate() {
        Script s = new Script().invoke(0, "write", 3L).op(1, "read", null, 0L).op(1, "read", null, 3L);
        assertTrue(register(s).linearizable());
    }

    @Test
    void compareAndSetFollowsTheValue() {
        Model cas = Model.casRegister(0L);
        Script ok = new Script().op(0, "cas", List.of(0L, 1L), List.of(0L, 1L)).op(1, "cas", List.of(1L, 2L), List.of(1L, 2L))
                .op(2, "read", null, 2L);
        assertTrue(Linearizability.check(ok.ops(), cas).linearizable());
        // two sequential cas from the same expected value cannot both succeed (knossos' lost update)
        Script lost = new Script().op(0, "cas", List.of(0L, 1L), List.of(0L, 1L)).op(1, "cas", List.of(0L, 2L), List.of(0L, 2L));
        LinearizabilityResult r = Linearizability.check(lost.ops(), cas);
        assertFalse(r.linearizable());
        assertTrue(r.report().contains("a cas from 0 to 2 needs the register to hold 0, but it could only hold 1"), r.report());
        // a failed cas says nothing; a concurrent one may go either way
        Script failed = new Script().op(0, "cas", List.of(0L, 1L), List.of(0L, 1L)).invoke(1, "cas", List.of(0L, 2L)).fail(1)
                .op(2, "read", null, 1L);
        assertTrue(Linearizability.check(failed.ops(), cas).linearizable());
    }

    @Test
    void keysAreIndependentRegisters() {
        Script s = new Script().invokeKey(0, "a", "write", 1L).ok(0).invokeKey(1, "b", "read", null).ok(1, 0L)
                .invokeKey(2, "a", "read", null).ok(2, 1L);
        LinearizabilityResult r = register(s);
        assertTrue(r.linearizable(), r::report);
        assertEquals(2, r.keys());
        Script bad = new Script().invokeKey(0, "a", "write", 1L).ok(0).invokeKey(1, "b", "read", null).ok(1, 1L);
        LinearizabilityResult wrong = register(bad);
        assertFalse(wrong.linearizable());
        assertEquals("b", wrong.violation().orElseThrow().key());
        assertTrue(wrong.report().contains("key \"b\""), wrong.report());
    }

    @Test
    void nemesisEntriesAreLeftOut() {
        Script s = new Script().nemesis("start-partition", "n1 / n2,n3").op(0, "write", 1L, 1L)
                .nemesis("stop-partition", "n1 / n2,n3").op(1, "read", null, 1L);
        assertTrue(register(s).linearizable());
    }

    @Test
    void malformedHistoriesAreRefusedWithTheirIndex() {
        Model cas = Model.casRegister();
        InvalidHistoryException unknownF = assertThrows(InvalidHistoryException.class,
                () -> Linearizability.check(new Script().op(0, "append", 1L, 1L).ops(), Model.register()));
        assertEquals("the register model has no function 'append' (index 0)", unknownF.getMessage());
        InvalidHistoryException badCas = assertThrows(InvalidHistoryException.class,
                () -> Linearizability.check(new Script().op(0, "cas", 1L, 1L).ops(), cas));
        assertTrue(badCas.getMessage().startsWith("a cas value must be [expected new], not 1"), badCas.getMessage());
        List<Op> orphan = List.of(new Op(0, io.netns4j.junit.history.OpType.OK, 3, "read", 1L, 0, null));
        InvalidHistoryException noInvoke = assertThrows(InvalidHistoryException.class,
                () -> Linearizability.check(orphan, Model.register()));
        assertEquals("the ok of read by process 3 (index 0) has no invocation", noInvoke.getMessage());
        List<Op> twice = List.of(new Op(0, io.netns4j.junit.history.OpType.INVOKE, 1, "read", null, 0, null),
                new Op(1, io.netns4j.junit.history.OpType.INVOKE, 1, "write", 2L, 1, null));
        InvalidHistoryException overlap = assertThrows(InvalidHistoryException.class,
                () -> Linearizability.check(twice, Model.register()));
        assertEquals("process 1 invokes write (index 1) while its read (index 0) is under way", overlap.getMessage());
    }

    @Test
    void aSearchPastItsLimitSaysUnknownNotValid() {
        // eight concurrent writes and reads: many orders; a limit of 5 configurations cannot decide
        Script s = new Script();
        for (int c = 0; c < 8; c++) {
            s.invoke(c, "write", (long) c);
        }
        for (int c = 0; c < 8; c++) {
            s.ok(c);
        }
        s.op(9, "read", null, 99L);
        LinearizabilityResult r = Linearizability.of(Model.register(0L)).withMaxConfigurations(5).check(s.ops());
        assertEquals(Verdict.UNKNOWN, r.verdict(), r::report);
        assertFalse(r.linearizable(), "unknown is not a pass");
        assertTrue(r.report().startsWith("Unknown (register): the search reached its limit"), r.report());
        assertThrows(IllegalArgumentException.class, () -> Linearizability.of(Model.register()).withMaxConfigurations(0));
    }

    @Test
    void anEmptyHistoryIsLinearizable() {
        assertTrue(Linearizability.check(List.of(), Model.register()).linearizable());
    }
}
