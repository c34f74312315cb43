package io.netns4j.firewall;

import java.util.List;

/**
 * A chain: a base chain when it has a {@link Hook} ({@code iptables}' INPUT, FORWARD, ...),
 * otherwise a regular chain that rules jump to ({@code iptables -N NAME}).
 *
 * @param hook null for a regular chain
 */
public record Chain(String name, Hook hook, List<Rule> rules) {
    public Chain {
        NftSyntax.identifier(name, "chain");
        rules = List.copyOf(rules);
    }

    /** A base chain with no rules yet. */
    public static Chain base(String name, Hook hook) {
        return new Chain(name, hook, List.of());
    }

    /** A regular chain with no rules yet. */
    public static Chain regular(String name) {
        return new Chain(name, null, List.of());
    }

    public boolean isBase() {
        return hook != null;
    }

    /** The same chain with {@code list} as its rules. */
    public Chain withRules(List<Rule> list) {
        return new Chain(name, hook, list);
    }

    /** The same chain with {@code rule} appended. */
    public Chain append(Rule rule) {
        return withRules(java.util.stream.Stream.concat(rules.stream(), java.util.stream.Stream.of(rule)).toList());
    }
}
