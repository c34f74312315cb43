package io.netns4j.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommandLineTest {
    @Test
    void splitsLikeIpBatch() throws Exception {
        assertEquals(List.of("netns", "add", "a b", "c"), CommandLine.split("  netns add \"a b\" c  # comment"));
        assertEquals(List.of("x'y", "z"), CommandLine.split("x\\'y 'z'"));
        assertEquals(List.of(), CommandLine.split("# only a comment"));
        assertEquals(List.of("a#b"), CommandLine.split("a#b"));
        assertThrows(UsageException.class, () -> CommandLine.split("netns add \"open"));
    }
}
