package io.netns4j.firewall.iptables;

import io.netns4j.error.AlreadyExistsException;
import io.netns4j.error.BusyException;
import io.netns4j.error.InvalidRequestException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.firewall.Chain;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Firewall;
import io.netns4j.firewall.Hook;
import io.netns4j.firewall.NftSyntax;
import io.netns4j.firewall.Policy;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.RulesetJson;
import io.netns4j.firewall.Table;
import io.netns4j.firewall.Verdict;
import io.netns4j.internal.sys.Errno;
import io.netns4j.types.NamespaceRef;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * iptables' verbs on a namespace's nftables, in iptables-nft's layout ({@link IptablesLayout}):
 * each call reads the table, then makes its change in one libnftables transaction, creating
 * the table with all its built-in chains when it does not exist yet. Rules are the same {@link Rule}
 * objects as everywhere else; iptables-nft puts a {@code counter} in each rule, so should
 * callers. Positions are iptables' (1 = first). Every verb refuses a table other than filter
 * and nat with an {@link IllegalArgumentException}, before any system call.
 */
public final class Iptables {
    private static final int E2BIG = 7;
    private static final Set<String> TARGET_NAMES = Set.of("ACCEPT", "DROP", "RETURN", "QUEUE", "REJECT", "LOG",
            "MASQUERADE", "SNAT", "DNAT", "REDIRECT", "MARK", "CONNMARK", "NFQUEUE", "NFLOG", "TCPMSS");

    private final Firewall firewall;
    private final Family family;

    private Iptables(Firewall firewall, Family family) {
        this.firewall = firewall;
        this.family = family;
    }

    /**
     * iptables ({@link Family#IP}) or ip6tables ({@link Family#IP6}) in {@code ns}; for IPv4 also
     * reached as {@code ns.iptables()}, next to {@code ns.firewall()}.
     *
     * @param ns the namespace (a {@code Netns}); it must stay open while this is used
     * @param family {@link Family#IP} or {@link Family#IP6}
     * @return the verbs
     * @throws IllegalArgumentException for any other family
     */
    public static Iptables in(NamespaceRef ns, Family family) {
        if (family != Family.IP && family != Family.IP6) {
            throw new IllegalArgumentException("iptables works on family ip (iptables) or ip6 (ip6tables), not " + family);
        }
        return new Iptables(Firewall.in(ns), family);
    }

    /**
     * The family this works on.
     *
     * @return {@link Family#IP} (iptables) or {@link Family#IP6} (ip6tables)
     */
    public Family family() {
        return family;
    }

    /**
     * Appends a rule: {@code iptables -t TABLE -A CHAIN RULE}.
     *
     * @param table {@code filter} or {@code nat}
     * @param chain a built-in chain or a user chain of the table
     * @param rule the rule
     * @throws IllegalArgumentException for an unwritable rule, a jump to a built-in chain, a misplaced target (NAT, REJECT)
     * @throws io.netns4j.error.NotFoundException when the chain or the jump's target chain does not exist
     * @throws NetnsException when libnftables refuses or the namespace cannot be entered
     */
    public void append(String table, String chain, Rule rule) throws NetnsException {
        State s = read(table);
        StringBuilder script = s.prepare(chain, rule);
        script.append("add rule ").append(s.id).append(' ').append(chain).append(' ').append(rule.toNft()).append('\n');
        run(script);
    }

    /**
     * Inserts a rule: {@code iptables -t TABLE -I CHAIN POSITION RULE}.
     *
     * @param table {@code filter} or {@code nat}
     * @param chain a built-in chain or a user chain of the table
     * @param position 1 is first; the chain's rule count plus one appends
     * @param rule the rule
     * @throws io.netns4j.error.InvalidRequestException when {@code position} is outside 1 to count+1
     * @throws IllegalArgumentException as for {@link #append}
     * @throws io.netns4j.error.NotFoundException when the chain or the jump's target chain does not exist
     * @throws NetnsException when libnftables refuses or the namespace cannot be entered
     */
    public void insert(String table, String chain, int position, Rule rule) throws NetnsException {
        State s = read(table);
        StringBuilder script = s.prepare(chain, rule);
        List<Long> handles = s.handles(chain);
        if (position < 1 || position > handles.size() + 1) {
            throw new InvalidRequestException("Index of insertion too big: chain " + chain + " has " + handles.size()
                    + " rules, so the position goes from 1 to " + (handles.size() + 1), E2BIG, null);
        }
        if (position == handles.size() + 1) {
            script.append("add rule ");
        } else {
            script.append("insert rule ");
        }
        script.append(s.id).append(' ').append(chain);
        if (position <= handles.size()) {
            script.append(" handle ").append(handles.get(position - 1));
        }
        script.append(' ').append(rule.toNft()).append('\n');
        run(script);
    }

