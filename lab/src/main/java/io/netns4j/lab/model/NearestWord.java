package io.netns4j.lab.model;

import java.util.Set;

/**
 * The "did you mean" part of a message about a mistyped word: the nearest known word (by edit
 * distance, a transposition counting as one edit) when it is close enough, then the known words.
 * Used by the file checks and by the words of {@code lab partition}.
 */
public final class NearestWord {
    private NearestWord() {
    }

    /**
     * {@code did you mean "kind"? known: a, b, kind} for {@code knid}; {@code known: a, b, kind} when nothing is near.
     *
     * @param word the word given
     * @param known the words that would have been understood
     * @return the hint
     */
    public static String hint(String word, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : new java.util.TreeSet<>(known)) {
            int d = distance(word, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        String list = "known: " + String.join(", ", new java.util.TreeSet<>(known));
        return best != null && bestDistance < word.length() && bestDistance <= Math.max(1, word.length() / 3)
                ? "did you mean \"" + best + "\"? " + list : list;
    }

    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1); // a transposition, "knid" for "kind"
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
