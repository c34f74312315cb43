package io.netns4j.cli;

import io.netns4j.testing.Ip;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code netns4j netns exec NAME bash} on a real pseudo-terminal (tmux): the shell gets the
 * terminal, Ctrl-C interrupts the command running in it (not the shell, not netns4j),
 * Ctrl-Z suspends it, and {@code exit 3} makes netns4j exit with 3.
 */
@RequiresRoot
class InteractiveShellTest {
    private final Scratch scratch = new Scratch();
    private final String session = "n4jt-tty-" + ProcessHandle.current().pid();
    private Path status;

    @AfterEach
    void cleanUp() throws Exception {
        Ip.run(Map.of(), "tmux", "kill-session", "-t", session);
        if (status != null) {
            Files.deleteIfExists(status);
        }
        scratch.close();
    }

    private String screen() {
        return Ip.run(Map.of(), "tmux", "capture-pane", "-p", "-t", session).out();
    }

    private void keys(String... keys) {
        String[] cmd = new String[keys.length + 4];
        cmd[0] = "tmux";
        cmd[1] = "send-keys";
        cmd[2] = "-t";
        cmd[3] = session;
        System.arraycopy(keys, 0, cmd, 4, keys.length);
        Ip.run(Map.of(), cmd).ok();
    }

    private void await(String what, Predicate<String> condition) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (condition.test(screen())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never saw " + what + " on the terminal:\n" + screen());
    }

    @Test
    void aShellBehavesAsUnderIpNetnsExec() throws Exception {
        String name = scratch.name("tty");
        assertEquals(0, CliRun.of("netns", "add", name).exit());
        status = Files.createTempFile("n4jt-tty-", ".status");
        String java = ProcessHandle.current().info().command().orElseThrow();
        String netns4j = java + " --enable-native-access=ALL-UNNAMED -cp " + System.getProperty("java.class.path")
                + " " + Main.class.getName();
        String script = netns4j + " netns exec " + name + " bash --norc --noprofile -i; echo \"$?\" > " + status
                + "; sleep 30";
        Ip.run(Map.of(), "tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "40",
                "env", "TERM=xterm", "bash", "--norc", "--noprofile", "-c", script).ok();
        await("bash's prompt", s -> s.contains("bash-"));
        keys("PS1='n4jt$ '", "Enter");
        await("the prompt", s -> s.contains("n4jt$"));

        keys("ls /sys/class/net | tr '\\n' ' '; echo END", "Enter");
        await("the namespace's devices", s -> s.contains("lo END"));

        keys("sleep 30; echo after-sleep", "Enter");
        Thread.sleep(300);
        keys("C-c");
        keys("echo still-alive", "Enter");
        await("the shell alive after Ctrl-C", s -> s.contains("\nstill-alive"));
        assertTrue(!screen().contains("\nafter-sleep"), "Ctrl-C interrupted the whole command line, as in bash");

        keys("sleep 40", "Enter");
        Thread.sleep(300);
        keys("C-z");
        await("the job stopped by Ctrl-Z", s -> s.contains("Stopped"));
        keys("kill %1; echo killed-job", "Enter");
        await("the job killed", s -> s.contains("\nkilled-job"));
        // bash refuses the first "exit" while it still lists the job as stopped: wait until it is reaped
        keys("while jobs %1 >/dev/null 2>&1; do sleep 0.1; done; echo jobs-gone", "Enter");
        await("the killed job reaped", s -> s.contains("\njobs-gone"));

        keys("exit 3", "Enter");
        for (int i = 0; i < 400 && Files.readString(status).isBlank(); i++) {
            Thread.sleep(50);
        }
        assertEquals("3", Files.readString(status).strip(), "netns4j exits with the shell's status; the terminal:\n"
                + screen());
    }
}
