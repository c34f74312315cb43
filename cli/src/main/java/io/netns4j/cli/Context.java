package io.netns4j.cli;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;
import io.netns4j.internal.json.JsonWriter;

import java.io.PrintStream;

/**
 * What a command runs with: the global options, the output streams, the run directory and
 * the namespace selected with {@code -n} (the caller's own without it).
 */
final class Context implements AutoCloseable {
    final GlobalOptions options;
    final PrintStream out;
    final PrintStream err;
    final NetnsRegistry registry;
    /** Runs further commands (the demos' steps), as Main runs this one. */
    final CommandRunner runner;
    /** The command line is the whole process (not a batch line, not in-process): it may exec. */
    final boolean wholeProcess;
    private final OpenNamespaces shared;
    private Netns selected;
    private boolean ownsSelected;

    /**
     * @param shared handles kept open across batch lines, or null
     * @param runner runs further commands
     * @param wholeProcess see {@link #wholeProcess}
     */
    Context(GlobalOptions options, PrintStream out, PrintStream err, NetnsRegistry registry, OpenNamespaces shared,
            CommandRunner runner, boolean wholeProcess) {
        this.wholeProcess = wholeProcess;
        this.runner = runner;
        this.shared = shared;
        this.options = options;
        this.out = out;
        this.err = err;
        this.registry = registry;
    }

    /** Opens the {@code -n} namespace up front, so a wrong name fails before any change. */
    void openSelected() throws NetnsException {
        if (options.netns() != null && selected == null) {
            namespace();
        }
    }

    /** The namespace commands act in: the {@code -n} one, else the caller's own. */
    Netns namespace() throws NetnsException {
        if (selected == null) {
            if (options.netns() != null && shared != null) {
                selected = shared.get(options.netns());
            } else {
                selected = options.netns() != null ? registry.open(options.netns()) : Netns.current();
                ownsSelected = true;
            }
        }
        return selected;
    }

    /**
     * Lets go of every handle this command line or its batch holds on {@code name}, the
     * {@code -n} namespace included, so that deleting it is not held up by our own reference.
     */
    void release(String name) {
        if (shared != null) {
            shared.release(name);
        }
        if (name.equals(options.netns()) && selected != null) {
            if (ownsSelected) {
                selected.close();
            }
            selected = null;
        }
    }

    /** Keeps a new namespace's handle for later batch lines; closes it when not in a batch. */
    void keepOrClose(String name, Netns ns) throws NetnsException {
        if (shared != null) {
            shared.keep(name, ns);
        } else {
            ns.close();
        }
    }

    boolean json() {
        return options.json();
    }

    void printJson(Object value) {
        out.println(JsonWriter.write(value, options.pretty()));
    }

    @Override
    public void close() {
        if (selected != null && ownsSelected) {
            selected.close();
        }
        selected = null;
    }
}
