package io.netns4j.firewall.iptables;

import io.netns4j.firewall.ConnState;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The numbers iptables-nft stores for words of a rule: protocol numbers ({@code -p}), limit
 * units in seconds, and conntrack's state bits (XT_CONNTRACK_STATE_BIT).
 */
final class IptablesNftValues {
    private static final Map<String, Integer> PROTOCOLS = Map.ofEntries(Map.entry("hopopt", 0), Map.entry("icmp", 1),
            Map.entry("igmp", 2), Map.entry("ipencap", 4), Map.entry("tcp", 6), Map.entry("udp", 17),
            Map.entry("dccp", 33), Map.entry("ipv6", 41), Map.entry("gre", 47), Map.entry("esp", 50),
            Map.entry("ah", 51), Map.entry("ipv6-icmp", 58), Map.entry("sctp", 132), Map.entry("udplite", 136));
    private static final List<String> UNITS = List.of("second", "minute", "hour", "day", "week");
    private static final long[] SECONDS = {1, 60, 3600, 86400, 604800};

    private IptablesNftValues() {
    }

    /** The protocol number of a name as {@code Match.Protocol} keeps it (a name, or digits). */
    static int protocol(String name) {
        Integer n = PROTOCOLS.get(name);
        if (n != null) {
            return n;
        }
        if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
            return Integer.parseInt(name);
        }
        throw new IllegalArgumentException("unknown protocol \"" + name + "\"");
    }

    /** The name {@code Match.Protocol} uses for a number. */
    static String protocolName(int number) {
        for (Map.Entry<String, Integer> e : PROTOCOLS.entrySet()) {
            if (e.getValue() == number) {
                return e.getKey();
            }
        }
        return Integer.toString(number);
    }

    static long seconds(String per) {
        return SECONDS[UNITS.indexOf(per)];
    }

    /** The unit of {@code seconds}, or null when it is none of nft's. */
    static String per(long seconds) {
        for (int i = 0; i < SECONDS.length; i++) {
            if (SECONDS[i] == seconds) {
                return UNITS.get(i);
            }
        }
        return null;
    }

    /**
     * {@code -m limit --limit RATE/PER} as iptables-nft stores it: libxt_limit turns the rate
     * into an average interval ({@code 10000 * seconds(PER) / RATE}, XT_LIMIT_SCALE), and
     * iptables-nft writes that back as a native limit in the largest unit that keeps the rate
     * whole, so 60/minute is stored (and listed) as 1/second.
     *
     * @throws IllegalArgumentException when the rate is over 10000 per second (iptables: "Rate too fast")
     */
    static io.netns4j.firewall.Match.Limit limit(long rate, String per, int burst) {
        long scale = 10_000;
        long avg = scale * seconds(per) / rate;
        if (avg == 0 || avg > 0xffffffffL) {
            throw new IllegalArgumentException("Rate too fast \"" + rate + "/" + per + "\": at most 10000/second");
        }
        long[] mult = {scale * 86400, scale * 3600, scale * 60, scale};
        int i = 1;
        while (i < mult.length && !(avg > mult[i] || mult[i] / avg < mult[i] % avg)) {
            i++;
        }
        return new io.netns4j.firewall.Match.Limit(mult[i - 1] / avg, per(mult[i - 1] / scale), burst);
    }

    /** XT_CONNTRACK_STATE bits: INVALID 1, ESTABLISHED 2, RELATED 4, NEW 8, UNTRACKED 256. */
    static int stateMask(Set<ConnState> states) {
        int mask = 0;
        for (ConnState s : states) {
            mask |= bit(s);
        }
        return mask;
    }

    /** The states of a mask, or null when it holds bits netns4j has no word for (SNAT, DNAT). */
    static Set<ConnState> states(int mask) {
        Set<ConnState> out = EnumSet.noneOf(ConnState.class);
        for (ConnState s : ConnState.values()) {
            if ((mask & bit(s)) != 0) {
                out.add(s);
                mask &= ~bit(s);
            }
        }
        return mask == 0 && !out.isEmpty() ? out : null;
    }

    private static int bit(ConnState s) {
        return switch (s) {
            case INVALID -> 1;
            case ESTABLISHED -> 2;
            case RELATED -> 4;
            case NEW -> 8;
            case UNTRACKED -> 256;
        };
    }
}
