package io.netns4j.lab.fault;

import io.netns4j.Netns;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotSupportedException;
import io.netns4j.firewall.Chain;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Match;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.Table;
import io.netns4j.firewall.Verdict;
import io.netns4j.qdisc.TcUnits;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Random loss without netem: one nftables chain per device on the netdev <em>egress</em> hook,
 * in table {@code netdev netns4j_impair}, dropping a random share of what the device sends:
 *
 * <pre>
 * table netdev netns4j_impair {
 *     chain egress_eth1 {
 *         type filter hook egress device "eth1" priority 0; policy accept;
 *         numgen random mod 10000 &lt; 100 drop comment "netns4j impairment: loss 1%"
 *     }
 * }
 * </pre>
 *
 * The threshold is in hundredths of a percent, so losses are kept to 0.01%. The egress hook
 * runs before the device's qdisc, so dropped packets never use a tbf's tokens.
 */
final class EgressDrop {
    static final String TABLE = "netns4j_impair";
    /** numgen's range: the loss is kept in steps of 1/MODULUS (0.01%). */
    static final int MODULUS = 10_000;
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    /** {@code numgen random mod M < N} in nft's JSON as the firewall model keeps it: group 1 is M, group 2 N. */
    private static final Pattern NUMGEN_BELOW = Pattern.compile("\\{\"match\":\\{\"op\":\"<\",\"left\":\\{\"numgen\":"
            + "\\{\"mode\":\"random\",\"mod\":(\\d{1,18})(?:,\"offset\":0)?}},\"right\":(\\d{1,18})}}");

    private EgressDrop() {
    }

    /**
     * The chain of {@code device}: {@code egress_DEVICE}, or for names nft cannot write bare
     * (anything but letters, digits, {@code _ . -}) {@code egress/HEX} with the name's bytes in
     * hexadecimal; the two forms cannot collide.
     */
    static String chain(String device) {
        if (PLAIN_NAME.matcher(device).matches()) {
            return "egress_" + device;
        }
        return "egress/" + HexFormat.of().formatHex(device.getBytes(StandardCharsets.UTF_8));
    }

    /** Checks what nft would refuse, before anything is changed. */
    static void check(String device) {
        if (device.indexOf('"') >= 0 || device.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("Device \"" + device + "\" cannot be named in an nftables rule (it holds"
                    + " a double quote or a line break): rename it to impair its loss without netem");
        }
    }

    /** The threshold for {@code lossPercent}: {@code numgen random mod 10000 < N drop} with N = loss x 100. */
    static int threshold(double lossPercent) {
        return (int) Math.round(lossPercent * (MODULUS / 100.0));
    }

    /** The nft script that makes (or replaces) the device's chain with a drop of {@code threshold}/10000. */
    static String script(String device, int threshold) {
        String c = chain(device);
        String where = "netdev " + TABLE + " " + c;
        return "add table netdev " + TABLE + "\n"
                + "add chain " + where + " { type filter hook egress device \"" + device
                + "\" priority 0; policy accept; }\n"
                + "flush chain " + where + "\n"
                + "add rule " + where + " numgen random mod " + MODULUS + " < " + threshold + " drop comment \""
                + "netns4j impairment: loss " + TcUnits.formatStrictPercent(threshold * 100.0 / MODULUS) + "\"\n";
    }

    /** Equivalent to: {@code ip netns exec NS nft -f SCRIPT} with {@link #script}, one transaction. */
    static void set(Netns ns, String device, int threshold) throws NetnsException {
        ns.firewall().run(script(device, threshold));
    }

    /** The table, or empty when it is not there or libnftables is missing (then no chain of ours can exist). */
    private static Optional<Table> table(Netns ns) throws NetnsException {
        try {
            return ns.firewall().read(Family.NETDEV, TABLE);
        } catch (NotSupportedException noLibnftables) {
            return Optional.empty();
        }
    }

    /**
     * Removes the device's chain, and the table when no other device has one: {@code nft delete
     * chain netdev netns4j_impair egress_DEV} (and {@code delete table}) in one transaction.
     * Nothing happens when there is no chain.
     */
    static void remove(Netns ns, String device) throws NetnsException {
        Optional<Table> t = table(ns);
        String c = chain(device);
        if (t.isEmpty() || t.get().chain(c).isEmpty()) {
            return;
        }
        boolean last = t.get().chains().size() == 1;
        ns.firewall().run("delete chain netdev " + TABLE + " " + c + (last ? "\ndelete table netdev " + TABLE : "") + "\n");
    }

    /** The loss in percent the device's chain drops, or null when it has none. */
    static Double loss(Netns ns, String device) throws NetnsException {
        Optional<Chain> c = table(ns).flatMap(t -> t.chain(chain(device)));
        if (c.isEmpty()) {
            return null;
        }
        for (Rule r : c.get().rules()) {
            if (r.verdict() instanceof Verdict.Drop) {
                for (Match m : r.matches()) {
                    Double loss = lossOf(m);
                    if (loss != null) {
                        return loss;
                    }
                }
            }
        }
        return null;
    }

    /**
     * The share a {@code numgen random mod M < N} comparison lets through to the drop, in
     * percent; null for any other expression. The firewall model keeps this comparison as
     * {@link Match.Unsupported}, with nft's JSON for it written by the library in one form
     * (compact, members in nft's order), which {@link #NUMGEN_BELOW} reads:
     * {@code {"match":{"op":"<","left":{"numgen":{"mode":"random","mod":M,"offset":0}},"right":N}}}.
     */
    static Double lossOf(Match m) {
        String json = m instanceof Match.Unsupported u ? u.json() : null;
        Matcher numgen = json == null ? null : NUMGEN_BELOW.matcher(json);
        if (numgen == null || !numgen.matches()) {
            return null;
        }
        long mod = Long.parseLong(numgen.group(1));
        long n = Long.parseLong(numgen.group(2));
        return mod > 0 ? TcUnits.roundPercent(Math.min(n, mod) * 100.0 / mod) : null;
    }

    /** Every device with a chain in the table (for tests and listings). */
    static List<String> chains(Netns ns) throws NetnsException {
        return table(ns).map(t -> t.chains().stream().map(Chain::name).toList()).orElse(List.of());
    }
}
