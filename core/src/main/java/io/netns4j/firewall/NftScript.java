package io.netns4j.firewall;

/** The nft scripts netns4j hands to libnftables; each one is a single transaction. */
final class NftScript {
    private NftScript() {
    }

    /** {@code table FAMILY NAME { chain ... }}, laid out as {@code nft list} prints it. */
    static void table(StringBuilder sb, Table t) {
        sb.append("table ").append(t.family().keyword()).append(' ').append(t.name()).append(" {\n");
        boolean first = true;
        for (Chain c : t.chains()) {
            if (!first) {
                sb.append('\n');
            }
            first = false;
            sb.append("\tchain ").append(c.name()).append(" {\n");
            if (c.hook() != null) {
                sb.append("\t\t").append(c.hook().toNft()).append('\n');
            }
            for (Rule r : c.rules()) {
                sb.append("\t\t").append(r.toNft()).append('\n');
            }
            sb.append("\t}\n");
        }
        sb.append("}\n");
    }

    /** Replaces the whole ruleset: {@code flush ruleset} and the new tables, in one batch. */
    static String replaceRuleset(Ruleset ruleset) {
        StringBuilder sb = new StringBuilder("flush ruleset\n");
        for (Table t : ruleset.tables()) {
            requireWritable(t);
            table(sb, t);
        }
        return sb.toString();
    }

    /** Replaces one table: creates it if missing, deletes it, declares it anew, in one batch. */
    static String replaceTable(Table t) {
        requireWritable(t);
        String id = t.family().keyword() + " " + t.name();
        StringBuilder sb = new StringBuilder("add table ").append(id).append("\ndelete table ").append(id).append('\n');
        table(sb, t);
        return sb.toString();
    }

    static void requireWritable(Table t) {
        if (!t.unsupported().isEmpty()) {
            throw new IllegalArgumentException("Table " + t.family() + " " + t.name() + " holds objects netns4j does"
                    + " not model (" + t.unsupported().getFirst() + "); change it with nft commands instead");
        }
        for (Chain c : t.chains()) {
            for (Rule r : c.rules()) {
                if (!r.writable()) {
                    throw new IllegalArgumentException("A rule of chain " + t.family() + " " + t.name() + " " + c.name()
                            + " uses an nftables expression netns4j cannot write back: " + r.matches().stream()
                            .filter(Match.Unsupported.class::isInstance).findFirst().orElseThrow());
                }
            }
        }
    }
}