    /**
     * Replaces a rule: {@code iptables -t TABLE -R CHAIN POSITION RULE}.
     *
     * @param table {@code filter} or {@code nat}
     * @param chain a built-in chain or a user chain of the table
     * @param position the rule's number, 1 is first
     * @param rule the new rule
     * @throws io.netns4j.error.InvalidRequestException when there is no rule {@code position}
     * @throws IllegalArgumentException as for {@link #append}
     * @throws io.netns4j.error.NotFoundException when the chain or the jump's target chain does not exist
     * @throws NetnsException when libnftables refuses or the namespace cannot be entered
     */
    public void replace(String table, String chain, int position, Rule rule) throws NetnsException {
        State s = read(table);
        StringBuilder script = s.prepare(chain, rule);
        long handle = s.handleAt(chain, position, "replacement");
        script.append("replace rule ").append(s.id).append(' ').append(chain).append(" handle ").append(handle)
                .append(' ').append(rule.toNft()).append('\n');
        run(script);
    }

    /**
     * Deletes a rule by number: {@code iptables -t TABLE -D CHAIN POSITION}.
     *
     * @param table {@code filter} or {@code nat}
     * @param chain a built-in chain or a user chain of the table
     * @param position the rule's number, 1 is first
     * @throws io.netns4j.error.InvalidRequestException when there is no rule {@code position}
     * @throws io.netns4j.error.NotFoundException when the chain does not exist
     * @throws NetnsException when libnftables refuses or the namespace cannot be entered
     */
    public void delete(String table, String chain, int position) throws NetnsException {
        State s = read(table);
        s.requireChain(chain);
        long handle = s.handleAt(chain, position, "deletion");
        run(new StringBuilder("delete rule ").append(s.id).append(' ').append(chain).append(" handle ").append(handle));
    }

    /**
     * Deletes a rule by content: {@code iptables -t TABLE -D CHAIN RULE}: the first rule equal to
     * {@code rule}, counts aside.
     *
     * @param table {@code filter} or {@code nat}
     * @param chain a built-in chain or a user chain of the table
     * @param rule the rule to match
     * @throws io.netns4j.error.NotFoundException when the chain does not exist or holds no such rule
     * @throws NetnsException when libnftables refuses or the namespace cannot be entered
     */
    public void delete(String table, String chain, Rule rule) throws NetnsException {
        State s = read(table);
        s.requireChain(chain);
        int index = s.indexOf(chain, rule);
        if (index < 0) {
            throw new NotFoundException("Bad rule (does a matching rule exist in that chain?): chain " + chain
                    + " has no rule " + rule.toNft(), Errno.ENOENT, null);
        }
        run(new StringBuilder("delete rule ").append(s.id).append(' ').append(chain).append(" handle ")
                .append(s.handles(chain).get(index)));
    }

    /**
     * Checks for a rule: {@code iptables -t TABLE -C CHAIN RULE}.
     *
     * @param table {@code filter} or {@code nat}
     * @param chain a built-in chain or a user chain of the table
     * @param rule the rule to look for, counts aside
     * @return whether the chain holds a rule equal to {@code rule}
     * @throws io.netns4j.error.NotFoundException when the chain does not exist
     * @throws NetnsException when libnftables refuses or the namespace cannot be entered
     */
    public boolean contains(String table, String chain, Rule rule) throws NetnsException {
        State s = read(table);
        s.requireChain(chain);
        return s.indexOf(chain, rule) >= 0;
    }

