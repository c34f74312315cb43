package io.netns4j.cli;

import io.netns4j.Netns;
import io.netns4j.ProcessLauncher;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import sun.misc.Signal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code netns exec NAME CMD...} and {@code -all netns exec CMD...}: runs a command inside
 * a namespace with {@code ip netns exec}'s semantics (see {@link Netns#start}), stdio passed
 * through.
 *
 * <p>From the command line ({@link Context#wholeProcess}), {@code netns exec NAME CMD} (and
 * {@code lab exec}) replaces the netns4j process with the command, as {@code ip netns exec}
 * does ({@link ProcessLauncher#exec}): same pid, so every signal sent to netns4j is the
 * command's (SIGQUIT, SIGUSR1/2, SIGWINCH... untranslated; the JVM is gone, so no thread
 * dump), {@code kill -9} ends the command itself, and the parent sees the command's own
 * status, "killed by N" included. Nothing is left behind to orphan.
 *
 * <p>Otherwise ({@code -all}, a batch line, in-process callers) the command is a child and
 * its exit status is returned (128+N when signal N killed it). While it runs, SIGINT from
 * the terminal reaches it directly (same process group) and this JVM only notes it; SIGTERM
 * and SIGHUP sent to netns4j are passed on to the child as SIGTERM.
 */
final class NetnsExec {
    private NetnsExec() {
    }

    /** Checks {@code [-all] netns exec [NAME] CMD...}'s words, opening nothing. */
    static NetnsCommand.Exec parse(GlobalOptions options, List<String> args) throws UsageException {
        if (options.all()) {
            if (args.isEmpty()) {
                throw new UsageException("No command specified: the form is \"netns4j -all netns exec CMD [ARGS]\".");
            }
            return new NetnsCommand.Exec(null, List.copyOf(args));
        }
        if (args.isEmpty()) {
            throw new UsageException("No netns name specified: the form is \"netns4j netns exec NAME CMD [ARGS]\".");
        }
        String name = Validation.name(args.getFirst());
        if (args.size() < 2) {
            throw new UsageException("No command specified: the form is \"netns4j netns exec " + name + " CMD [ARGS]\".");
        }
        return new NetnsCommand.Exec(name, List.copyOf(args.subList(1, args.size())));
    }

    static int run(Context ctx, NetnsCommand.Exec request) throws UsageException, NetnsException {
        if (request.name() != null) {
            return runIn(ctx, request.name(), request.command());
        }
        int status = 0;
        for (String name : ctx.registry.names()) {
            ctx.out.println();
            ctx.out.println("netns: " + name);
            ctx.out.flush();
            try {
                status = Math.max(status, Math.min(1, runIn(ctx, name, request.command(), false)));
            } catch (NetnsException e) {
                ctx.err.println(e.getMessage());
                status = 1;
            }
        }
        return status;
    }

    /** Runs {@code command} in namespace {@code name}; from the command line, in netns4j's place. */
    static int runIn(Context ctx, String name, List<String> command) throws UsageException, NetnsException {
        return runIn(ctx, name, command, ctx.wholeProcess);
    }

    private static int runIn(Context ctx, String name, List<String> command, boolean replaceProcess)
            throws UsageException, NetnsException {
        Netns ns;
        try {
            ns = ctx.registry.open(name);
        } catch (NotFoundException e) {
            if (looksLikeCommand(name)) {
                throw new UsageException("\"" + name + "\" is not a network namespace, it looks like a command: name the"
                        + " namespace first, as in \"netns4j netns exec NAME " + name + " ...\".");
            }
            throw e;
        }
        try (ns) {
            ctx.out.flush();
            if (replaceProcess) {
                ctx.err.flush();
                try {
                    ProcessLauncher.exec(ns, command);
                    throw new IllegalStateException("exec returned"); // it returns only by throwing
                } catch (NetnsException e) {
                    throw e;
                } catch (IOException e) {
                    throw new NetnsException("exec of \"" + command.getFirst() + "\" failed: " + reason(e));
                }
            }
            Process p;
            try {
                p = ns.start(new ProcessBuilder(command).inheritIO());
            } catch (NetnsException e) {
                throw e;
            } catch (IOException e) {
                throw new NetnsException("exec of \"" + command.getFirst() + "\" failed: " + reason(e));
            }
            return waitFor(p);
        }
    }

    private static int waitFor(Process p) {
        List<Signal> passOn = List.of(new Signal("TERM"), new Signal("HUP"));
        List<Signal> terminal = List.of(new Signal("INT")); // SIGQUIT belongs to the JVM (thread dumps)
        var previous = new java.util.ArrayList<sun.misc.SignalHandler>();
        for (Signal s : passOn) {
            previous.add(Signal.handle(s, sig -> p.destroy()));
        }
        for (Signal s : terminal) {
            previous.add(Signal.handle(s, sig -> { })); // the child, in our process group, got it too
        }
        try {
            while (true) {
                try {
                    return p.waitFor();
                } catch (InterruptedException e) {
                    // keep waiting: the child decides when we are done
                }
            }
        } finally {
            int i = 0;
            for (Signal s : passOn) {
                Signal.handle(s, previous.get(i++));
            }
            for (Signal s : terminal) {
                Signal.handle(s, previous.get(i++));
            }
        }
    }

    /** Commands people run in namespaces, recognised even when not installed here. */
    private static final java.util.Set<String> COMMON = java.util.Set.of("iptables", "ip6tables", "nft", "ip", "tc",
            "bash", "sh", "ping", "ss", "curl", "nc", "tcpdump", "sysctl");

    private static boolean looksLikeCommand(String word) {
        if (COMMON.contains(word)) {
            return true;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, word))) {
                return true;
            }
        }
        return false;
    }

    /** The C library's reason inside the JDK's message, e.g. "No such file or directory". */
    private static String reason(IOException e) {
        String m = String.valueOf(e.getMessage()).strip();
        int open = m.lastIndexOf('(');
        if (open >= 0 && m.endsWith(")")) {
            return m.substring(open + 1, m.length() - 1);
        }
        int i = m.indexOf("error=");
        if (i >= 0) {
            int comma = m.indexOf(", ", i);
            return comma >= 0 ? m.substring(comma + 2) : m.substring(i);
        }
        return m;
    }
}
