package io.netns4j.firewall;

import java.util.List;
import java.util.Optional;

/**
 * A table: {@code table ip filter { ... }}, holding chains.
 *
 * @param unsupported objects of the table netns4j does not model (sets, maps, stateful
 *                    objects), as their JSON; a table holding any is read-only here
 */
public record Table(Family family, String name, List<Chain> chains, List<String> unsupported) {
    public Table {
        NftSyntax.identifier(name, "table");
        chains = List.copyOf(chains);
        unsupported = List.copyOf(unsupported);
    }

    public Table(Family family, String name, List<Chain> chains) {
        this(family, name, chains, List.of());
    }

    /** The chain called {@code chainName}, if any. */
    public Optional<Chain> chain(String chainName) {
        return chains.stream().filter(c -> c.name().equals(chainName)).findFirst();
    }

    /** Whether the whole table can be written back. */
    public boolean writable() {
        return unsupported.isEmpty() && chains.stream().allMatch(c -> c.rules().stream().allMatch(Rule::writable));
    }

    /** The nft text, laid out as {@code nft list table} prints it. */
    public String toNft() {
        StringBuilder sb = new StringBuilder();
        NftScript.table(sb, this);
        return sb.toString();
    }
}
