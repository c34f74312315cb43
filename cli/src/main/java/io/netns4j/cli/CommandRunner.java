package io.netns4j.cli;

import io.netns4j.NetnsRegistry;

import java.io.PrintStream;

/**
 * Runs one command (the object and its words in {@code options.rest()}) and returns its exit
 * status: {@link Main}'s dispatch, handed to what runs further commands (a batch's lines, the
 * demos' steps) so that they need not name {@code Main}.
 */
@FunctionalInterface
interface CommandRunner {
    /** @param shared the namespace handles a batch keeps open, or null */
    int execute(GlobalOptions options, PrintStream out, PrintStream err, NetnsRegistry registry, OpenNamespaces shared);
}
