package io.netns4j.firewall;

import java.util.List;
import java.util.Optional;

/**
 * A table: {@code table ip filter { ... }}, holding chains.
 *
 * @param family      the table's family
 * @param name        the table's name, an nft identifier
 * @param chains      the chains, in order (copied)
 * @param unsupported objects of the table netns4j does not model (sets, maps, stateful
 *                    objects), as their JSON; a table holding any is read-only here
 */
public record Table(Family family, String name, List<Chain> chains, List<String> unsupported) {
    /**
     * Checks the name and copies the lists.
     *
     * @throws IllegalArgumentException when {@code name} is not an identifier nft accepts unquoted
     */
    public Table {
        NftSyntax.identifier(name, "table");
        chains = List.copyOf(chains);
        unsupported = List.copyOf(unsupported);
    }

    /**
     * A table with nothing unsupported: {@code nft add table FAMILY NAME} and its chains.
     *
     * @param family the table's family
     * @param name the table's name
     * @param chains the chains, in order
     * @throws IllegalArgumentException when {@code name} is not a valid table name
     */
    public Table(Family family, String name, List<Chain> chains) {
        this(family, name, chains, List.of());
    }

    /**
     * The chain called {@code chainName}.
     *
     * @param chainName the chain's name
     * @return the chain, or empty when there is none
     */
    public Optional<Chain> chain(String chainName) {
        return chains.stream().filter(c -> c.name().equals(chainName)).findFirst();
    }

    /**
     * Whether the whole table can be written back.
     *
     * @return true when nothing in it is unsupported
     */
    public boolean writable() {
        return unsupported.isEmpty() && chains.stream().allMatch(c -> c.rules().stream().allMatch(Rule::writable));
    }

    /**
     * The nft text, laid out as {@code nft list table} prints it.
     *
     * @return the text
     */
    public String toNft() {
        StringBuilder sb = new StringBuilder();
        NftScript.table(sb, this);
        return sb.toString();
    }
}
