package io.netns4j.cli;

import java.util.List;

/** A cursor over a command's words, with the checks every parser needs. */
final class Words {
    private final List<String> words;
    private final String form;
    private int pos;

    /** @param form the command's synopsis, quoted in errors */
    Words(List<String> words, String form) {
        this.words = words;
        this.form = form;
    }

    boolean more() {
        return pos < words.size();
    }

    String peek() {
        return words.get(pos);
    }

    String next() {
        return words.get(pos++);
    }

    /** The value after {@code keyword}; a usage error naming the keyword when it is missing. */
    String value(String keyword, String what) throws UsageException {
        if (!more()) {
            throw new UsageException("\"" + keyword + "\" needs " + what + ": the form is \"" + form + "\".");
        }
        return next();
    }

    int intValue(String keyword, int min, int max) throws UsageException {
        String v = value(keyword, "a number");
        try {
            long n = Long.decode(v);
            if (n >= min && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("argument \"" + v + "\" is wrong: \"" + keyword + "\" takes a number from " + min
                + " to " + max + ".");
    }

    /** The rest of the words, consumed. */
    List<String> rest() {
        List<String> r = words.subList(pos, words.size());
        pos = words.size();
        return r;
    }

    UsageException unknown(String word) {
        return new UsageException("Unknown argument \"" + word + "\": the form is \"" + form + "\".");
    }
}
