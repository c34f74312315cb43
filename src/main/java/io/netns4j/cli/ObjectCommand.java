package io.netns4j.cli;

import io.netns4j.NetnsException;

import java.util.List;

/** One object of the command line ({@code netns}, later {@code link}, {@code route}, ...). */
interface ObjectCommand {
    /** Runs the words after the object; returns the exit status. */
    int run(Context ctx, List<String> args) throws UsageException, NetnsException;
}
