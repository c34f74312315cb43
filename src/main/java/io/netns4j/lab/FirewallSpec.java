package io.netns4j.lab;

import java.util.List;

/**
 * A node's firewall, applied in its namespace after addresses and routes: iptables lines
 * ({@code -P INPUT DROP}, {@code -A INPUT -p tcp --dport 80 -j ACCEPT}), each equivalent to
 * {@code ip netns exec NS iptables LINE} (netns4j writes them through nftables, as iptables-nft
 * does), and/or an nft script, equivalent to {@code ip netns exec NS nft -f SCRIPT}.
 *
 * @param iptables iptables argument lines, in order
 * @param nft an nft script, or null
 */
public record FirewallSpec(List<String> iptables, String nft) {
    public static final FirewallSpec NONE = new FirewallSpec(List.of(), null);

    public FirewallSpec {
        iptables = List.copyOf(iptables);
    }

    public boolean isNone() {
        return iptables.isEmpty() && nft == null;
    }
}
