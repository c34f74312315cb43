package io.netns4j.cli;


import io.netns4j.error.NetnsException;

import java.util.List;

/** One object of the command line ({@code netns}, later {@code link}, {@code route}, ...). */
interface ObjectCommand {
    /**
     * Checks the words before anything is opened (the {@code -n} namespace included), so
     * that a usage error is reported as one even when the namespace does not exist.
     */
    default void check(GlobalOptions options, List<String> args) throws UsageException {
    }

    /** Runs the words after the object; returns the exit status. */
    int run(Context ctx, List<String> args) throws UsageException, NetnsException;
}
