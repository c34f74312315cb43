package io.netns4j.internal.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way {@code ip -batch} does: white space separates,
 * single or double quotes group, a backslash escapes the next character, and {@code #} at
 * the start of a word begins a comment. Shared by the CLI's batch lines and the library's
 * iptables lines ({@code io.netns4j.firewall.iptables.IptablesCommandLine}).
 */
public final class ShellWords {
    /** The message when a quote is never closed. */
    public static final String UNTERMINATED = "unterminated quoted string";

    private ShellWords() {
    }

    /**
     * The words of {@code line}.
     *
     * @throws IllegalArgumentException {@link #UNTERMINATED} when a quote is left open
     */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\\' && i + 1 < line.length()) {
                cur = cur == null ? new StringBuilder() : cur;
                cur.append(line.charAt(++i));
            } else if (c == '"' || c == '\'') {
                cur = cur == null ? new StringBuilder() : cur;
                quote = c;
            } else if (Character.isWhitespace(c)) {
                if (cur != null) {
                    words.add(cur.toString());
                    cur = null;
                }
            } else if (c == '#' && cur == null) {
                break;
            } else {
                cur = cur == null ? new StringBuilder() : cur;
                cur.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException(UNTERMINATED);
        }
        if (cur != null) {
            words.add(cur.toString());
        }
        return words;
    }
}
