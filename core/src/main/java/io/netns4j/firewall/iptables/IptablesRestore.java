package io.netns4j.firewall.iptables;

import io.netns4j.error.NetnsException;
import io.netns4j.firewall.Chain;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Hook;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.Table;
import io.netns4j.internal.netlink.nft.NftMessages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code iptables-restore} table block collected into one nf_tables transaction
 * ({@link Iptables#restore}). The verbs run against the table as the block has made it so far
 * (this model), and their messages are kept instead of sent; after each line the model is
 * brought up to date as the kernel will be. Rules the block adds get negative handles, which
 * the verbs refuse to name (the kernel numbers them only when the transaction commits).
 */
final class IptablesRestore {
    private final String table;
    private final Family family;
    private final List<byte[]> ops = new ArrayList<>();
    private boolean exists;
    private final Map<String, Chain> chains = new LinkedHashMap<>(); // the chains, their rules in this.rules
    private final Map<String, List<Rule>> rules = new LinkedHashMap<>();
    private final Map<String, List<Long>> handles = new LinkedHashMap<>();
    private long next = -1;

    IptablesRestore(String table, Family family, int nfproto, Optional<IptablesNetlink.Snapshot> before,
                    boolean noflush) {
        this.table = table;
        this.family = family;
        if (before.isPresent() && noflush) {
            exists = true;
            for (Chain c : before.get().table().chains()) {
                chains.put(c.name(), c);
                rules.put(c.name(), new ArrayList<>(c.rules()));
                handles.put(c.name(), new ArrayList<>(before.get().handles().getOrDefault(c.name(), List.of())));
            }
        } else if (!noflush) { // iptables-nft's restore: the table deleted and created anew
            if (before.isPresent()) {
                ops.add(NftMessages.deleteTable(nfproto, table));
            }
            ops.add(NftMessages.newTable(nfproto, table));
            exists = true;
        }
    }

    /** The messages of the block, in order. */
    List<byte[]> ops() {
        return ops;
    }

    /** What a verb reads: the table as the block has made it. */
    Optional<IptablesNetlink.Snapshot> snapshot(String name) {
        if (!name.equals(table)) {
            throw new IllegalArgumentException("a line of table " + name + " inside the block of table " + table);
        }
        if (!exists) {
            return Optional.empty();
        }
        Map<String, List<Long>> h = new LinkedHashMap<>();
        handles.forEach((k, v) -> h.put(k, List.copyOf(v)));
        List<Chain> out = new ArrayList<>();
        chains.forEach((n, c) -> out.add(c.withRules(rules.get(n))));
        return Optional.of(new IptablesNetlink.Snapshot(new Table(family, table, out), h));
    }

    /** What a verb would have sent. */
    void record(List<byte[]> messages) {
        ops.addAll(messages);
    }

    /** Carries out one line through the recording verbs, then updates the model as the kernel will be. */
    void apply(Iptables recording, Iptables.RestoreLine line) throws NetnsException {
        IptablesCommandLine c = line.command();
        if (!c.table().equals(table)) {
            throw new IllegalArgumentException("a line of table " + c.table() + " inside the block of table " + table);
        }
        String chain = c.chain().orElse(null);
        if (line.chainLine() && chain != null && chains.containsKey(chain)) {
            recording.flush(table, chain); // ":CHAIN -" of an existing chain (--noflush) empties it
            rules(chain).clear();
            handles.get(chain).clear();
            return;
        }
        c.apply(recording);
        switch (c.command()) {
            case APPEND -> {
                ensure(chain);
                rules(chain).add(c.rule().orElseThrow());
                handles.get(chain).add(next--);
            }
            case INSERT -> {
                ensure(chain);
                int at = Math.min(c.number().getAsInt() - 1, rules(chain).size());
                rules(chain).add(at, c.rule().orElseThrow());
                handles.get(chain).add(at, next--);
            }
            case REPLACE -> {
                int at = c.number().getAsInt() - 1;
                rules(chain).set(at, c.rule().orElseThrow());
                handles.get(chain).set(at, next--);
            }
            case DELETE -> {
                int at = c.number().isPresent() ? c.number().getAsInt() - 1 : indexOf(chain, c.rule().orElseThrow());
                rules(chain).remove(at);
                handles.get(chain).remove(at);
            }
            case FLUSH -> {
                for (String name : chain == null ? List.copyOf(chains.keySet()) : List.of(chain)) {
                    if (chains.containsKey(name)) {
                        rules(name).clear();
                        handles.get(name).clear();
                    }
                }
            }
            case ZERO -> {
                for (String name : chain == null ? List.copyOf(chains.keySet()) : List.of(chain)) {
                    List<Rule> rs = rules(name);
                    for (int i = 0; i < rs.size(); i++) {
                        if (rs.get(i).counter().filter(k -> k.packets() != 0 || k.bytes() != 0).isPresent()) {
                            rs.set(i, rs.get(i).withoutCounts());
                            handles.get(name).set(i, next--);
                        }
                    }
                }
            }
            case NEW_CHAIN -> {
                exists = true;
                put(Chain.regular(chain));
            }
            case DELETE_CHAIN -> {
                for (String name : chain == null ? List.copyOf(chains.keySet()) : List.of(chain)) {
                    if (!chains.get(name).isBase()) {
                        chains.remove(name);
                        rules.remove(name);
                        handles.remove(name);
                    }
                }
            }
            case POLICY -> {
                ensure(chain);
                Hook h = chains.get(chain).hook();
                chains.put(chain, Chain.base(chain, new Hook(h.type(), h.hook(), h.priority(), c.policy().orElseThrow(),
                        h.device())));
            }
            default -> throw new IllegalStateException("not a restore command: " + c);
        }
    }

    /** The table and the built-in chain, as the verbs create them when missing. */
    private void ensure(String chain) {
        exists = true;
        if (!chains.containsKey(chain)) {
            IptablesLayout.builtin(table, chain).ifPresent(h -> put(Chain.base(chain, h)));
        }
    }

    private void put(Chain c) {
        chains.put(c.name(), c);
        rules.put(c.name(), new ArrayList<>());
        handles.put(c.name(), new ArrayList<>());
    }

    /** The chain's rules, as a list this model may change. */
    private List<Rule> rules(String chain) {
        return rules.get(chain);
    }

    private int indexOf(String chain, Rule rule) {
        List<Rule> rs = rules(chain);
        for (int i = 0; i < rs.size(); i++) {
            if (rs.get(i).withoutCounts().equals(rule.withoutCounts())) {
                return i;
            }
        }
        throw new IllegalStateException("no such rule in " + chain);
    }
}
