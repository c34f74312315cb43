package io.netns4j.firewall.iptables;

import io.netns4j.firewall.TcpFlag;
import io.netns4j.firewall.TcpFlags;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code --tcp-flags MASK COMP} as libxt_tcp reads and prints it: comma lists of FIN, SYN,
 * RST, PSH, ACK and URG (any case), {@code ALL} for those six, {@code NONE} for none; iptables
 * 1.8.9 has no name for ECE and CWR.
 */
final class IptablesTcpFlags {
    /** The flags iptables names, in its order (the header's bit order). */
    static final List<TcpFlag> NAMED = List.of(TcpFlag.FIN, TcpFlag.SYN, TcpFlag.RST, TcpFlag.PSH, TcpFlag.ACK,
            TcpFlag.URG);
    private static final int ALL = 0x3f;

    private IptablesTcpFlags() {
    }

    /** {@code --tcp-flags EXAMINED SET} as the match; refused when nothing is examined. */
    static TcpFlags parse(String examined, String set, String program) throws IptablesSyntaxException {
        int mask = bits(examined, program);
        if (mask == 0) {
            throw new IptablesSyntaxException(program + ": --tcp-flags \"" + examined + "\" examines no flag, so"
                    + " the test matches every TCP packet: leave --tcp-flags out");
        }
        return TcpFlags.of(TcpFlag.fromBits(mask), TcpFlag.fromBits(bits(set, program)));
    }

    private static int bits(String list, String program) throws IptablesSyntaxException {
        int bits = 0;
        for (String word : list.split(",")) {
            String w = word.toUpperCase(Locale.ROOT);
            if (w.isEmpty() || w.equals("NONE")) {
                continue;
            }
            if (w.equals("ALL")) {
                bits |= ALL;
                continue;
            }
            TcpFlag flag = NAMED.stream().filter(f -> f.name().equals(w)).findFirst().orElseThrow(
                    () -> new IptablesSyntaxException(program + ": Unknown TCP flag \"" + word + "\": iptables knows"
                            + " FIN, SYN, RST, PSH, ACK, URG, ALL and NONE"));
            bits |= flag.bit();
        }
        return bits;
    }

    /** Whether iptables has names for every flag of the test (no ECE or CWR). */
    static boolean named(TcpFlags f) {
        return NAMED.containsAll(f.examined()) && NAMED.containsAll(f.set());
    }

    /** The words of {@code iptables -S}: {@code FIN,SYN,RST,ACK}, or {@code NONE}. */
    static String save(Set<TcpFlag> flags) {
        return flags.isEmpty() ? "NONE" : flags.stream().map(TcpFlag::name).collect(Collectors.joining(","));
    }

    /** The words of {@code iptables -L}: {@code flags:0x17/0x02}, {@code !} after the colon when negated. */
    static String list(TcpFlags f) {
        return String.format("flags:%s0x%02X/0x%02X", f.negated() ? "!" : "", TcpFlag.toBits(f.examined()),
                TcpFlag.toBits(f.set()));
    }
}
