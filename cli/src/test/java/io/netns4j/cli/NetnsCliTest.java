package io.netns4j.cli;

import io.netns4j.NetnsRegistry;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code netns} commands end to end, in a private run directory. */
@RequiresRoot
class NetnsCliTest {
    private final Scratch scratch = new Scratch();
    private final Path dir = scratch.runDirectory();
    private final NetnsRegistry registry = NetnsRegistry.at(dir);

    @AfterEach
    void cleanUp() throws Exception {
        scratch.close();
    }

    private CliRun run(String... args) {
        return CliRun.of(registry, args);
    }

    @Test
    void addListSetListIdAndDelete() {
        assertEquals(0, run("netns", "add", "red").exit());
        assertEquals(0, run("netns", "a", "blue").exit(), "verbs abbreviate like ip's");
        assertEquals(List.of("blue", "red"), run("netns", "list").out().lines().sorted().toList());
        assertEquals(0, run("netns", "set", "red", "5").exit());
        assertTrue(run("netns").out().lines().anyMatch(l -> l.equals("red (id: 5)")), run("netns").out());
        assertTrue(run("netns", "list-id").out().lines().anyMatch(l -> l.equals("nsid 5 (iproute2 netns name: red)")));
        assertEquals("[{\"nsid\":5,\"name\":\"red\"}]\n", run("-j", "netns", "list-id", "nsid", "5").out());
        CliRun taken = run("netns", "set", "blue", "5");
        assertEquals(1, taken.exit());
        assertTrue(taken.err().startsWith("Error: "), taken.err());
        assertEquals(0, run("netns", "del", "red").exit());
        CliRun again = run("netns", "delete", "red");
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("Cannot remove namespace file") && again.err().contains("No such file"), again.err());
    }

    @Test
    void dashNRunsTheCommandInsideTheNamedNamespace() {
        run("netns", "add", "viewer");
        run("netns", "add", "seen");
        assertEquals(0, run("-n", "viewer", "netns", "set", "seen", "9").exit());
        assertTrue(run("-n", "viewer", "netns", "list").out().contains("seen (id: 9)"));
        assertFalse(run("netns", "list").out().contains("seen (id: 9)"), "the id belongs to viewer only");
        CliRun missing = run("-n", "nope", "netns", "list");
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("Cannot open network namespace \"nope\""), missing.err());
    }

    @Test
    void allDeleteRemovesEveryNameInTheDirectory() {
        run("netns", "add", "a1");
        run("netns", "add", "a2");
        assertEquals(0, run("-all", "netns", "delete").exit());
        assertEquals("", run("netns", "list").out());
    }

    @Test
    void batchRunsLinesStopsOnFailureAndForceGoesOn() throws Exception {
        Path file = Files.writeString(dir.getParent().resolve(dir.getFileName() + ".batch"), """
                # comment line
                netns add b1
                netns add b1
                netns add b2
                -n b2 netns set b1 3
                """);
        try {
            CliRun stop = run("-batch", file.toString());
            assertEquals(1, stop.exit());
            assertTrue(stop.err().contains("Command failed " + file + ":3"), stop.err());
            assertEquals(List.of("b1"), run("netns", "list").out().lines().toList());

            run("netns", "delete", "b1");
            CliRun force = run("-force", "-batch", file.toString());
            assertEquals(1, force.exit(), "a failed line still makes the status 1");
            assertEquals(List.of("b1", "b2"), run("netns", "list").out().lines().sorted().toList());
            assertTrue(run("-n", "b2", "netns", "list").out().contains("b1 (id: 3)"), "the -n line ran inside b2");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void prettyJsonAndIdentifyAndPidsAsJson() {
        run("netns", "add", "p1");
        assertTrue(run("-j", "-p", "netns", "list").out().contains("\n    {\n        \"name\": \"p1\""));
        assertEquals("[]\n", run("-j", "netns", "identify").out());
        assertEquals("[]\n", run("-j", "netns", "pids", "p1").out());
    }
}