    /**
     * Removes rules: {@code iptables -t TABLE -F [CHAIN]}. Nothing happens when the table does not exist yet.
     *
     * @param table {@code filter} or {@code nat}
     * @param chain one chain, or null for every chain of the table
     * @throws io.netns4j.error.NotFoundException when {@code chain} does not exist
     * @throws NetnsException when libnftables refuses or the namespace cannot be entered
     */
    public void flush(String table, String chain) throws NetnsException {
        State s = read(table);
        if (chain != null) {
            s.requireChain(chain);
        }
        if (s.table.isEmpty() || (chain != null && s.table.get().chain(chain).isEmpty())) {
            return; // nothing there yet: nothing to flush
        }
        run(new StringBuilder(chain == null ? "flush table " + s.id : "flush chain " + s.id + " " + chain));
    }

    /**
     * Zeroes counters: {@code iptables -t TABLE -Z [CHAIN]} (each rule that counted is replaced by itself
     * with zero counts).
     *
     * @param table {@code filter} or {@code nat}
     * @param chain one chain, or null for every chain of the table
     * @throws io.netns4j.error.NotFoundException when {@code chain} does not exist
     * @throws NetnsException when libnftables refuses or the namespace cannot be entered
     */
    public void zero(String table, String chain) throws NetnsException {
        State s = read(table);
        if (chain != null) {
            s.requireChain(chain);
        }
        StringBuilder script = new StringBuilder();
        for (Chain c : s.table.map(Table::chains).orElse(List.of())) {
            if (chain != null && !c.name().equals(chain)) {
                continue;
            }
            List<Long> handles = s.handles(c.name());
            for (int i = 0; i < c.rules().size(); i++) {
                Rule r = c.rules().get(i);
                if (r.writable() && r.counter().filter(k -> k.packets() != 0 || k.bytes() != 0).isPresent()) {
                    script.append("replace rule ").append(s.id).append(' ').append(c.name()).append(" handle ")
                            .append(handles.get(i)).append(' ').append(r.withoutCounts().toNft()).append('\n');
                }
            }
        }
        if (!script.isEmpty()) {
            run(script);
        }
    }

    /**
     * Sets a built-in chain's policy: {@code iptables -t TABLE -P CHAIN POLICY}; only built-in chains have one.
     *
     * @param table {@code filter} or {@code nat}
     * @param chain a built-in chain of the table
     * @param policy {@code ACCEPT} or {@code DROP}
     * @throws IllegalArgumentException for a chain that is not built in
     * @throws NetnsException when libnftables refuses or the namespace cannot be entered
     */
    public void policy(String table, String chain, Policy policy) throws NetnsException {
        State s = read(table);
        IptablesLayout.builtin(table, chain).orElseThrow(() -> new IllegalArgumentException(
                "Bad built-in chain name: " + chain + " is not a built-in chain of table " + table + " ("
                        + String.join(", ", IptablesLayout.builtinChains(table)) + ")"));
        StringBuilder script = new StringBuilder();
        s.ensure(script, chain, policy);
        run(script);
    }

    /**
     * Creates a user chain: {@code iptables -t TABLE -N CHAIN}.
     *
     * @param table {@code filter} or {@code nat}
     * @param chain the name: at most 28 characters, not starting with {@code -} or {@code !}, not a target name
     * @throws IllegalArgumentException for an invalid name
     * @throws io.netns4j.error.AlreadyExistsException when the chain exists (or is a built-in one)
     * @throws NetnsException when libnftables refuses or the namespace cannot be entered
     */
    public void newChain(String table, String chain) throws NetnsException {
        checkUserChainName(chain);
        State s = read(table);
        if (IptablesLayout.builtin(table, chain).isPresent() || s.chain(chain).isPresent()) {
            throw new AlreadyExistsException("Chain already exists: " + chain + " (table " + table + ")",
                    Errno.EEXIST, null);
        }
        StringBuilder script = new StringBuilder();
        s.ensure(script, chain, null);
        script.append("add chain ").append(s.id).append(' ').append(chain).append('\n');
        run(script);
    }

