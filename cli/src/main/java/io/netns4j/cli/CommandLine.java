package io.netns4j.cli;


import io.netns4j.internal.text.ShellWords;

import java.util.List;

/**
 * Splits a batch line into words the way {@code ip -batch} does: white space separates,
 * single or double quotes group, a backslash escapes the next character, and {@code #}
 * at the start of a word begins a comment.
 */
final class CommandLine {
    private CommandLine() {
    }

    /**
     * The line without its comment: from the first {@code #} that starts a word outside quotes.
     * Continuation backslashes are looked for after this, as ip does.
     */
    static String withoutComment(String line) {
        char quote = 0;
        boolean wordStart = true;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\\' && i + 1 < line.length()) {
                i++;
                wordStart = false;
                continue;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && wordStart) {
                return line.substring(0, i).stripTrailing();
            }
            wordStart = Character.isWhitespace(c);
        }
        return line.stripTrailing();
    }

    /** The words of {@code line} ({@link ShellWords#split}); an open quote is a usage error. */
    static List<String> split(String line) throws UsageException {
        try {
            return ShellWords.split(line);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
