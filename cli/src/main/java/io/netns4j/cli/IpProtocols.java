package io.netns4j.cli;

import java.util.Map;

/**
 * IP protocol names as {@code ip}'s {@code inet_proto_a2n} reads them for {@code ipproto}:
 * the common names of /etc/protocols, or a number from 0 to 255.
 */
final class IpProtocols {
    private static final Map<String, Integer> NAMES = Map.ofEntries(Map.entry("icmp", 1), Map.entry("igmp", 2),
            Map.entry("ipip", 4), Map.entry("tcp", 6), Map.entry("udp", 17), Map.entry("dccp", 33),
            Map.entry("ipv6", 41), Map.entry("gre", 47), Map.entry("esp", 50), Map.entry("ah", 51),
            Map.entry("ipv6-icmp", 58), Map.entry("icmpv6", 58), Map.entry("sctp", 132), Map.entry("udplite", 136),
            Map.entry("mpls", 137), Map.entry("raw", 255));

    private IpProtocols() {
    }

    static int parse(String word) throws UsageException {
        Integer n = NAMES.get(word);
        if (n != null) {
            return n;
        }
        try {
            int v = Integer.parseInt(word);
            if (v >= 0 && v <= 255) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("Error: argument \"" + word + "\" is wrong: Invalid \"ipproto\" value: give tcp, udp,"
                + " icmp, ipv6-icmp, sctp, ... or a number from 0 to 255.");
    }

    /**
     * The name ip's {@code inet_proto_n2a} prints for {@code number}: getprotobynumber's, the
     * first name on its line of /etc/protocols, or {@code ipproto-N} when the file has none.
     */
    static String name(int number) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/etc/protocols"))) {
                int hash = line.indexOf('#');
                String[] f = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
                if (f.length >= 2 && f[1].equals(Integer.toString(number))) {
                    return f[0];
                }
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // no /etc/protocols: ip's fallback below
        }
        return "ipproto-" + number;
    }
}
