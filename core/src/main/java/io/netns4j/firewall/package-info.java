/**
 * The nftables firewall of a namespace: {@code nft}, through libnftables, without a process.
 * The model is {@link io.netns4j.firewall.Ruleset} (what {@code nft list ruleset} shows) of
 * {@link io.netns4j.firewall.Table}s of {@link io.netns4j.firewall.Chain}s (base chains have a
 * {@link io.netns4j.firewall.Hook} and a {@link io.netns4j.firewall.Policy}) of
 * {@link io.netns4j.firewall.Rule}s, each a list of {@link io.netns4j.firewall.Match}es and a
 * {@link io.netns4j.firewall.Verdict}; rules read from the kernel and rules written here compare
 * equal when they mean the same. {@link io.netns4j.firewall.Firewall} reads, replaces (in one
 * transaction) and runs any nft command in a namespace, reached as {@code Netns.firewall()} or
 * {@link io.netns4j.firewall.Firewall#in}; {@link io.netns4j.firewall.RulesetJson} reads
 * {@code nft -j} listings into the model. Failures of libnftables are
 * {@link io.netns4j.firewall.NftablesException}s with nft's own text.
 */
package io.netns4j.firewall;
