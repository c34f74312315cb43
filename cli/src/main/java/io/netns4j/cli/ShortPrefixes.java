package io.netns4j.cli;

import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;

/**
 * Prefixes as iproute2's {@code get_prefix} reads them in selectors: {@code default},
 * {@code all} and {@code any} are the whole family, and an IPv4 prefix may leave out its
 * trailing zero bytes ({@code 0/0}, {@code 10/8}, {@code 192.168/16}).
 */
final class ShortPrefixes {
    private ShortPrefixes() {
    }

    /**
     * @param family the family the command is restricted to ({@code -4}/{@code -6}), or null
     * @throws IllegalArgumentException naming what is wrong
     */
    static InetPrefix parse(String word, InetFamily family) {
        if (word.equals("default") || word.equals("all") || word.equals("any")) {
            return new InetPrefix((family == null ? InetFamily.IPV4 : family).any(), 0);
        }
        return InetPrefix.parse(expand(word));
    }

    /** {@code 10/8} as {@code 10.0.0.0/8}, {@code 10.5} as {@code 10.5.0.0}; anything else as it is. */
    static String expand(String word) {
        int slash = word.indexOf('/');
        String address = slash < 0 ? word : word.substring(0, slash);
        if (!address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){0,2}")) {
            return word;
        }
        String[] parts = address.split("\\.");
        StringBuilder sb = new StringBuilder(address);
        for (int i = parts.length; i < 4; i++) {
            sb.append(".0");
        }
        return sb + (slash < 0 ? "" : word.substring(slash)); // "10.5" alone is the host 10.5.0.0, as in ip
    }
}
