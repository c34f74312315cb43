package io.netns4j.cli;

import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code netns4j netns exec NS CMD} from the command line behaves as {@code ip netns exec}:
 * every catchable signal sent to netns4j's pid reaches the command as that same signal (no
 * JVM thread dump on SIGQUIT), {@code kill -9} of netns4j ends the command, and a command
 * killed by a signal makes netns4j die by that signal (not exit 128+N).
 */
@RequiresRoot
class NetnsExecSignalsTest {
    private static final List<String> SIGNALS = List.of("USR1", "USR2", "HUP", "INT", "QUIT", "WINCH", "TERM");
    private final Scratch scratch = new Scratch();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        scratch.close();
    }

    private static List<String> netns4j(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Process start(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(p);
        return p;
    }

    /** Lines the process prints, read on a thread of their own. */
    private static BlockingQueue<String> lines(Process p) {
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    q.add(line);
                }
            } catch (Exception ignored) {
                // the process went away
            }
        });
        return q;
    }

    private static String next(BlockingQueue<String> lines, String what, List<String> seen) throws Exception {
        String line = lines.poll(30, TimeUnit.SECONDS);
        if (line == null) {
            fail("no line (waiting for " + what + "); so far: " + seen);
        }
        seen.add(line);
        return line;
    }

    private static void kill(String signal, long pid) throws Exception {
        Process k = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).inheritIO().start();
        assertTrue(k.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, k.exitValue(), "kill -s " + signal + " " + pid);
    }

    @Test
    void everySignalSentToNetns4jReachesTheCommandAsItself() throws Exception {
        String name = scratch.name("xs");
        assertEquals(0, CliRun.of("netns", "add", name).exit());
        StringBuilder script = new StringBuilder();
        for (String s : SIGNALS) {
            script.append("trap 'echo got-").append(s).append(s.equals("TERM") ? "; exit 7" : "").append("' ")
                    .append(s).append("; ");
        }
        script.append("echo ready $$; while :; do sleep 0.05; done");
        Process p = start(netns4j("netns", "exec", name, "sh", "-c", script.toString()));
        BlockingQueue<String> lines = lines(p);
        List<String> seen = new ArrayList<>();
        String ready = next(lines, "ready", seen);
        assertTrue(ready.startsWith("ready "), ready);
        for (String s : SIGNALS) {
            kill(s, p.pid()); // to netns4j's pid, never to the command's directly
            String line = next(lines, "got-" + s, seen);
            assertEquals("got-" + s, line, "the command saw SIG" + s + " as itself; all lines: " + seen);
        }
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(7, p.exitValue(), "netns4j exits with the command's code");
        for (String l; (l = lines.poll(1, TimeUnit.SECONDS)) != null; ) {
            seen.add(l);
        }
        assertFalse(String.join("\n", seen).contains("thread dump"), "SIGQUIT printed no JVM thread dump: " + seen);
        assertFalse(String.join("\n", seen).contains("\"main\""), "no thread stacks: " + seen);
    }

    @Test
    void killDashNineOfNetns4jEndsTheCommand() throws Exception {
        String name = scratch.name("xk");
        assertEquals(0, CliRun.of("netns", "add", name).exit());
        Process p = start(netns4j("netns", "exec", name, "sh", "-c", "echo ready $$; while :; do sleep 0.05; done"));
        BlockingQueue<String> lines = lines(p);
        List<String> seen = new ArrayList<>();
        String ready = next(lines, "ready", seen);
        long command = Long.parseLong(ready.substring("ready ".length()).strip());
        assertTrue(ProcessHandle.of(command).map(ProcessHandle::isAlive).orElse(false), "the command runs");
        kill("KILL", p.pid());
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (ProcessHandle.of(command).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        boolean alive = ProcessHandle.of(command).map(ProcessHandle::isAlive).orElse(false);
        if (alive) {
            ProcessHandle.of(command).ifPresent(ProcessHandle::destroyForcibly); // the orphan this test made
        }
        assertFalse(alive, "the command (pid " + command + ") outlived netns4j's kill -9");
    }

    @Test
    void aCommandKilledBySignalKillsNetns4jWithTheSameSignal() throws Exception {
        String name = scratch.name("xd");
        assertEquals(0, CliRun.of("netns", "add", name).exit());
        for (int signal : new int[] {15, 11}) {
            Process p = start(netns4j("netns", "exec", name, "sh", "-c", "kill -" + signal + " $$"));
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(128 + signal, p.exitValue(), new String(p.getInputStream().readAllBytes()));
        }
        // Java reports exit(139) and death by SIGSEGV alike: ask waitpid through python3.
        Path python = Path.of("/usr/bin/python3");
        assertTrue(Files.isExecutable(python), "python3 is installed (.ci/run installs it)");
        List<String> wrapped = new ArrayList<>(List.of(python.toString(), "-c",
                "import os, sys\n"
                        + "pid = os.fork()\n"
                        + "if pid == 0:\n"
                        + "    os.execvp(sys.argv[1], sys.argv[1:])\n"
                        + "_, st = os.waitpid(pid, 0)\n"
                        + "print('signal' if os.WIFSIGNALED(st) else 'exit', os.WTERMSIG(st) if os.WIFSIGNALED(st)"
                        + " else os.WEXITSTATUS(st))\n"));
        for (int signal : new int[] {15, 11}) {
            List<String> cmd = new ArrayList<>(wrapped);
            cmd.addAll(netns4j("netns", "exec", name, "sh", "-c", "kill -" + signal + " $$"));
            Process p = start(cmd);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertNotNull(out);
            assertTrue(out.strip().endsWith("signal " + signal), "netns4j died by signal " + signal + ": " + out);
        }
    }
}
