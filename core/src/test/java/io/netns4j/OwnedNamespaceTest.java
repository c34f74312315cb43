package io.netns4j;

import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import io.netns4j.testing.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Namespaces a caller owns (deleted at close), deleteIfExists, and call's typed exceptions with the caller's stack. */
@RequiresRoot
class OwnedNamespaceTest {
    private final Scratch scratch = new Scratch();
    private final NetnsRegistry registry = NetnsRegistry.system();

    @AfterEach
    void cleanUp() throws Exception {
        scratch.close();
    }

    @Test
    void anOwnedNamespaceIsDeletedWhenItsHandleCloses() throws Exception {
        String name = scratch.name("own");
        try (Netns ns = registry.create(name)) {
            assertTrue(Files.exists(registry.directory().resolve(name)));
            assertEquals(1, (int) ns.call(() -> 1));
        }
        assertFalse(Files.exists(registry.directory().resolve(name)));
    }

    @Test
    void aTemporaryNamespaceHasAUniqueNameAndGoesAtClose() throws Exception {
        String first;
        try (Netns t1 = registry.createTemporary(TestNames.PREFIX + "tmp-");
             Netns t2 = registry.createTemporary(TestNames.PREFIX + "tmp-")) {
            first = t1.name().orElseThrow();
            assertTrue(first.startsWith(TestNames.PREFIX + "tmp-" + ProcessHandle.current().pid() + "-"), first);
            assertFalse(first.equals(t2.name().orElseThrow()));
        }
        assertFalse(Files.exists(registry.directory().resolve(first)));
    }

    @Test
    void deleteIfExistsSaysWhetherItDeleted() throws Exception {
        String name = scratch.name("die");
        registry.add(name).close();
        assertTrue(registry.deleteIfExists(name));
        assertFalse(registry.deleteIfExists(name));
    }

    @Test
    void callThrowsTheTasksOwnExceptionWithTheCallersStack() throws Exception {
        try (Netns ns = registry.createTemporary(TestNames.PREFIX + "stk-")) {
            IOException e = assertThrows(IOException.class, () -> ns.call(() -> {
                throw new IOException("from inside");
            }));
            assertEquals("from inside", e.getMessage());
            CalledFrom from = (CalledFrom) Arrays.stream(e.getSuppressed()).filter(s -> s instanceof CalledFrom)
                    .findFirst().orElseThrow();
            assertTrue(Arrays.stream(from.getStackTrace()).anyMatch(f -> f.getMethodName()
                    .contains("callThrowsTheTasksOwnExceptionWithTheCallersStack")), Arrays.toString(from.getStackTrace()));
            // the checked type is the task's: no catch (Exception) needed for a task that throws nothing
            int v = ns.call(() -> 41) + 1;
            assertEquals(42, v);
        }
    }
}