    /**
     * Deletes user chains: {@code iptables -t TABLE -X [CHAIN]}: an empty, unreferenced user chain, or all
     * of them when null.
     *
     * @param table {@code filter} or {@code nat}
     * @param chain one user chain, or null for every user chain of the table
     * @throws IllegalArgumentException for a built-in chain
     * @throws io.netns4j.error.NotFoundException when {@code chain} does not exist
     * @throws io.netns4j.error.BusyException when a chain still has rules or is the target of a jump
     * @throws NetnsException when libnftables refuses or the namespace cannot be entered
     */
    public void deleteChain(String table, String chain) throws NetnsException {
        State s = read(table);
        List<Chain> targets = new ArrayList<>();
        if (chain != null) {
            if (IptablesLayout.builtin(table, chain).isPresent()) {
                throw new IllegalArgumentException("Can't delete built-in chain " + chain);
            }
            targets.add(s.chain(chain).orElseThrow(() -> noChain(chain, table)));
        } else {
            s.table.map(Table::chains).orElse(List.of()).stream().filter(c -> !c.isBase()).forEach(targets::add);
        }
        StringBuilder script = new StringBuilder();
        for (Chain c : targets) {
            if (!c.rules().isEmpty()) {
                throw new BusyException("Chain " + c.name() + " is not empty (" + c.rules().size()
                        + " rules): flush it first with -F " + c.name(), Errno.EBUSY, null);
            }
            long refs = s.references(c.name());
            if (refs > 0) {
                throw new BusyException("Chain " + c.name() + " is still referenced by " + refs
                        + " rules (-j/-g " + c.name() + "): delete those first", Errno.EBUSY, null);
            }
            script.append("delete chain ").append(s.id).append(' ').append(c.name()).append('\n');
        }
        if (!script.isEmpty()) {
            run(script);
        }
    }

    /**
     * The table as {@code iptables -t TABLE -S/-L} shows it: built-in chains first in hook order (a missing
     * one appears with policy ACCEPT and no rules, as iptables-nft shows it), then the other chains by name.
     *
     * @param table {@code filter} or {@code nat}
     * @return the table; its chains' rules with their counters
     * @throws NetnsException when libnftables refuses or the namespace cannot be entered
     */
    public Table list(String table) throws NetnsException {
        State s = read(table);
        List<Chain> out = new ArrayList<>();
        for (String name : IptablesLayout.builtinChains(table)) {
            out.add(s.chain(name).orElse(Chain.base(name, IptablesLayout.builtin(table, name).orElseThrow())));
        }
        s.table.map(Table::chains).orElse(List.of()).stream()
                .filter(c -> IptablesLayout.builtin(table, c.name()).isEmpty())
                .sorted(Comparator.comparing(Chain::name))
                .forEach(out::add);
        return new Table(family, table, out, s.table.map(Table::unsupported).orElse(List.of()));
    }

    // ---- internals ----

    private State read(String table) throws NetnsException {
        IptablesLayout.builtinChains(table); // rejects unknown tables before any system call
        return new State(table, firewall.listTable(family, table));
    }

    private void run(StringBuilder script) throws NetnsException {
        firewall.run(script.toString());
    }

    static void checkUserChainName(String chain) {
        if (chain.length() > 28 || TARGET_NAMES.contains(chain) || chain.startsWith("-") || chain.startsWith("!")) {
            throw new IllegalArgumentException("Invalid chain name \"" + chain + "\": at most 28 characters, not"
                    + " starting with - or !, and not a target name such as ACCEPT");
        }
        NftSyntax.identifier(chain, "chain");
    }

    private static NotFoundException noChain(String chain, String table) {
        return new NotFoundException("No chain/target/match by that name: chain " + chain + " does not exist in table "
                + table, Errno.ENOENT, null);
    }

    /** What one call read: the table (if it exists) and its rule handles. */
    private final class State {
        final String name;
        final String id;
        final Optional<Table> table;
        final RulesetJson.Listing listing;

        State(String name, Optional<RulesetJson.Listing> listing) {
            this.name = name;
            this.id = family.keyword() + " " + name;
            this.listing = listing.orElse(null);
            this.table = listing.map(l -> l.ruleset().tables().getFirst());
        }

        Optional<Chain> chain(String chain) {
            return table.flatMap(t -> t.chain(chain));
        }

        List<Long> handles(String chain) {
            return listing == null ? List.of() : listing.handles(family, name, chain);
        }

        void requireChain(String chain) throws NotFoundException {
            if (chain(chain).isEmpty() && IptablesLayout.builtin(name, chain).isEmpty()) {
                throw noChain(chain, name);
            }
        }

