package io.netns4j.firewall;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Map;
import java.util.regex.Pattern;

/** How values are written in the nft language, and the checks that keep them writable. */
public final class NftSyntax {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_.][A-Za-z0-9/\\-_.]*");
    private static final Pattern PROTOCOL = Pattern.compile("[a-z0-9][a-z0-9.+\\-]*");
    private static final Map<String, String> PROTOCOL_NAMES = Map.ofEntries(
            Map.entry("0", "hopopt"), Map.entry("1", "icmp"), Map.entry("2", "igmp"), Map.entry("4", "ipencap"),
            Map.entry("6", "tcp"), Map.entry("17", "udp"), Map.entry("33", "dccp"), Map.entry("41", "ipv6"),
            Map.entry("47", "gre"), Map.entry("50", "esp"), Map.entry("51", "ah"), Map.entry("58", "ipv6-icmp"),
            Map.entry("icmpv6", "ipv6-icmp"), Map.entry("132", "sctp"), Map.entry("136", "udplite"));

    private NftSyntax() {
    }

    /**
     * Checks a table or chain name nft accepts unquoted (nft 1.0 has no quoted names): letters,
     * digits and {@code _ - . /}, not starting with a digit, {@code -} or {@code /}, at most 255 characters.
     *
     * @param name the name
     * @param what what it names, for the message ({@code table}, {@code chain})
     * @return {@code name}, unchanged
     * @throws IllegalArgumentException when {@code name} is null or not such a name
     */
    public static String identifier(String name, String what) {
        if (name == null || name.isEmpty() || name.length() > 255 || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid " + what + " name \"" + name + "\": use letters, digits and"
                    + " _ - . / (not starting with a digit, -, or /), at most 255 characters");
        }
        return name;
    }

    /** A string nft writes in double quotes; nft has no escape for a quote inside. */
    static String quotable(String text, String what, int maxLength) {
        if (text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("Invalid " + what + " \"" + text
                    + "\": nftables cannot store a double quote or a line break in it");
        }
        if (text.length() > maxLength) {
            throw new IllegalArgumentException("Invalid " + what + " \"" + text + "\": at most " + maxLength
                    + " characters");
        }
        return text;
    }

    static String quote(String text) {
        return "\"" + text + "\"";
    }

    /** The protocol's name as nft prints it: {@code tcp}, {@code ipv6-icmp}; numbers of known protocols become names. */
    static String protocol(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        String known = PROTOCOL_NAMES.get(lower);
        if (known != null) {
            return known;
        }
        if (!PROTOCOL.matcher(lower).matches()) {
            throw new IllegalArgumentException("Invalid protocol \"" + name + "\": use a name such as tcp or a number");
        }
        if (lower.chars().allMatch(Character::isDigit) && Integer.parseInt(lower) > 255) {
            throw new IllegalArgumentException("Invalid protocol number " + lower + ": 0 to 255");
        }
        return lower;
    }

    /** An address as nft prints it (inet_ntop: IPv6 with the longest zero run compressed). */
    static String address(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
