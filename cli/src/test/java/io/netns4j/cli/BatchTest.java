package io.netns4j.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** -batch file handling that needs no root: comments, continuations, exit status. */
class BatchTest {
    private Path file;

    @AfterEach
    void cleanUp() throws Exception {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    private CliRun batch(String text, String... options) throws Exception {
        file = Files.createTempFile("n4jt-", ".batch");
        Files.writeString(file, text);
        String[] args = new String[options.length + 2];
        System.arraycopy(options, 0, args, 0, options.length);
        args[options.length] = "-batch";
        args[options.length + 1] = file.toString();
        return CliRun.of(args);
    }

    @Test
    void aFailedLineMakesTheStatusOneEvenWhenItWasAUsageError() throws Exception {
        CliRun r = batch("netns help\nnetns frob\nnetns help\n", "-force");
        assertEquals(1, r.exit(), "1: something may have run before or after the bad line");
        assertTrue(r.err().contains("Command failed " + file + ":2"), r.err());
        assertEquals(2, r.out().lines().filter(l -> l.startsWith("Usage:")).count(), "-force went on after the failure");
    }

    @Test
    void aBackslashInACommentContinuesNothing() throws Exception {
        CliRun r = batch("# a comment that ends in a backslash \\\nnetns help\n");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Usage:"), "the line after the comment ran: " + r.out());
    }

    @Test
    void aContinuationAtTheEndOfTheFileIsAnError() throws Exception {
        CliRun r = batch("netns help \\\n");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("Missing continuation line"), r.err());
    }

    @Test
    void continuedLinesJoinAsIpJoinsThem() throws Exception {
        assertEquals("netns frob", CommandLine.withoutComment("netns frob # trailing comment"));
        assertEquals("a '#not' \\#x", CommandLine.withoutComment("a '#not' \\#x #comment"));
        CliRun r = batch("netns \\\n  frob\n");
        assertTrue(r.err().contains("Command \"frob\" is unknown"), r.err());
    }
}
