package io.netns4j.lab.service;

import io.netns4j.ProcessSignals;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Signals to a service's whole process tree ({@code sh -c COMMAND} and what it started: dash
 * does not exec the last command, so signalling the shell alone would leave the program), and
 * the parallel stop {@code lab down} uses: every process gets its signal at once, all are
 * waited for together, a zombie counts as ended, SIGKILL after the grace period.
 */
public final class ProcessTree {
    static final int SIGKILL = 9;
    static final int SIGCONT = 18;
    static final int SIGSTOP = 19;
    private static final long POLL_NANOS = 5_000_000;

    private ProcessTree() {
    }

    /** {@code pid} and its descendants, parents first. */
    public static List<Long> withDescendants(long pid) {
        List<Long> out = new ArrayList<>();
        out.add(pid);
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> out.add(d.pid())));
        return out;
    }

    /** Sends {@code signal} to {@code pid} and its descendants; a process already gone is skipped. */
    public static void signalTree(long pid, int signal) {
        for (long p : withDescendants(pid)) {
            signal(p, signal);
        }
    }

    /** Sends {@code signal} to one process; whether it was there to receive it. */
    public static boolean signal(long pid, int signal) {
        try {
            ProcessSignals.send(pid, signal);
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (NetnsException e) {
            return false;
        }
    }

    /** Whether {@code pid} has ended: no such process, or a zombie waiting for its parent. */
    public static boolean isGone(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) == 'Z'
                    || stat.charAt(close + 2) == 'X';
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /**
     * Stops processes all at once: {@code signal} to each (with its descendants when {@code trees}),
     * then one wait for all of them up to {@code grace}, then SIGKILL to what is left and a wait of
     * up to two seconds more. Returns the processes that did not end, one line each.
     */
    public static List<String> stopAll(Collection<Long> pids, int signal, Duration grace, boolean trees) {
        Set<Long> all = new LinkedHashSet<>();
        for (long pid : pids) {
            if (trees) {
                all.addAll(withDescendants(pid));
            } else {
                all.add(pid);
            }
        }
        all.remove(ProcessHandle.current().pid());
        for (long p : all) {
            signal(p, signal);
            signal(p, SIGCONT); // a paused process acts on the signal only once it runs again

        }
        Set<Long> left = waitGone(all, grace);
        if (left.isEmpty()) {
            return List.of();
        }
        for (long p : left) {
            signal(p, SIGKILL);
        }
        left = waitGone(left, Duration.ofSeconds(2));
        return left.stream().map(p -> "process " + p + " did not end after SIGKILL").toList();
    }

    /** Waits until every process of {@code pids} has ended, or {@code limit} passed; returns those left. */
    public static Set<Long> waitGone(Collection<Long> pids, Duration limit) {
        Set<Long> left = new LinkedHashSet<>(pids);
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            left.removeIf(ProcessTree::isGone);
            if (left.isEmpty() || System.nanoTime() - deadline >= 0) {
                return left;
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                return left;
            }
        }
    }
}
