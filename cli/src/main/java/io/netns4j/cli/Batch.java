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
 * {@code -force}. One extension: a line may start with options, as a command line does
 * ({@code -n NAME -j -6 -d ...}), which apply to that line only ({@link GlobalOptions#forLine}).
 */
final class Batch {
    private Batch() {
    }

    /** @param runner runs each line's command */
    static int run(GlobalOptions options, PrintStream out, PrintStream err, NetnsRegistry registry,
                   CommandRunner runner) {
        String source = options.batch();
        int status = ExitStatus.OK;
        try (OpenNamespaces shared = new OpenNamespaces(registry);
             BufferedReader in = source.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(source))) {
            int lineNo = 0;
            String line;
            StringBuilder pending = new StringBuilder();
            while ((line = readLine(in, source, lineNo + 1)) != null) {
                lineNo++;
                String code = CommandLine.withoutComment(line);
                if (code.endsWith("\\")) {
                    pending.append(code, 0, code.length() - 1);
                    continue;
                }
                pending.append(code);
                String text = pending.toString();
                pending.setLength(0);
                int result = runLine(options, text, out, err, registry, shared, runner);
                if (result != ExitStatus.OK) {
                    err.println("Command failed " + source + ":" + lineNo);
                    status = ExitStatus.FAILED; // as ip: 1 when any line failed, whatever else ran
                    if (!options.force()) {
                        return status;
                    }
                }
            }
            if (!pending.isEmpty()) {
                err.println("Missing continuation line at the end of " + source + ":" + lineNo);
                return ExitStatus.FAILED;
            }
        } catch (BatchReadException e) {
            err.println(e.getMessage());
            return ExitStatus.FAILED;
        } catch (IOException e) {
            err.println("Cannot open file \"" + source + "\" for reading: " + e.getMessage());
            return ExitStatus.FAILED;
        }
        return status;
    }

    /** A batch file that opened but could not be read to the end (e.g. not UTF-8). */
    private static final class BatchReadException extends IOException {
        private static final long serialVersionUID = 1L;

        BatchReadException(String message) {
            super(message);
        }
    }

    private static String readLine(BufferedReader in, String source, int lineNo) throws BatchReadException {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new BatchReadException("Cannot read " + source + " at line " + lineNo + ": " + e.getMessage()
                    + " (batch files are UTF-8 text)");
        }
    }

    private static int runLine(GlobalOptions options, String text, PrintStream out, PrintStream err,
                               NetnsRegistry registry, OpenNamespaces shared, CommandRunner runner) {
        List<String> words;
        try {
            words = new ArrayList<>(CommandLine.split(text));
        } catch (UsageException e) {
            err.println(e.getMessage());
            return ExitStatus.USAGE;
        }
        if (words.isEmpty()) {
            return ExitStatus.OK;
        }
        GlobalOptions line;
        try {
            line = options.forLine(words);
        } catch (UsageException e) {
            err.println(e.getMessage());
            return ExitStatus.USAGE;
        }
        return runner.execute(line, out, err, registry, shared);
    }
}
