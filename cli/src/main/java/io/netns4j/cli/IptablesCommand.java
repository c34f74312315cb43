package io.netns4j.cli;

import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.firewall.Chain;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Table;
import io.netns4j.firewall.iptables.Iptables;
import io.netns4j.firewall.iptables.IptablesCommandLine;
import io.netns4j.firewall.iptables.IptablesSyntaxException;
import io.netns4j.firewall.iptables.IptablesText;

import java.util.List;

/**
 * {@code netns4j [-n NAME] iptables|ip6tables ...}: iptables' commands and its common rule
 * options, done in nftables with iptables-nft's layout (see {@link Iptables}), so that
 * {@code nft list ruleset} shows ordinary rules. The words are parsed by the library
 * ({@link IptablesCommandLine}) before anything is read or changed; its refusals are usage
 * errors (exit 2) with its text. Commands that change the ruleset go through
 * {@link IptablesCommandLine#apply}; {@code -L}, {@code -S} and {@code -C} are carried out here.
 */
final class IptablesCommand implements ObjectCommand {
    private static final int ENOENT = 2;

    @Override
    public void check(GlobalOptions options, List<String> args) throws UsageException {
        parse(args, family(program(options.rest().getFirst())));
    }

    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        String program = program(ctx.options.rest().getFirst());
        Family family = family(program);
        IptablesCommandLine p = parse(args, family);
        if (p.command() == IptablesCommandLine.Command.HELP) {
            ctx.out.println(usage(program));
            return ExitStatus.OK;
        }
        if (p.command() == IptablesCommandLine.Command.VERSION) {
            ctx.out.println(program + " (netns4j " + Version.NUMBER + ", nf_tables via libnftables)");
            return ExitStatus.OK;
        }
        Iptables ipt = Iptables.in(ctx.namespace(), family);
        try {
            return execute(ctx, ipt, p, program);
        } catch (IllegalArgumentException e) {
            ctx.err.println(program + ": " + e.getMessage() + ".");
            return ExitStatus.USAGE;
        } catch (NetnsException e) {
            ctx.err.println(program + ": " + e.getMessage() + (e.getMessage().endsWith(".") ? "" : "."));
            return ExitStatus.FAILED;
        }
    }

    /** iptables or ip6tables, from the object word (which may be abbreviated). */
    private static String program(String object) {
        return Keywords.matches(object, "ip6tables") && !Keywords.matches(object, "iptables") ? "ip6tables" : "iptables";
    }

    private static Family family(String program) {
        return program.equals("ip6tables") ? Family.IP6 : Family.IP;
    }

    /** The library's parse; its refusal is a usage error with the same text. */
    private static IptablesCommandLine parse(List<String> args, Family family) throws UsageException {
        try {
            return IptablesCommandLine.parse(args, family);
        } catch (IptablesSyntaxException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int execute(Context ctx, Iptables ipt, IptablesCommandLine p, String program)
            throws NetnsException {
        switch (p.command()) {
            case CHECK -> {
                if (!ipt.contains(p.table(), p.chain().orElseThrow(), p.rule().orElseThrow())) {
                    ctx.err.println(program + ": Bad rule (does a matching rule exist in that chain?).");
                    return ExitStatus.FAILED;
                }
            }
            case LIST_RULES -> listRules(ctx, ipt, p);
            case LIST -> list(ctx, ipt, p);
            default -> p.apply(ipt);
        }
        return ExitStatus.OK;
    }

    private static Table tableWith(Iptables ipt, IptablesCommandLine p) throws NetnsException {
        Table table = ipt.list(p.table());
        if (p.chain().isPresent() && table.chain(p.chain().get()).isEmpty()) {
            throw new NotFoundException("No chain/target/match by that name: chain " + p.chain().get()
                    + " does not exist in table " + p.table(), ENOENT, null);
        }
        return table;
    }

    /** Whether {@code c} is listed: every chain, or the one named. */
    private static boolean selected(IptablesCommandLine p, Chain c) {
        return p.chain().map(c.name()::equals).orElse(true);
    }

    /** Whether rule {@code index} (from 0) is listed: every rule, or the one numbered. */
    private static boolean selected(IptablesCommandLine p, int index) {
        return p.number().isEmpty() || p.number().getAsInt() == index + 1;
    }

    private static void listRules(Context ctx, Iptables ipt, IptablesCommandLine p) throws NetnsException {
        Table table = tableWith(ipt, p);
        IptablesText text = new IptablesText(ipt.family());
        boolean counts = p.listFormat().verbose();
        List<Chain> chains = table.chains().stream().filter(c -> selected(p, c)).toList();
        if (p.number().isEmpty()) {
            for (Chain c : chains) {
                ctx.out.println(text.saveChain(c, counts));
            }
        }
        for (Chain c : chains) {
            for (int i = 0; i < c.rules().size(); i++) {
                if (selected(p, i)) {
                    ctx.out.println(text.saveRule(c.name(), c.rules().get(i), counts));
                }
            }
        }
    }

    private static void list(Context ctx, Iptables ipt, IptablesCommandLine p) throws NetnsException {
        Table table = tableWith(ipt, p);
        IptablesText text = new IptablesText(ipt.family());
        IptablesText.Format f = p.listFormat();
        boolean first = true;
        for (Chain c : table.chains()) {
            if (!selected(p, c)) {
                continue;
            }
            if (p.number().isEmpty()) {
                if (!first) {
                    ctx.out.println();
                }
                first = false;
                ctx.out.println(text.header(c, table, f));
            }
            for (int i = 0; i < c.rules().size(); i++) {
                if (selected(p, i)) {
                    ctx.out.println(text.listRule(i + 1, c.rules().get(i), f));
                }
            }
        }
    }

    private static String usage(String program) {
        return "Usage: netns4j [-n NAME] " + program + " [-t filter|nat] COMMAND [RULE]\n"
                + "Commands: -A CHAIN RULE | -I CHAIN [N] RULE | -R CHAIN N RULE | -D CHAIN N|RULE | -C CHAIN RULE\n"
                + "          -L [CHAIN [N]] [-n] [-v] [-x] [--line-numbers] | -S [CHAIN [N]] [-v] | -F [CHAIN]\n"
                + "          -Z [CHAIN] | -N CHAIN | -X [CHAIN] | -P CHAIN ACCEPT|DROP\n"
                + "RULE:     " + IptablesCommandLine.supportedRuleOptions() + "\n"
                + "Rules go to nftables in iptables-nft's layout (table " + (program.equals("ip6tables") ? "ip6" : "ip")
                + " filter/nat); see them with \"netns4j nft list ruleset\".";
    }
}
