package io.netns4j.lab.model;

import io.netns4j.firewall.Table;

import java.util.List;

/**
 * A node's firewall, applied in its namespace after addresses and routes: iptables lines
 * ({@code -P INPUT DROP}, {@code -A INPUT -p tcp --dport 80 -j ACCEPT}), each equivalent to
 * {@code ip netns exec NS iptables LINE} (netns4j writes them through nftables, as iptables-nft
 * does), and/or an nft script, equivalent to {@code ip netns exec NS nft -f SCRIPT}, and/or one
 * typed nftables table (the file's {@code firewall.rules}), written last, equivalent to
 * {@code ip netns exec NS nft -f -} with the table's text.
 *
 * @param iptables iptables argument lines, in order
 * @param nft an nft script, or null
 * @param table the typed table, or null
 */
public record FirewallSpec(List<String> iptables, String nft, Table table) {
    /** No firewall: nothing is applied. */
    public static final FirewallSpec NONE = new FirewallSpec(List.of(), null, null);

    /** Copies the lines (the record is immutable). */
    public FirewallSpec {
        iptables = List.copyOf(iptables);
    }

    /**
     * iptables lines and an nft script, no typed table.
     *
     * @param iptables iptables argument lines, in order
     * @param nft an nft script, or null
     */
    public FirewallSpec(List<String> iptables, String nft) {
        this(iptables, nft, null);
    }

    /**
     * Whether there is nothing to apply.
     *
     * @return true for no lines, no script and no table
     */
    public boolean isNone() {
        return iptables.isEmpty() && nft == null && table == null;
    }
}
