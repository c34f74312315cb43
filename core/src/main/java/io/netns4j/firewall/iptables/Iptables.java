package io.netns4j.firewall.iptables;

import io.netns4j.error.AlreadyExistsException;
import io.netns4j.error.BusyException;
import io.netns4j.error.InvalidRequestException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.firewall.Chain;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Hook;
import io.netns4j.firewall.NftSyntax;
import io.netns4j.firewall.Policy;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.Table;
import io.netns4j.firewall.Verdict;
import io.netns4j.internal.netlink.nft.NftMessages;
import io.netns4j.internal.sys.Errno;
import io.netns4j.types.NamespaceRef;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * iptables' verbs on a namespace's nftables, written as iptables-nft 1.8.9 writes them, so the
 * real {@code iptables -S}, {@code iptables-save} and {@code -D} read netns4j's rules as the
 * same rules, and the other way round: each call reads the table over nf_tables netlink, then
 * makes its change in one transaction (a batch), creating the table and the one built-in chain
 * it needs, as iptables-nft does ({@link IptablesLayout}). The expressions are iptables-nft's
 * own: native matches where it uses them, xtables extensions through nft_compat for
 * {@code -m multiport/conntrack/state/comment} and the REJECT, LOG and NAT targets; a rule
 * that cannot be written so is refused ({@link IllegalArgumentException}) before anything
 * changes. Rules are the same {@link Rule} objects as everywhere else; iptables-nft puts a
 * {@code counter} in each rule, so should callers. Positions are iptables' (1 = first). Every verb refuses a table other than filter
 * and nat with an {@link IllegalArgumentException}, before any system call.
 */
public final class Iptables {
    private static final int E2BIG = 7;
    private static final Set<String> TARGET_NAMES = Set.of("ACCEPT", "DROP", "RETURN", "QUEUE", "REJECT", "LOG",
            "MASQUERADE", "SNAT", "DNAT", "REDIRECT", "MARK", "CONNMARK", "NFQUEUE", "NFLOG", "TCPMSS");

    private final IptablesNetlink netlink;
    private final Family family;
    private final IptablesRestore batch; // null: each verb is its own transaction

    private Iptables(NamespaceRef ns, Family family) {
        this(new IptablesNetlink(ns, family), family, null);
    }

    Iptables(IptablesNetlink netlink, Family family, IptablesRestore batch) {
        this.netlink = netlink;
        this.family = family;
        this.batch = batch;
    }

    /**
     * One line of an {@code iptables-restore} table block, for {@link #restore}.
     *
     * @param command   a command that changes the ruleset ({@code -A}, {@code -P}, ...), of this table
     * @param chainLine true for a {@code :CHAIN -} line given as {@code -N CHAIN}: it creates the
     *                  chain, or flushes it when it exists (with {@code --noflush}), as iptables-restore does
     */
    public record RestoreLine(IptablesCommandLine command, boolean chainLine) {
    }

