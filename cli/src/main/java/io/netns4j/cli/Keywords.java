package io.netns4j.cli;

/** iproute2's keyword rules: a word may be abbreviated to any prefix, first match wins. */
final class Keywords {
    private Keywords() {
    }

    /** True when {@code word} is a non-empty prefix of {@code keyword} (iproute2's {@code matches}). */
    static boolean matches(String word, String keyword) {
        return !word.isEmpty() && keyword.startsWith(word);
    }

    /** The first of {@code keywords} that {@code word} abbreviates, or null. */
    static String resolve(String word, String... keywords) {
        for (String k : keywords) {
            if (matches(word, k)) {
                return k;
            }
        }
        return null;
    }
}
