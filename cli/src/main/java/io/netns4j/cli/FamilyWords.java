package io.netns4j.cli;


import io.netns4j.types.InetFamily;

import java.util.List;

/**
 * The leading {@code -4}/{@code -6} words that {@code route} and {@code rule} accept after the
 * object (the global ones arrive the same way, see {@link GlobalOptions#withFamilyWord}); the
 * last one wins, as in ip.
 *
 * @param family the family asked for, or null for both
 * @param rest   the words after them
 */
record FamilyWords(InetFamily family, List<String> rest) {
    static FamilyWords of(List<String> args) {
        InetFamily family = null;
        int i = 0;
        for (; i < args.size() && (args.get(i).equals("-4") || args.get(i).equals("-6")); i++) {
            family = args.get(i).equals("-4") ? InetFamily.IPV4 : InetFamily.IPV6;
        }
        return new FamilyWords(family, args.subList(i, args.size()));
    }
}
