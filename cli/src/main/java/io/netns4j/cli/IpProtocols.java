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
}
