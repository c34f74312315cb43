package io.netns4j.cli;

import io.netns4j.NetnsRegistry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -batch FILE|-}: one command a line, as {@code ip -batch} reads them (comments with
 * {@code #}, a trailing backslash continues a line). Stops at the first failure unless
 * {@code -force}. One extension: a line may start with {@code -n NAME} to run in that
 * namespace.
 */
final class Batch {
    private Batch() {
    }

    static int run(GlobalOptions options, PrintStream out, PrintStream err, NetnsRegistry registry) {
        String source = options.batch();
        int status = Main.OK;
        try (OpenNamespaces shared = new OpenNamespaces(registry);
             BufferedReader in = source.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(source))) {
            int lineNo = 0;
            String line;
            StringBuilder pending = new StringBuilder();
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.endsWith("\\")) {
                    pending.append(line, 0, line.length() - 1).append(' ');
                    continue;
                }
                pending.append(line);
                String text = pending.toString();
                pending.setLength(0);
                int result = runLine(options, text, out, err, registry, shared);
                if (result != Main.OK) {
                    err.println("Command failed " + source + ":" + lineNo);
                    status = Math.max(status, result);
                    if (!options.force()) {
                        return status;
                    }
                }
            }
        } catch (IOException e) {
            err.println("Cannot open file \"" + source + "\" for reading: " + e.getMessage());
            return Main.FAILED;
        }
        return status;
    }

    private static int runLine(GlobalOptions options, String text, PrintStream out, PrintStream err,
                               NetnsRegistry registry, OpenNamespaces shared) {
        List<String> words;
        try {
            words = new ArrayList<>(CommandLine.split(text));
        } catch (UsageException e) {
            err.println(e.getMessage());
            return Main.USAGE;
        }
        if (words.isEmpty()) {
            return Main.OK;
        }
        String netns = null;
        if (words.getFirst().equals("-n") || words.getFirst().equals("-netns") || words.getFirst().equals("--netns")) {
            if (words.size() < 2) {
                err.println("\"-n\" at the start of a batch line needs a namespace name.");
                return Main.USAGE;
            }
            netns = words.get(1);
            words = words.subList(2, words.size());
            if (words.isEmpty()) {
                err.println("Nothing to run after \"-n " + netns + "\".");
                return Main.USAGE;
            }
        }
        return Main.execute(options.forLine(netns, words), out, err, registry, shared);
    }
}
