package io.netns4j.cli;

import io.netns4j.Netns;
import io.netns4j.NetnsException;
import io.netns4j.NetnsRegistry;

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
    private Netns selected;

    Context(GlobalOptions options, PrintStream out, PrintStream err, NetnsRegistry registry) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.registry = registry;
    }

    /** Opens the {@code -n} namespace up front, so a wrong name fails before any change. */
    void openSelected() throws NetnsException {
        if (options.netns() != null && selected == null) {
            selected = registry.open(options.netns());
        }
    }

    /** The namespace commands act in: the {@code -n} one, else the caller's own. */
    Netns namespace() throws NetnsException {
        if (selected == null) {
            selected = options.netns() != null ? registry.open(options.netns()) : Netns.current();
        }
        return selected;
    }

    boolean json() {
        return options.json();
    }

    void printJson(Object value) {
        out.println(Json.write(value, options.pretty()));
    }

    @Override
    public void close() {
        if (selected != null) {
            selected.close();
            selected = null;
        }
    }
}
