package io.netns4j.cli;

import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code netns4j netns exec} as a separate process (its stdio is the child's): exit status,
 * {@code -all}, signals passed on, and the errors a user meets.
 */
@RequiresRoot
class NetnsExecCliTest {
    private final Scratch scratch = new Scratch();

    @AfterEach
    void cleanUp() throws Exception {
        scratch.close();
    }

    private static ProcessBuilder netns4j(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        return pb;
    }

    private static String[] run(Map<String, String> env, String... args) throws Exception {
        Process p = netns4j(env, args).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new String[] {Integer.toString(p.exitValue()), out};
    }

    @Test
    void exitStatusAndErrorsAreTheChilds() throws Exception {
        String name = scratch.name("xc");
        assertEquals(0, CliRun.of("netns", "add", name).exit());
        assertEquals("5", run(Map.of(), "netns", "exec", name, "sh", "-c", "exit 5")[0]);
        String[] missing = run(Map.of(), "netns", "exec", name, "no-such-command-n4j");
        assertEquals("1", missing[0]);
        assertTrue(missing[1].contains("exec of \"no-such-command-n4j\" failed: No such file or directory"), missing[1]);
        String[] unknown = run(Map.of(), "netns", "exec", name + "-missing", "true");
        assertEquals("1", unknown[0]);
        assertTrue(unknown[1].contains("Cannot open network namespace"), unknown[1]);
        String[] args = run(Map.of(), "netns", "exec", name, "printf", "%s|", "a b", "$HOME", "*");
        assertEquals("a b|$HOME|*|", args[1], "arguments pass as they are, never through a shell");
    }

    /** The command is looked up as execvp(3) does (netns4j makes the search itself, then execve). */
    @Test
    void theCommandIsFoundOnPathAsExecvpFindsIt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String name = scratch.name("xp");
        assertEquals(0, CliRun.of("netns", "add", name).exit());
        Path denied = java.nio.file.Files.createDirectories(dir.resolve("denied"));
        Path allowed = java.nio.file.Files.createDirectories(dir.resolve("allowed"));
        java.nio.file.Files.writeString(denied.resolve("n4j-tool"), "#!/bin/sh\necho denied\n"); // not executable
        Path tool = java.nio.file.Files.writeString(allowed.resolve("n4j-tool"), "echo from-path \"$@\"\n"); // no #!
        tool.toFile().setExecutable(true);
        Map<String, String> env = Map.of("PATH", "/nonexistent-n4j:" + denied + ":" + allowed + ":/usr/bin:/bin");
        String[] found = run(env, "netns", "exec", name, "n4j-tool", "a b");
        assertEquals("0", found[0], found[1]);
        assertEquals("from-path a b\n", found[1], "past a missing and a non-executable one, run by /bin/sh (no #!)");
        String[] onlyDenied = run(Map.of("PATH", denied.toString()), "netns", "exec", name, "n4j-tool");
        assertEquals("1", onlyDenied[0]);
        assertTrue(onlyDenied[1].contains("exec of \"n4j-tool\" failed: Permission denied"), onlyDenied[1]);
        assertEquals("0", run(env, "netns", "exec", name, tool.toString())[0], "a name with a slash is run as it is");
    }

    @Test
    void allRunsInEveryNamespaceAndGoesOnAfterAFailure() throws Exception {
        Path dir = scratch.runDirectory();
        Map<String, String> env = Map.of("NETNS_RUN_DIR", dir.toString());
        assertEquals("0", run(env, "netns", "add", "one")[0]);
        assertEquals("0", run(env, "netns", "add", "two")[0]);
        String[] r = run(env, "-all", "netns", "exec", "sh", "-c", "ls /sys/class/net | tr '\\n' ' '; exit 3");
        assertEquals("1", r[0], "a failure somewhere makes the status 1");
        assertTrue(r[1].contains("netns: one\n") && r[1].contains("netns: two\n"), r[1]);
        assertEquals(2, r[1].split("lo ", -1).length - 1, "each run saw its own namespace: " + r[1]);
    }

    @Test
    void sigtermToNetns4jIsTheCommandsOwn() throws Exception {
        String name = scratch.name("xt");
        assertEquals(0, CliRun.of("netns", "add", name).exit());
        Process p = netns4j(Map.of(), "netns", "exec", name, "sh", "-c", "echo $$; exec sleep 60").start();
        try {
            String pid = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
            assertEquals(Long.toString(p.pid()), pid, "the command replaced netns4j (same pid), as ip netns exec");
            assertTrue(p.children().findAny().isEmpty(), "no child left to orphan");
            p.destroy(); // SIGTERM to netns4j, which is the command now
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(128 + 15, p.exitValue(), "the command died by SIGTERM");
        } finally {
            p.destroyForcibly();
        }
    }
}
