package io.netns4j.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * The workload the launcher runs once after a build to make the Java 25 AOT cache: common
 * read-only commands and usage errors, so that their classes are loaded and linked ahead
 * of time. It changes nothing on the machine.
 */
final class AotTraining {
    private AotTraining() {
    }

    public static void main(String[] args) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        List<List<String>> commands = List.of(
                List.of("netns", "list"), List.of("-j", "netns", "list"), List.of("-j", "-p", "netns", "list"),
                List.of("netns", "list-id"), List.of("netns", "identify"), List.of("netns", "help"),
                List.of("netns", "add", "a/b"), List.of("nosuchobject"), List.of("-V"));
        for (int round = 0; round < 3; round++) {
            for (List<String> c : commands) {
                Main.run(c, sink, sink);
            }
        }
    }
}
