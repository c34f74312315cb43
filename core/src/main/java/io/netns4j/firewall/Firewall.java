package io.netns4j.firewall;

import io.netns4j.error.NetnsException;
import io.netns4j.error.NotSupportedException;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.Failures;
import io.netns4j.internal.sys.LibNftables;
import io.netns4j.internal.sys.NamespaceThreads;
import io.netns4j.types.NamespaceRef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The nftables ruleset of one network namespace: read it, replace it atomically, or run
 * any nft command in it. Equivalent to {@code ip netns exec NS nft ...}, without a process:
 * libnftables is called through FFM on a platform thread that has entered the namespace
 * (a netfilter netlink socket belongs to the namespace of the thread that opens it), and
 * the caller's namespace, root included, is never touched.
 *
 * <pre>{@code
 * Firewall fw = Firewall.in(ns);
 * fw.apply(Ruleset.of(new Table(Family.IP, "filter", List.of(
 *         Chain.base("INPUT", Hook.filter("input", Policy.DROP)).withRule(
 *                 Rule.of(Verdict.ACCEPT, Match.inInterface("veth1"), Match.destinationPort("tcp", 80)))))));
 * Ruleset now = fw.read();                       // nft -j list ruleset, parsed
 * fw.run("add rule ip filter INPUT tcp dport 22 accept");
 * }</pre>
 *
 * <p>Needs libnftables ({@value LibNftables#SONAME}, Debian package
 * {@value LibNftables#PACKAGE}); without it every call throws {@link NotSupportedException}.
 */
public final class Firewall {
    /** How error messages name a multi-line script: {@code <script>:LINE:COLUMNS: Error: ...}. */
    static final String SCRIPT_LABEL = "<script>";

    private final NamespaceRef ns;

    private Firewall(NamespaceRef ns) {
        this.ns = ns;
    }

    /**
     * The firewall of {@code ns}; the handle must stay open while this is used. Also reached as
     * {@code ns.firewall()}, next to {@code ns.iptables()}.
     *
     * @param ns the namespace (a {@code Netns})
     * @return the firewall
     */
    public static Firewall in(NamespaceRef ns) {
        return new Firewall(ns);
    }

    /**
     * The namespace this firewall belongs to.
     *
     * @return the namespace given to {@link #in}
     */
    public NamespaceRef namespace() {
        return ns;
    }

    /**
     * The whole ruleset: {@code nft -j list ruleset}, parsed into the typed model.
     *
     * @return the ruleset; {@link Ruleset#EMPTY} for a namespace without tables
     * @throws NotSupportedException when libnftables is missing
     * @throws NftablesException when libnftables refuses
     * @throws NetnsException when the namespace cannot be entered
     */
    public Ruleset read() throws NetnsException {
        return listing("list ruleset").ruleset();
    }

    /**
     * One table: {@code nft -j list table FAMILY NAME}.
     *
     * @param family the table's family
     * @param table the table's name
     * @return the table, or empty when it does not exist
     * @throws IllegalArgumentException when {@code table} is not a valid table name
     * @throws NotSupportedException when libnftables is missing
     * @throws NetnsException when libnftables refuses otherwise or the namespace cannot be entered
     */
    public Optional<Table> read(Family family, String table) throws NetnsException {
        return listTable(family, table).map(l -> l.ruleset().tables().getFirst());
    }

    /**
     * Replaces the whole ruleset with {@code ruleset} in one transaction: {@code flush ruleset}
     * and the new tables in one libnftables batch ({@code nft -f FILE}). When the kernel
     * refuses any part, nothing changes and the previous ruleset stays in place.
     *
     * @param ruleset the new ruleset; {@link Ruleset#EMPTY} removes everything
     * @throws IllegalArgumentException when the ruleset holds parts read from the kernel that
     *                                  netns4j cannot write back ({@link Match.Unsupported})
     * @throws NftablesException when libnftables or the kernel refuses (nothing changes)
     * @throws NetnsException when libnftables is missing or the namespace cannot be entered
     */
    public void apply(Ruleset ruleset) throws NetnsException {
        execute(NftScript.replaceRuleset(ruleset), 0, false);
    }

    /**
     * Replaces one table in one transaction (created if missing, its old content dropped);
     * the other tables stay as they are. Equivalent to: {@code nft -f FILE} with
     * {@code add table FAMILY NAME}, {@code delete table FAMILY NAME} and the new table.
     *
     * @param table the new table
     * @throws IllegalArgumentException when the table holds parts netns4j cannot write back
     * @throws NftablesException when libnftables or the kernel refuses (nothing changes)
     * @throws NetnsException when libnftables is missing or the namespace cannot be entered
     */
    public void replace(Table table) throws NetnsException {
        execute(NftScript.replaceTable(table), 0, false);
    }

    /**
     * Removes a table and all it holds: {@code nft delete table FAMILY NAME}.
     *
     * @param family the table's family
     * @param table the table's name
     * @throws IllegalArgumentException when {@code table} is not a valid table name
     * @throws NftablesException when there is no such table (errno ENOENT) or the kernel refuses
     * @throws NetnsException when libnftables is missing or the namespace cannot be entered
     */
    public void delete(Family family, String table) throws NetnsException {
        execute("delete table " + family.keyword() + " " + NftSyntax.identifier(table, "table"), 0, false);
    }

    /**
     * Removes every table: {@code nft flush ruleset}.
     *
     * @throws NftablesException when libnftables refuses
     * @throws NetnsException when libnftables is missing or the namespace cannot be entered
     */
    public void clear() throws NetnsException {
        execute("flush ruleset", 0, false);
    }

    /**
     * Runs nft commands (several may be separated by newlines or {@code ;}), as
     * {@code nft COMMANDS} does, in one transaction; with {@link NftOption#JSON} the commands
     * may be JSON too.
     *
     * @param commands the commands, in nft's language
     * @param options nft's flags ({@code -j}, {@code -a}, {@code -c}, ...)
     * @return what nft printed (listings, echoes) and its warnings
     * @throws NftablesException with libnftables' own error text, pointing at the token
     *                           (in a script of several lines: {@code <script>:LINE:COLUMNS: Error: ...})
     * @throws NetnsException when libnftables is missing or the namespace cannot be entered
     */
    public NftResult run(String commands, NftOption... options) throws NetnsException {
        return execute(commands, flags(options), dryRun(options));
    }

    /**
     * Runs the script in {@code file}, as {@code nft -f FILE} does; see {@link #run}.
     *
     * @param file the script, read by libnftables inside the namespace's thread (the file system is the caller's)
     * @param options nft's flags
     * @return what nft printed and its warnings
     * @throws NftablesException with libnftables' own error text ({@code FILE:LINE:COLUMNS: Error: ...})
     * @throws NetnsException when libnftables is missing or the namespace cannot be entered
     */
    public NftResult runFile(Path file, NftOption... options) throws NetnsException {
        return call(file.toAbsolutePath().toString(), true, flags(options), dryRun(options));
    }

    /**
     * One table with its rule handles. Equivalent to: {@code nft -a -j list table FAMILY NAME}.
     * The iptables translator reads tables this way.
     *
     * @param family the table's family
     * @param table the table's name
     * @return the listing, or empty when the table does not exist
     * @throws IllegalArgumentException when {@code table} is not a valid table name
     * @throws NftablesException when libnftables refuses otherwise
     * @throws NetnsException when libnftables is missing or the namespace cannot be entered
     */
    public Optional<RulesetJson.Listing> listTable(Family family, String table) throws NetnsException {
        try {
            return Optional.of(listing("list table " + family.keyword() + " " + NftSyntax.identifier(table, "table")));
        } catch (NftablesException e) {
            if (e.errno() == io.netns4j.internal.sys.Errno.ENOENT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    // ---- for tests in this package ----

    RulesetJson.Listing listing(String listCommand) throws NetnsException {
        NftResult r = execute(listCommand, LibNftables.OUTPUT_JSON, false);
        return RulesetJson.parse(r.output());
    }

    /**
     * Runs a script. One line goes straight to libnftables; several go through a private
     * temporary file, because libnftables 1.0 quotes the first line of a buffer, not the
     * failing one, in its error messages (from a file it quotes the right line).
     */
    NftResult execute(String script, int flags, boolean dryRun) throws NetnsException {
        String body = script.strip();
        if (body.indexOf('\n') < 0) {
            return call(script, false, flags, dryRun);
        }
        Path file = null;
        try {
            file = Files.createTempFile("netns4j-", ".nft");
            Files.writeString(file, script);
            return call(file.toString(), true, flags, dryRun);
        } catch (NftablesException e) {
            throw new NftablesException(e.getMessage().replace(file + ":", SCRIPT_LABEL + ":"));
        } catch (IOException e) {
            throw new NetnsException("Cannot write the nft script to a temporary file: " + e.getMessage());
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover in the temporary directory; nothing else to do
                }
            }
        }
    }

    private NftResult call(String input, boolean file, int flags, boolean dryRun) throws NetnsException {
        LibNftables.Result r;
        try {
            r = ns.useDescriptor(fd -> NamespaceThreads.callIn(fd, () -> file ? LibNftables.runFile(input, flags, dryRun)
                    : LibNftables.run(input, flags, dryRun)));
        } catch (LibNftables.MissingLibraryException e) {
            throw new NotSupportedException(e.getMessage(), 0, null);
        } catch (ErrnoException e) {
            throw Failures.of(e, (e.call().equals("setns") ? "Cannot enter " : "Cannot open a netfilter netlink socket in ")
                    + describe());
        } catch (NetnsException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new NetnsException("nftables call in " + describe() + " failed: " + e);
        }
        if (!r.ok()) {
            String text = r.errors().isBlank() ? "Error: nftables failed with status " + r.status() : r.errors();
            throw new NftablesException(text);
        }
        return new NftResult(r.output(), r.errors());
    }

    private String describe() {
        return ns.describe();
    }

    private static int flags(NftOption... options) {
        int f = 0;
        for (NftOption o : options) {
            f |= o.flag;
        }
        return f;
    }

    private static boolean dryRun(NftOption... options) {
        for (NftOption o : options) {
            if (o == NftOption.DRY_RUN) {
                return true;
            }
        }
        return false;
    }
}
