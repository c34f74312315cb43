package io.netns4j.firewall.iptables;

import io.netns4j.firewall.Hook;
import io.netns4j.firewall.Policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables and built-in chains iptables-nft lays out in nftables, which netns4j's
 * {@link Iptables} reproduces so that {@code nft list ruleset} shows ordinary rules:
 * {@code table ip filter} with base chains INPUT, FORWARD, OUTPUT ({@code type filter},
 * priority 0, policy accept), and {@code table ip nat} with PREROUTING (priority -100,
 * dstnat), INPUT (100), OUTPUT (-100) and POSTROUTING (100, srcnat). ip6tables uses the
 * same names in family {@code ip6}. As iptables-nft 1.8.9 does, a table is created on first
 * use with only the built-in chain a command needs; the others are listed with policy ACCEPT.
 */
public final class IptablesLayout {
    private static final Map<String, Map<String, Hook>> TABLES = new LinkedHashMap<>();

    static {
        Map<String, Hook> filter = new LinkedHashMap<>();
        filter.put("INPUT", Hook.filter("input", Policy.ACCEPT));
        filter.put("FORWARD", Hook.filter("forward", Policy.ACCEPT));
        filter.put("OUTPUT", Hook.filter("output", Policy.ACCEPT));
        Map<String, Hook> nat = new LinkedHashMap<>();
        nat.put("PREROUTING", Hook.nat("prerouting"));
        nat.put("INPUT", Hook.nat("input"));
        nat.put("OUTPUT", Hook.nat("output"));
        nat.put("POSTROUTING", Hook.nat("postrouting"));
        TABLES.put("filter", filter);
        TABLES.put("nat", nat);
    }

    private IptablesLayout() {
    }

    /**
     * The tables netns4j's iptables knows.
     *
     * @return {@code filter} and {@code nat}
     */
    public static List<String> tables() {
        return List.copyOf(TABLES.keySet());
    }

    /**
     * The built-in chains of {@code table}, in hook order (as iptables lists them).
     *
     * @param table {@code filter} or {@code nat}
     * @return the chain names: INPUT, FORWARD, OUTPUT for filter
     * @throws IllegalArgumentException for any other table
     */
    public static List<String> builtinChains(String table) {
        return List.copyOf(table(table).keySet());
    }

    /**
     * The hook of built-in chain {@code chain} of {@code table}, if it is one.
     *
     * @param table {@code filter} or {@code nat}
     * @param chain a chain name
     * @return the hook iptables-nft gives it, or empty for a chain that is not built in
     * @throws IllegalArgumentException for an unknown table
     */
    public static Optional<Hook> builtin(String table, String chain) {
        return Optional.ofNullable(table(table).get(chain));
    }

    /**
     * The kernel's hook number (NF_INET_PRE_ROUTING 0 ... NF_INET_POST_ROUTING 4) of a hook.
     *
     * @param hook a built-in chain's hook
     * @return its number
     */
    public static int hookNumber(Hook hook) {
        return List.of("prerouting", "input", "forward", "output", "postrouting").indexOf(hook.hook());
    }

    private static Map<String, Hook> table(String table) {
        Map<String, Hook> chains = TABLES.get(table);
        if (chains == null) {
            throw new IllegalArgumentException("Table \"" + table + "\" is not supported by netns4j's iptables: use "
                    + String.join(" or ", TABLES.keySet()) + " (or the nft command for anything else)");
        }
        return chains;
    }
}
