/**
 * iptables on nftables, as iptables-nft lays it out: {@code iptables -A INPUT ...} without the
 * iptables binary. {@link io.netns4j.firewall.iptables.Iptables} holds the verbs ({@code -A -I
 * -R -D -C -F -Z -N -X -P}, {@code -S}/{@code -L} through its {@code list}), each read-then-change
 * in one libnftables transaction, on the same {@link io.netns4j.firewall.Rule} objects as the
 * rest of the firewall; {@link io.netns4j.firewall.iptables.IptablesLayout} is the tables and
 * built-in chains iptables-nft makes; {@link io.netns4j.firewall.iptables.IptablesCommandLine}
 * parses an iptables command line (with iptables' messages,
 * {@link io.netns4j.firewall.iptables.IptablesSyntaxException}) and applies it;
 * {@link io.netns4j.firewall.iptables.IptablesText} prints listings as {@code iptables -S} and
 * {@code iptables -L} do. This package uses the firewall model and
 * {@link io.netns4j.firewall.Firewall}, never the other way.
 */
package io.netns4j.firewall.iptables;