        /** Checks the chain and the jump target; starts the script with what must be created first. */
        StringBuilder prepare(String chain, Rule rule) throws NotFoundException {
            if (!rule.writable()) {
                throw new IllegalArgumentException("The rule holds a part netns4j cannot write: " + rule);
            }
            requireChain(chain);
            String target = switch (rule.verdict()) {
                case Verdict.Jump j -> j.chain();
                case Verdict.Goto g -> g.chain();
                default -> null;
            };
            if (target != null) {
                if (IptablesLayout.builtin(name, target).isPresent() || chain(target).filter(Chain::isBase).isPresent()) {
                    throw new IllegalArgumentException("Cannot jump to built-in chain " + target);
                }
                if (chain(target).isEmpty()) {
                    throw new NotFoundException("No chain/target/match by that name: the target chain " + target
                            + " does not exist in table " + name + " (create it with -N " + target + ")",
                            Errno.ENOENT, null);
                }
            }
            boolean nat = rule.verdict() instanceof Verdict.Masquerade || rule.verdict() instanceof Verdict.Nat;
            if (nat != name.equals("nat") && (nat || rule.verdict() instanceof Verdict.Reject)) {
                throw new IllegalArgumentException((nat ? "SNAT, DNAT and MASQUERADE are only valid in table nat"
                        : "REJECT is not valid in table nat") + " (iptables -t " + (nat ? "nat" : "filter") + ")");
            }
            Optional<Hook> builtin = IptablesLayout.builtin(name, chain);
            if (builtin.isPresent() && rule.verdict() instanceof Verdict.Nat n
                    && !List.of(n.source() ? "postrouting" : "prerouting", n.source() ? "input" : "output")
                    .contains(builtin.get().hook())) {
                throw new IllegalArgumentException((n.source() ? "SNAT" : "DNAT") + " is only valid in "
                        + (n.source() ? "POSTROUTING and INPUT" : "PREROUTING and OUTPUT") + ", not in " + chain);
            }
            if (builtin.isPresent() && rule.verdict() instanceof Verdict.Masquerade
                    && !builtin.get().hook().equals("postrouting")) {
                throw new IllegalArgumentException("MASQUERADE is only valid in POSTROUTING, not in " + chain);
            }
            StringBuilder script = new StringBuilder();
            ensure(script, chain, null);
            return script;
        }

        /**
         * Creates what {@code chain} needs: the table with all its built-in chains when the
         * table is new (iptables-nft's layout), else the built-in chain if it went missing.
         */
        void ensure(StringBuilder script, String chain, Policy policy) {
            if (table.isEmpty()) {
                script.append("add table ").append(id).append('\n');
                for (String builtin : IptablesLayout.builtinChains(name)) {
                    Hook hook = IptablesLayout.builtin(name, builtin).orElseThrow();
                    addChain(script, builtin, policy != null && builtin.equals(chain) ? hook.withPolicy(policy) : hook);
                }
            } else if (chain(chain).isEmpty() && IptablesLayout.builtin(name, chain).isPresent()) {
                Hook hook = IptablesLayout.builtin(name, chain).orElseThrow();
                addChain(script, chain, policy != null ? hook.withPolicy(policy) : hook);
            } else if (policy != null) {
                script.append("add chain ").append(id).append(' ').append(chain).append(" { policy ")
                        .append(policy.keyword()).append("; }\n");
            }
        }

        private void addChain(StringBuilder script, String chain, Hook hook) {
            script.append("add chain ").append(id).append(' ').append(chain).append(" { ").append(hook.toNft())
                    .append(" }\n");
        }

        long handleAt(String chain, int position, String what) throws InvalidRequestException {
            List<Long> handles = handles(chain);
            if (position < 1 || position > handles.size()) {
                throw new InvalidRequestException("Index of " + what + " too big: chain " + chain + " has "
                        + handles.size() + " rules" + (handles.isEmpty() ? "" : ", numbered 1 to " + handles.size()),
                        E2BIG, null);
            }
            return handles.get(position - 1);
        }

        int indexOf(String chain, Rule rule) {
            List<Rule> rules = chain(chain).map(Chain::rules).orElse(List.of());
            Rule wanted = rule.withoutCounts();
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).withoutCounts().equals(wanted)) {
                    return i;
                }
            }
            return -1;
        }

        long references(String chain) {
            return table.map(t -> t.chains().stream().flatMap(c -> c.rules().stream())
                    .filter(r -> r.verdict() instanceof Verdict.Jump j && j.chain().equals(chain)
                            || r.verdict() instanceof Verdict.Goto g && g.chain().equals(chain))
                    .count()).orElse(0L);
        }
    }
}
