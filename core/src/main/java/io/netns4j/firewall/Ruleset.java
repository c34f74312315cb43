package io.netns4j.firewall;

import java.util.List;
import java.util.Optional;

/**
 * A namespace's whole nftables configuration, as {@code nft list ruleset} shows it and
 * {@link Firewall#apply(Ruleset)} installs it in one transaction.
 *
 * @param tables the tables, in order (copied)
 */
public record Ruleset(List<Table> tables) {
    /** No tables at all: what a new namespace has. */
    public static final Ruleset EMPTY = new Ruleset(List.of());

    /** Copies the tables. */
    public Ruleset {
        tables = List.copyOf(tables);
    }

    /**
     * A ruleset of {@code tables}.
     *
     * @param tables the tables, in order
     * @return the ruleset
     */
    public static Ruleset of(Table... tables) {
        return new Ruleset(List.of(tables));
    }

    /**
     * The table {@code family name}.
     *
     * @param family the table's family
     * @param name the table's name
     * @return the table, or empty when there is none
     */
    public Optional<Table> table(Family family, String name) {
        return tables.stream().filter(t -> t.family() == family && t.name().equals(name)).findFirst();
    }

    /**
     * The same rules without counter values: to compare what two rulesets do.
     *
     * @return a new ruleset
     */
    public Ruleset withoutCounts() {
        return new Ruleset(tables.stream().map(t -> new Table(t.family(), t.name(),
                t.chains().stream().map(c -> c.withRules(c.rules().stream().map(Rule::withoutCounts).toList())).toList(),
                t.unsupported())).toList());
    }

    /**
     * The nft text, laid out as {@code nft list ruleset} prints it.
     *
     * @return the text
     */
    public String toNft() {
        StringBuilder sb = new StringBuilder();
        for (Table t : tables) {
            NftScript.table(sb, t);
        }
        return sb.toString();
    }
}