    /**
     * One {@code *TABLE ... COMMIT} block of {@code iptables-restore}, as the real tool commits
     * it: one nf_tables transaction, so when the kernel refuses any part of it the table stays as
     * it was. Without {@code noflush} the table is first deleted and created anew (its rules,
     * user chains and built-in chains' policies go, as with iptables-nft's restore); the lines
     * are then carried out in order against the table as the block has made it so far.
     *
     * @param table   {@code filter} or {@code nat}
     * @param noflush {@code iptables-restore --noflush}: keep what the table holds
     * @param lines   the block's commands, each of {@code table} and of this family
     * @throws IllegalArgumentException as the verbs do, for a line of another table, and for a line
     *         that names by number or content a rule added earlier in the same block (-I before it,
     *         -R, -D): nothing is sent then
     * @throws NetnsException what a verb throws, before anything is sent, or the kernel's refusal of
     *         the transaction (the table is then unchanged)
     */
    public void restore(String table, boolean noflush, List<RestoreLine> lines) throws NetnsException {
        IptablesLayout.builtinChains(table);
        IptablesRestore r = new IptablesRestore(table, family, netlink.nfproto(), netlink.read(table), noflush);
        Iptables recording = new Iptables(netlink, family, r);
        for (RestoreLine line : lines) {
            r.apply(recording, line);
        }
        netlink.run(r.ops());
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
        return new Iptables(ns, family);
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
        List<byte[]> ops = s.prepare(chain, rule);
        ops.add(s.newRule(chain, rule, 0, 0));
        run(ops);
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
        List<byte[]> ops = s.prepare(chain, rule);
        List<Long> handles = s.handles(chain);
        if (position < 1 || position > handles.size() + 1) {
            throw new InvalidRequestException("Index of insertion too big: chain " + chain + " has " + handles.size()
                    + " rules, so the position goes from 1 to " + (handles.size() + 1), E2BIG, null);
        }
        ops.add(s.newRule(chain, rule, position <= handles.size() ? handle(handles.get(position - 1), chain) : 0, 0));
        run(ops);
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
        List<byte[]> ops = s.prepare(chain, rule);
        long handle = s.handleAt(chain, position, "replacement");
        ops.add(s.newRule(chain, rule, 0, handle));
        run(ops);
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
        run(List.of(NftMessages.deleteRules(netlink.nfproto(), table, chain, handle)));
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
        run(List.of(NftMessages.deleteRules(netlink.nfproto(), table, chain, handle(s.handles(chain).get(index), chain))));
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
        run(List.of(NftMessages.deleteRules(netlink.nfproto(), table, chain, 0)));
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
        List<byte[]> ops = new ArrayList<>();
        for (Chain c : s.table.map(Table::chains).orElse(List.of())) {
            if (chain != null && !c.name().equals(chain)) {
                continue;
            }
            List<Long> handles = s.handles(c.name());
            for (int i = 0; i < c.rules().size(); i++) {
                Rule r = c.rules().get(i);
                if (r.writable() && r.counter().filter(k -> k.packets() != 0 || k.bytes() != 0).isPresent()) {
                    ops.add(s.newRule(c.name(), r.withoutCounts(), 0, handle(handles.get(i), c.name())));
                }
            }
        }
        run(ops);
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
        List<byte[]> ops = new ArrayList<>();
        s.ensure(ops, chain, policy);
        run(ops);
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
        List<byte[]> ops = new ArrayList<>();
        s.ensure(ops, chain, null);
        ops.add(NftMessages.newUserChain(netlink.nfproto(), table, chain));
        run(ops);
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
        List<byte[]> ops = new ArrayList<>();
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
            ops.add(NftMessages.deleteChain(netlink.nfproto(), table, c.name()));
        }
        run(ops);
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
        if (batch != null) {
            return new State(table, batch.snapshot(table));
        }
        return new State(table, netlink.read(table));
    }

    private void run(List<byte[]> ops) throws NetnsException {
        if (batch != null) {
            batch.record(ops);
        } else {
            netlink.run(ops);
        }
    }

    /** A rule's handle; refused when the rule is one a restore block added (the kernel has not numbered it). */
    private static long handle(long handle, String chain) {
        if (handle < 0) {
            throw new IllegalArgumentException("the rule of chain " + chain + " this line names was added earlier in"
                    + " the same table block: netns4j's iptables-restore sends a block as one transaction and cannot"
                    + " name its own new rules; use -A in the order wanted, or a separate restore");
        }
        return handle;
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
        final Optional<Table> table;
        final IptablesNetlink.Snapshot snapshot;

        State(String name, Optional<IptablesNetlink.Snapshot> snapshot) {
            this.name = name;
            this.snapshot = snapshot.orElse(null);
            this.table = snapshot.map(IptablesNetlink.Snapshot::table);
        }

        byte[] newRule(String chain, Rule rule, long before, long replace) {
            IptablesNftWriter.Encoded e = IptablesNftWriter.encode(rule, family);
            return NftMessages.newRule(netlink.nfproto(), name, chain, e.expressions(), e.protocol(),
                    e.protocolInverted(), before, replace);
        }

        Optional<Chain> chain(String chain) {
            return table.flatMap(t -> t.chain(chain));
        }

        List<Long> handles(String chain) {
            return snapshot == null ? List.of() : snapshot.handles().getOrDefault(chain, List.of());
        }

        void requireChain(String chain) throws NotFoundException {
            if (chain(chain).isEmpty() && IptablesLayout.builtin(name, chain).isEmpty()) {
                throw noChain(chain, name);
            }
        }

        /** Checks the chain and the jump target; starts the script with what must be created first. */
        List<byte[]> prepare(String chain, Rule rule) throws NotFoundException {
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
            IptablesNftWriter.encode(rule, family); // refuses what iptables-nft would write otherwise
            List<byte[]> ops = new ArrayList<>();
            ensure(ops, chain, null);
            return ops;
        }

        /**
         * Creates what {@code chain} needs, as iptables-nft does: the table when it is new, and
         * the built-in chain {@code chain} when it is missing (only that one); or sets its policy.
         */
        void ensure(List<byte[]> ops, String chain, Policy policy) {
            int nfproto = netlink.nfproto();
            if (table.isEmpty()) {
                ops.add(NftMessages.newTable(nfproto, name));
            }
            Optional<Hook> builtin = IptablesLayout.builtin(name, chain);
            if (chain(chain).isEmpty() && builtin.isPresent()) {
                Hook hook = builtin.get();
                ops.add(NftMessages.newBaseChain(nfproto, name, chain, hook.type(), IptablesLayout.hookNumber(hook),
                        hook.priority(), (policy == null ? hook.policy() : policy) == Policy.DROP ? 0 : 1));
            } else if (policy != null) {
                ops.add(NftMessages.setPolicy(nfproto, name, chain, policy == Policy.DROP ? 0 : 1));
            }
        }

        long handleAt(String chain, int position, String what) throws InvalidRequestException {
            List<Long> handles = handles(chain);
            if (position < 1 || position > handles.size()) {
                throw new InvalidRequestException("Index of " + what + " too big: chain " + chain + " has "
                        + handles.size() + " rules" + (handles.isEmpty() ? "" : ", numbered 1 to " + handles.size()),
                        E2BIG, null);
            }
            return handle(handles.get(position - 1), chain);
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
