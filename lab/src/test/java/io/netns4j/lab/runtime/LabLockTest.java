package io.netns4j.lab.runtime;

import io.netns4j.testing.TestNames;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LabLock}: one holder at a time, also when the holder removes the file a waiter is blocked on. No root. */
class LabLockTest {
    @Test
    void aWaiterOnARemovedFileLocksTheNewOneAndExcludesLaterTakers() throws Exception {
        Path dir = Files.createTempDirectory(TestNames.PREFIX + "lock-");
        try {
            LabLock first = LabLock.take(dir, "x");
            CompletableFuture<LabLock> second = CompletableFuture.supplyAsync(() -> take(dir));
            assertThrows(TimeoutException.class, () -> second.get(300, TimeUnit.MILLISECONDS), "waits for the holder");
            first.removeFile();
            first.close();
            LabLock held = second.get(5, TimeUnit.SECONDS);
            assertTrue(Files.exists(dir.resolve("x.lock")), "the waiter made the file anew");
            CompletableFuture<LabLock> third = CompletableFuture.supplyAsync(() -> take(dir));
            assertThrows(TimeoutException.class, () -> third.get(300, TimeUnit.MILLISECONDS),
                    "the new file's lock excludes a later taker");
            held.removeFile();
            held.close();
            third.get(5, TimeUnit.SECONDS).close();
            assertTrue(Files.exists(dir.resolve("x.lock")));
            LabLock last = LabLock.take(dir, "x");
            last.removeFile();
            last.close();
            assertFalse(Files.exists(dir.resolve("x.lock")), "removed by its last holder");
        } finally {
            Files.deleteIfExists(dir.resolve("x.lock"));
            Files.delete(dir);
        }
    }

    private static LabLock take(Path dir) {
        try {
            return LabLock.take(dir, "x");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
