package io.netns4j.junit.history;

import java.util.Objects;

/**
 * A Clojure keyword used as a value ({@code :majority}, {@code :timeout}): EDN writes it with
 * its colon, JSON as the plain string (as elle-cli's reader would turn it back).
 *
 * @param name the keyword without its colon
 */
public record Keyword(String name) {
    /**
     * Checks that the name can be written as an EDN keyword.
     *
     * @param name the keyword without its colon: letters, digits and {@code -_.?!*+/<>=}
     */
    public Keyword {
        Objects.requireNonNull(name, "name");
        if (!isKeywordName(name)) {
            throw new IllegalArgumentException("not a keyword name: '" + name + "'");
        }
    }

    /**
     * Whether {@code name} can follow a colon in EDN: not empty, no leading digit, only the allowed characters.
     *
     * @param name a candidate keyword name
     * @return whether {@code name} can be written as an EDN keyword
     */
    public static boolean isKeywordName(String name) {
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && "-_.?!*+/<>=".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return ":" + name;
    }
}
