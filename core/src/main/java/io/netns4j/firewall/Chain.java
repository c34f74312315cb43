package io.netns4j.firewall;

import java.util.List;

/**
 * A chain: a base chain when it has a {@link Hook} ({@code iptables}' INPUT, FORWARD, ...),
 * otherwise a regular chain that rules jump to ({@code iptables -N NAME}).
 *
 * @param name  the chain's name, an nft identifier ({@code INPUT}, {@code my-chain})
 * @param hook  null for a regular chain
 * @param rules the rules, in order (copied)
 */
public record Chain(String name, Hook hook, List<Rule> rules) {
    /**
     * Checks the name and copies the rules.
     *
     * @throws IllegalArgumentException when {@code name} is not an identifier nft accepts unquoted
     */
    public Chain {
        NftSyntax.identifier(name, "chain");
        rules = List.copyOf(rules);
    }

    /**
     * A base chain with no rules yet: {@code nft add chain FAMILY TABLE NAME '{ type ... hook ...; }'}.
     *
     * @param name the chain's name
     * @param hook where it attaches, not null
     * @return the chain
     * @throws IllegalArgumentException when {@code name} is not a valid chain name
     */
    public static Chain base(String name, Hook hook) {
        return new Chain(name, hook, List.of());
    }

    /**
     * A regular chain with no rules yet: {@code nft add chain FAMILY TABLE NAME}; iptables {@code -N NAME}.
     *
     * @param name the chain's name
     * @return the chain
     * @throws IllegalArgumentException when {@code name} is not a valid chain name
     */
    public static Chain regular(String name) {
        return new Chain(name, null, List.of());
    }

    /**
     * Whether this is a base chain.
     *
     * @return whether it has a hook
     */
    public boolean isBase() {
        return hook != null;
    }

    /**
     * The same chain with {@code list} as its rules.
     *
     * @param list the rules, in order
     * @return a new chain
     */
    public Chain withRules(List<Rule> list) {
        return new Chain(name, hook, list);
    }

    /**
     * The same chain with {@code rule} appended ({@code add rule}; iptables {@code -A}).
     *
     * @param rule the rule
     * @return a new chain; this one is unchanged
     */
    public Chain withRule(Rule rule) {
        return withRules(java.util.stream.Stream.concat(rules.stream(), java.util.stream.Stream.of(rule)).toList());
    }
}
